// Builds the widget bundle (src/main.ts → one minified IIFE) and measures it. Shared by the build script
// (scripts/build.mjs, which writes dist/widget.js) and the bundle-size unit test, so both judge the same bytes.
import { mkdir, writeFile } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The budget: the bundle a host page downloads, gzip-compressed, in bytes (30 kB). */
export const GZIP_BUDGET_BYTES = 30_000;

export const entryPoint = fileURLToPath(new URL('../src/main.ts', import.meta.url));
export const outfile = fileURLToPath(new URL('../dist/widget.js', import.meta.url));

/**
 * Bundles the widget in memory; with `write`, also writes it to `to` (default dist/widget.js; the e2e tests
 * write their own copy). The server compresses the file itself, so only the plain script is written.
 */
export async function buildWidget({ write = false, to = outfile } = {}) {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    // Workspace packages (the SDK's SSE parser) are bundled from their TypeScript source, not a build.
    conditions: ['source'],
    // ASCII output: the script stays correct whatever charset a host page or proxy assumes for it.
    charset: 'ascii',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const bytes = Buffer.from(code, 'utf8');
  const sizes = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  if (write) {
    await mkdir(dirname(to), { recursive: true });
    await writeFile(to, bytes);
  }
  return { code, sizes, warnings: result.warnings.map((w) => w.text) };
}
