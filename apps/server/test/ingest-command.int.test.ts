// `parley ingest` as an operator runs it: files and folders into an assistant picked by slug, a line
// per document, a summary, and exit code 1 when a document failed (with its reason).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile, mkdir, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../src/deps.js';
import { loadConfig } from '../src/config.js';
import { pino } from 'pino';
import { eq } from 'drizzle-orm';
import { createAssistantBodySchema } from '@parley/contracts';
import { memberships } from '../src/db/schema.js';
import { testDbKind, testScryptParams } from './harness.js';
import { killParleyProcesses, runParleyCli } from './services/parley-cli.js';
import { createTestDatabase, testPostgresUrls } from './services/postgres-server.js';

const fixtures = fileURLToPath(new URL('./fixtures/documents/', import.meta.url));
let dataDir: string;
let env: Record<string, string>;
let dropDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'parley-ingest-'));
  env = { PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'warn', PARLEY_SECRET: randomBytes(32).toString('hex') };
  if (testDbKind() === 'postgres') {
    const db = await createTestDatabase(testPostgresUrls().adminUrl);
    dropDb = db.drop;
    env.DATABASE_URL = db.url;
  }
  // An owner with an assistant "support", made through the services, then released for the CLI.
  const deps = await createDeps(loadConfig(env), { logger: pino({ level: 'silent' }), scryptParams: testScryptParams });
  const { user } = await deps.auth.ensureAdmin({ email: 'owner@example.test', password: 'correct horse battery', name: 'Owner' });
  const [membership] = await deps.database.db.select().from(memberships).where(eq(memberships.userId, user.id));
  const principal = {
    kind: 'user',
    userId: user.id,
    sessionId: 'setup',
    isInstanceAdmin: true,
    organizationId: membership!.organizationId,
    role: 'owner',
  } as const;
  await deps.assistants.create(principal, createAssistantBodySchema.parse({ name: 'Support', slug: 'support' }), {});
  await deps.close();
}, 120_000);
afterAll(async () => {
  killParleyProcesses();
  await dropDb?.();
  await rm(dataDir, { recursive: true, force: true });
});

async function ingest(args: string[]) {
  const run = runParleyCli(['ingest', ...args], env);
  const code = await run.exited;
  return { code, output: run.output() };
}

describe('parley ingest', () => {
  it('indexes a folder of files into the assistant and reports failures with their reasons', async () => {
    const folder = join(dataDir, 'inbox');
    await mkdir(join(folder, 'nested'), { recursive: true });
    await copyFile(join(fixtures, 'rtl.pdf'), join(folder, 'rtl.pdf'));
    await copyFile(join(fixtures, 'pages.pdf'), join(folder, 'nested', 'pages.pdf'));
    await writeFile(join(folder, 'notes.md'), '# Notes\n\nThe warehouse opens at seven.\n');
    const ok = await ingest([folder, '--assistant', 'support']);
    expect(ok.output).toContain('✓ 3 indexed');
    expect(ok.code).toBe(0);

    await writeFile(join(dataDir, 'broken.pdf'), randomBytes(2000));
    const bad = await ingest([join(dataDir, 'broken.pdf'), join(folder, 'notes.md'), '--assistant', 'support']);
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/1 indexed \(1 already there\), 1 failed/);
    expect(bad.output).toMatch(/broken\.pdf: The file is not a supported document type/);
  }, 180_000);

  it('refuses an unknown assistant and missing arguments', async () => {
    const unknown = await ingest([fixtures, '--assistant', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('no assistant with slug "nope"');
    const none = await ingest(['--assistant', 'support']);
    expect(none.code).toBe(1);
    expect(none.output).toContain('name at least one file');
  }, 60_000);
});
