// Durability of ingestion: the real process (started like `npm start`) is killed with SIGKILL while
// it indexes 20 documents; after a restart every document ends `indexed`, with the same chunks as an
// uninterrupted run and no duplicate chunk rows.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openPglite, queryRows } from '../src/db/client.js';
import { testDbKind } from './harness.js';
import { freePort } from './services/free-port.js';
import { killParleyProcesses, runParleyCli } from './services/parley-cli.js';
import { createTestDatabase, testPostgresUrls } from './services/postgres-server.js';

const DOCUMENTS = 20;

let dataDir: string;
let env: Record<string, string>;
let dbUrl: string | undefined;
let dropDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'parley-crash-'));
  env = {
    PARLEY_DATA_DIR: dataDir,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    PARLEY_LOG_LEVEL: 'warn',
    PARLEY_INGEST_LEASE_SECONDS: '10',
    // One document at a time, so the kill lands with most of the batch still to do on any machine.
    PARLEY_INGEST_CONCURRENCY: '1',
    PARLEY_RATE_LIMIT_PER_MINUTE: '100000',
  };
  if (testDbKind() === 'postgres') {
    const db = await createTestDatabase(testPostgresUrls().adminUrl);
    dbUrl = db.url;
    dropDb = db.drop;
    Object.assign(env, { DATABASE_URL: db.url, PARLEY_SECRET: randomBytes(32).toString('hex') });
  }
});
afterAll(async () => {
  killParleyProcesses();
  await dropDb?.();
  await rm(dataDir, { recursive: true, force: true });
});

const start = (role: 'api' | 'both' = 'both') => runParleyCli(['start', '--role', role], env);

const base = () => `http://127.0.0.1:${env.PORT}`;
let headers: Record<string, string> = {};

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base()}${path}`, {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function waitReady() {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base()}/ready`)).status === 200) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error('Parley did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A document of a few hundred paragraphs in several languages, different per index. */
function documentText(i: number): string {
  const lines = [
    `Section ${i}: the warehouse in Lisbon ships order number ${i * 7} before noon.`,
    `О складе ${i}: заказ номер ${i * 11} отправляется до полудня.`,
    `מחסן ${i}: ההזמנה מספר ${i * 13} נשלחת לפני הצהריים.`,
    `انبار ${i}: سفارش شماره ${i * 17} پیش از ظهر ارسال می‌شود.`,
  ];
  return Array.from({ length: 120 + i * 5 }, (_, p) => `${lines[p % lines.length]} Paragraph ${p}.`).join('\n\n');
}

async function statuses(assistantId: string) {
  const res = await api('GET', `/api/v1/assistants/${assistantId}/documents?limit=100`);
  return res.body.items as { id: string; title: string; status: string; chunkCount: number; error: string | null }[];
}

describe('ingestion survives kill -9', () => {
  it('indexes all 20 documents after a crash and a restart, with the chunks of an uninterrupted run', async () => {
    // The batch is queued by an API-only process, so no worker can finish it before the kill.
    let proc = start('api');
    await waitReady();
    const reg = await api('POST', '/api/v1/auth/register', { email: 'crash@example.test', password: 'correct horse battery' });
    expect(reg.status).toBe(201);
    headers = { authorization: `Bearer ${reg.body.accessToken}` };
    const crashed = (await api('POST', '/api/v1/assistants', { name: 'Crashed' })).body.id as string;
    const calm = (await api('POST', '/api/v1/assistants', { name: 'Calm' })).body.id as string;

    for (let i = 0; i < DOCUMENTS; i++) {
      const res = await api('POST', `/api/v1/assistants/${crashed}/documents`, { title: `doc-${i}`, text: documentText(i) });
      expect(res.status).toBe(202);
    }
    expect((await statuses(crashed)).map((d) => d.status)).toEqual(Array(DOCUMENTS).fill('queued'));
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);

    // Now with the worker: kill as soon as it is inside the batch.
    proc = start();
    await waitReady();
    const deadline = Date.now() + 60_000;
    let atKill: Awaited<ReturnType<typeof statuses>>;
    for (;;) {
      atKill = await statuses(crashed);
      if (atKill.some((d) => d.status === 'processing' || d.status === 'indexed')) break;
      if (Date.now() > deadline) throw new Error(`nothing started: ${proc.output()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    proc.child.kill('SIGKILL');
    await proc.exited;

    expect(atKill.filter((d) => d.status === 'indexed').length, 'killed mid-way').toBeLessThan(DOCUMENTS);

    proc = start();
    await waitReady();

    // The same documents in another assistant, ingested without interruption, give the expected counts.
    for (let i = 0; i < DOCUMENTS; i++) {
      await api('POST', `/api/v1/assistants/${calm}/documents`, { title: `doc-${i}`, text: documentText(i) });
    }
    const settle = async (id: string) => {
      const end = Date.now() + 120_000;
      for (;;) {
        const s = await statuses(id);
        if (s.length === DOCUMENTS && s.every((d) => d.status === 'indexed' || d.status === 'failed')) return s;
        if (Date.now() > end) throw new Error(`not settled: ${JSON.stringify(s.map((d) => d.status))}\n${proc.output()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const recovered = await settle(crashed);
    const reference = await settle(calm);
    expect(recovered.filter((d) => d.status !== 'indexed')).toEqual([]);
    const counts = (docs: typeof recovered) => Object.fromEntries(docs.map((d) => [d.title, d.chunkCount]));
    expect(counts(recovered)).toEqual(counts(reference));

    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);

    // No duplicate or missing chunk rows: each document has exactly chunk_count rows.
    const query = `select d.title, d.chunk_count, count(c.id)::int as rows from documents d left join chunks c on c.document_id = d.id
                   where d.assistant_id = '${crashed}' group by d.id`;
    let rows: { title: string; chunk_count: number; rows: number }[];
    if (dbUrl) {
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      rows = (await client.query(query)).rows;
      await client.end();
    } else {
      const db = await openPglite(join(dataDir, 'pglite'));
      rows = await queryRows(db.db, sql.raw(query));
      await db.close();
    }
    expect(rows).toHaveLength(DOCUMENTS);
    for (const r of rows) expect(r.rows, r.title).toBe(r.chunk_count);
  }, 300_000);
});
