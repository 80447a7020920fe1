// Generates the committed OpenAPI document (docs/openapi.json) from the routes' zod schemas, or checks
// that the committed one still matches them (CI fails on drift, so the document and SDKs never lie).
//   tsx scripts/openapi.ts write   regenerate docs/openapi.json
//   tsx scripts/openapi.ts check   exit 1 when docs/openapi.json differs from what the code describes
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openPglite } from '../src/db/client.js';
import { createDeps } from '../src/deps.js';

export const openApiDocumentPath = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));

/** The server URL written into the document; fixed so the output does not depend on the environment. */
const DOCUMENT_PUBLIC_URL = 'http://localhost:3000';

/** Pretty JSON with a trailing newline: the exact bytes committed, and compared by the integration test. */
export function serializeOpenApi(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Builds the app on a throwaway in-memory database and returns the document it serves. */
export async function generateOpenApi(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-openapi-'));
  const database = await openPglite(null);
  try {
    const config = loadConfig({
      PARLEY_DATA_DIR: dataDir,
      // Never used to sign anything here; set so no secret file is written.
      PARLEY_SECRET: randomBytes(32).toString('hex'),
      PARLEY_PUBLIC_URL: DOCUMENT_PUBLIC_URL,
      PARLEY_LOG_LEVEL: 'silent',
    });
    const deps = await createDeps(config, { database, logger: pino({ level: 'silent' }) });
    try {
      const app = await buildApp(deps);
      try {
        await app.ready();
        return serializeOpenApi(app.swagger());
      } finally {
        await app.close();
      }
    } finally {
      await deps.close();
    }
  } finally {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function readCommitted(): Promise<string | null> {
  try {
    return await readFile(openApiDocumentPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** First differing line, so the failure says where the drift is without a diff tool. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  committed: ${b[i] ?? '(end of file)'}\n  generated: ${a[i] ?? '(end of file)'}`;
  }
  return '(no line differs)';
}

async function main(mode: string | undefined): Promise<number> {
  if (mode !== 'write' && mode !== 'check') {
    process.stderr.write('Usage: tsx scripts/openapi.ts write|check\n');
    return 2;
  }
  const generated = await generateOpenApi();
  const committed = await readCommitted();
  if (mode === 'write') {
    if (committed === generated) {
      process.stdout.write(`${openApiDocumentPath} is up to date\n`);
    } else {
      await writeFile(openApiDocumentPath, generated);
      process.stdout.write(`wrote ${openApiDocumentPath}\n`);
    }
    return 0;
  }
  if (committed === null) {
    process.stderr.write(`${openApiDocumentPath} is missing. Run \`npm run openapi:generate\` and commit it.\n`);
    return 1;
  }
  if (committed !== generated) {
    process.stderr.write(
      `${openApiDocumentPath} is out of date with the routes' schemas (first difference at ${firstDifference(generated, committed)}).\n` +
        'Run `npm run openapi:generate` and commit docs/openapi.json.\n',
    );
    return 1;
  }
  process.stdout.write(`${openApiDocumentPath} matches the routes\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv[2]).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
