// Two Parley instances on one database and one Redis: a cancel sent to one instance stops the answer
// another instance is writing, a deterministic answer cached by one is served by the other, and an API
// key revoked on one stops working on the other at once (its in-process key cache is invalidated).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openPglite, type Database } from '../src/db/client.js';
import { createDeps, type Deps } from '../src/deps.js';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from './fixtures/fake-openai-upstream.js';
import { registerUser, testScryptParams, type TestUser } from './harness.js';
import { startRedis, type RedisServer } from './services/redis-server.js';
import { readSse } from './sse-client.js';

let redis: RedisServer;
let upstream: FakeOpenAIUpstream;
let database: Database;
let dataDir: string;
const instances: { app: FastifyInstance; deps: Deps; url: string }[] = [];
let owner: TestUser;

beforeAll(async () => {
  redis = await startRedis();
  upstream = await startFakeOpenAIUpstream();
  dataDir = await mkdtemp(join(tmpdir(), 'parley-instances-'));
  database = await openPglite(null);
  await database.migrate();
  const secret = randomBytes(32).toString('hex');
  for (let i = 0; i < 2; i++) {
    const config = loadConfig({
      PARLEY_DATA_DIR: join(dataDir, String(i)),
      PARLEY_SECRET: secret,
      PARLEY_LOG_LEVEL: 'silent',
      REDIS_URL: redis.url,
      PARLEY_LLM_BASE_URL: `${upstream.url}/v1`,
      PARLEY_LLM_MODEL: 'shared-model',
      PARLEY_RATE_LIMIT_PER_MINUTE: '100000',
    });
    const deps = await createDeps(config, {
      logger: pino({ level: 'silent' }),
      database,
      skipMigrations: true,
      scryptParams: testScryptParams,
    });
    const app = await buildApp(deps);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    instances.push({ app, deps, url });
  }
  owner = await registerUser(instances[0]!.app);
}, 60_000);

afterAll(async () => {
  for (const { app, deps } of instances) {
    await app.close();
    await deps.close();
  }
  await database?.close();
  await upstream?.close();
  await redis?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function assistant(body: Record<string, unknown>): Promise<{ id: string; slug: string }> {
  const res = await instances[0]!.app.inject({
    method: 'POST',
    url: '/api/v1/assistants',
    headers: owner.headers,
    payload: { name: 'Shared', ...body },
  });
  return res.json();
}

async function conversation(assistantId: string): Promise<string> {
  const res = await instances[0]!.app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${assistantId}/conversations`,
    headers: owner.headers,
  });
  return res.json().id;
}

describe('chat across instances on Redis', () => {
  it('stops an answer written by one instance when the cancel reaches the other', async () => {
    const a = await assistant({ name: 'Slow' });
    const id = await conversation(a.id);
    upstream.chatScript = { tokens: Array.from({ length: 200 }, (_, i) => `s${i} `), tokenDelayMs: 20 };
    const res = await fetch(`${instances[0]!.url}/api/v1/conversations/${id}/messages`, {
      method: 'POST',
      headers: { ...owner.headers, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'A long answer please' }),
    });
    let messageId = '';
    let cancelledAt = 0;
    let status = '';
    await readSse(res, (e) => {
      const data = JSON.parse(e.data);
      if (e.event === 'meta') messageId = data.assistantMessageId;
      if (e.event === 'token' && data.text === 's2 ' && !cancelledAt) {
        cancelledAt = performance.now();
        void instances[1]!.app.inject({
          method: 'POST',
          url: `/api/v1/conversations/${id}/messages/${messageId}/cancel`,
          headers: owner.headers,
        });
      }
      if (e.event === 'done') status = data.status;
    });
    expect(status).toBe('cancelled');
    const closedAt = await upstream.waitForClientClose(upstream.requestsTo('/v1/chat/completions').at(-1)!);
    expect(closedAt - cancelledAt).toBeLessThan(1_000);
    const messages = await instances[1]!.app.inject({ method: 'GET', url: `/api/v1/conversations/${id}/messages`, headers: owner.headers });
    expect(messages.json().items[1]).toMatchObject({ status: 'cancelled' });
    expect(messages.json().items[1].content.startsWith('s0 s1 s2 ')).toBe(true);
  });

  it('serves an answer cached by one instance from the other', async () => {
    const a = await assistant({ name: 'Deterministic', generation: { temperature: 0 } });
    upstream.chatScript = { tokens: ['same ', 'answer'] };
    const before = upstream.requestsTo('/v1/chat/completions').length;
    const ask = async (i: number) => {
      const res = await instances[i]!.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${await conversation(a.id)}/messages`,
        headers: owner.headers,
        payload: { content: 'Shared cache?' },
      });
      return res.json().assistantMessage;
    };
    expect(await ask(0)).toMatchObject({ content: 'same answer', cached: false });
    expect(await ask(1)).toMatchObject({ content: 'same answer', cached: true });
    const answers = upstream
      .requestsTo('/v1/chat/completions')
      .slice(before)
      .filter((r) => !JSON.stringify(r.body).includes('Write a title'));
    expect(answers).toHaveLength(1);
  });

  it('refuses a key on every instance as soon as one instance revokes it', async () => {
    const a = await assistant({ name: 'Keyed' });
    const key = (
      await instances[0]!.app.inject({
        method: 'POST',
        url: `/api/v1/assistants/${a.id}/api-keys`,
        headers: owner.headers,
        payload: { name: 'k', kind: 'secret' },
      })
    ).json();
    const models = (i: number) =>
      instances[i]!.app.inject({ method: 'GET', url: '/v1/models', headers: { authorization: `Bearer ${key.key}` } });
    expect((await models(1)).statusCode).toBe(200); // instance 1 now holds the key in its cache
    const revoke = await instances[0]!.app.inject({
      method: 'DELETE',
      url: `/api/v1/assistants/${a.id}/api-keys/${key.id}`,
      headers: owner.headers,
    });
    expect(revoke.statusCode).toBe(204);
    await expect.poll(async () => (await models(1)).statusCode, { timeout: 2_000 }).toBe(401);
  });
});
