// The committed src/generated/openapi.ts must be what `npm run generate -w @parley/sdk` makes from the
// committed docs/openapi.json: a route change that regenerates the document but not the SDK fails here.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
// Its exports map rewrites `*.js` to `*.mjs`, so find the CLI next to its package.json.
const cli = join(dirname(createRequire(import.meta.url).resolve('openapi-typescript/package.json')), 'bin', 'cli.js');

describe('generated OpenAPI types', () => {
  it('match docs/openapi.json (run `npm run generate -w @parley/sdk` when this fails)', async () => {
    // The same command as the `generate` script, writing to stdout instead of the file.
    const { stdout } = await promisify(execFile)(process.execPath, [cli, '../../docs/openapi.json'], {
      cwd: packageDir,
      maxBuffer: 64 * 1024 * 1024,
    });
    const committed = await readFile(new URL('./generated/openapi.ts', import.meta.url), 'utf8');
    const generated = stdout.split('\n');
    const lines = committed.split('\n');
    const at = generated.findIndex((line, i) => line !== lines[i]);
    const where =
      at === -1
        ? `length (${lines.length} lines, ${generated.length} generated)`
        : `line ${at + 1}:\n  committed: ${lines[at]}\n  generated: ${generated[at]}`;
    expect(committed === stdout, `src/generated/openapi.ts is out of date at ${where}`).toBe(true);
  }, 60_000);
});
