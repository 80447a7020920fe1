// Builds a real Parley app for integration tests: a real database (in-memory PGlite in the `pglite`
// tier, a fresh database on the throwaway PostgreSQL server in the `postgres` tier), real HTTP stack
// through app.inject, and small factories for users and assistants.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { openPglite, type Database } from '../src/db/client.js';
import { createDeps, type Deps } from '../src/deps.js';
import { createTestDatabase, testPostgresUrls } from './services/postgres-server.js';

export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
  const kind = process.env.PARLEY_TEST_DB;
  if (kind !== 'pglite' && kind !== 'postgres') throw new Error('PARLEY_TEST_DB must be pglite or postgres (run through vitest projects)');
  return kind;
}

export interface TestDatabaseHandle {
  env: Record<string, string>;
  /** Set for PGlite: the in-memory instance to hand to createDeps. */
  database?: Database;
  dispose(): Promise<void>;
}

/** A fresh, migrated database for one test file. */
export async function openTestDatabase(): Promise<TestDatabaseHandle> {
  if (testDbKind() === 'pglite') {
    const database = await openPglite(null);
    await database.migrate();
    return { env: {}, database, dispose: () => database.close() };
  }
  const testDb = await createTestDatabase(testPostgresUrls().adminUrl);
  return { env: { DATABASE_URL: testDb.url }, dispose: () => testDb.drop() };
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  config: Config;
  close(): Promise<void>;
}

/** Fast scrypt parameters for tests that create many users; the production cost is tested in password-hasher.test.ts. */
export const testScryptParams = { N: 1024, r: 8, p: 1 };

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-test-'));
  const dbHandle = await openTestDatabase();
  const config = loadConfig({
    PARLEY_DATA_DIR: dataDir,
    PARLEY_SECRET: randomBytes(32).toString('hex'),
    PARLEY_LOG_LEVEL: 'silent',
    ...dbHandle.env,
    ...env,
  });
  const deps = await createDeps(config, {
    logger: pino({ level: env.PARLEY_LOG_LEVEL ?? 'silent' }),
    ...(dbHandle.database ? { database: dbHandle.database } : {}),
    scryptParams: testScryptParams,
  });
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    config,
    async close() {
      await app.close();
      await deps.close();
      await dbHandle.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
export function uniqueEmail(tag = 'user'): string {
  counter += 1;
  return `${tag}-${counter}-${randomBytes(3).toString('hex')}@example.test`;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  organizationId: string;
  headers: Record<string, string>;
}

export async function registerUser(app: FastifyInstance, opts: { email?: string; name?: string } = {}): Promise<TestUser> {
  const email = opts.email ?? uniqueEmail();
  const password = 'correct horse battery';
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password, ...(opts.name ? { name: opts.name } : {}) },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { user: { id: string; email: string }; accessToken: string };
  const headers = { authorization: `Bearer ${body.accessToken}` };
  const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
  return {
    id: body.user.id,
    email: body.user.email,
    password,
    token: body.accessToken,
    organizationId: (me.json() as { activeOrganizationId: string }).activeOrganizationId,
    headers,
  };
}

export async function createAssistant(
  app: FastifyInstance,
  user: TestUser,
  body: Record<string, unknown> = {},
): Promise<{ id: string; slug: string } & Record<string, unknown>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/assistants', headers: user.headers, payload: { name: 'Support', ...body } });
  if (res.statusCode !== 201) throw new Error(`create assistant failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export function errorOf(res: LightMyRequestResponse): {
  code: string;
  message: string;
  details?: { issues?: { path: string; message: string }[] };
} {
  return (res.json() as { error: { code: string; message: string } }).error;
}

/** A multipart/form-data body with one file field, as browsers and curl -F send it. */
export function multipartBody(
  field: string,
  filename: string,
  bytes: Uint8Array,
  mimeType = 'application/octet-stream',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----parley${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${mimeType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadDocument(
  app: FastifyInstance,
  headers: Record<string, string>,
  assistantId: string,
  filename: string,
  bytes: Uint8Array,
  mimeType?: string,
): Promise<LightMyRequestResponse> {
  const body = multipartBody('file', filename, bytes, mimeType);
  return app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${assistantId}/documents`,
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

/** Polls a document until it is indexed or failed, and returns it. */
export async function waitForDocument(
  app: FastifyInstance,
  headers: Record<string, string>,
  assistantId: string,
  documentId: string,
  timeoutMs = 60_000,
): Promise<{ id: string; status: string; error: string | null; chunkCount: number } & Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/assistants/${assistantId}/documents/${documentId}`, headers });
    if (res.statusCode !== 200) throw new Error(`get document failed: ${res.statusCode} ${res.body}`);
    const doc = res.json();
    if (doc.status === 'indexed' || doc.status === 'failed') return doc;
    if (Date.now() > deadline) throw new Error(`document ${documentId} still ${doc.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
