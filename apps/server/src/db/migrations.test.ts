// The committed SQL migrations are exactly what drizzle-kit generates from schema.ts: a schema change
// without `npm run db:generate` fails here. drizzle-kit runs against a temporary copy of the folder.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));
const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

describe('migrations', () => {
  it('match the schema (no pending drizzle-kit changes)', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'parley-migrations-'));
    try {
      await cp(migrationsDir, join(tmp, 'migrations'), { recursive: true });
      const config = join(tmp, 'drizzle.config.mjs');
      await writeFile(
        config,
        `export default { dialect: 'postgresql', schema: ${JSON.stringify(join(serverDir, 'src/db/schema.ts'))}, out: ${JSON.stringify(relative(serverDir, join(tmp, 'migrations')))} };\n`,
      );
      const before = await readdir(join(tmp, 'migrations'));
      // drizzle-kit resolves `out` against the working directory and exits 0 even on errors: check its words.
      const { stdout, stderr } = await promisify(execFile)(
        join(serverDir, '../../node_modules/.bin/drizzle-kit'),
        ['generate', `--config=${config}`],
        {
          cwd: serverDir,
        },
      );
      const after = await readdir(join(tmp, 'migrations'));
      expect(after, `drizzle-kit generated a new migration:\n${stdout}`).toEqual(before);
      expect(stdout + stderr).toContain('No schema changes');
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  it('start by enabling pgvector, identically for PGlite and PostgreSQL', async () => {
    const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
    expect(files[0]).toBe('0000_enable_extensions.sql');
  });
});
