// The usage report over ledger rows written as the chat engine writes them: grouping per UTC day,
// assistant and model, totals, the window and its limits, and the organization boundary.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, errorOf, registerUser, type TestApp, type TestUser } from '../../../test/harness.js';
import { usageEvents } from '../../db/schema.js';

let t: TestApp;
let alice: TestUser;
let mallory: TestUser;
let support: string;
let sales: string;

type UsageEvent = typeof usageEvents.$inferInsert;

async function record(organizationId: string, at: string, values: Partial<UsageEvent> = {}) {
  await t.deps.database.db.insert(usageEvents).values({
    organizationId,
    source: 'chat',
    model: 'llama3',
    status: 'complete',
    promptTokens: 100,
    completionTokens: 10,
    createdAt: new Date(at),
    ...values,
  });
}

async function usage(query: string, headers = alice.headers) {
  return t.app.inject({ method: 'GET', url: `/api/v1/usage?${query}`, headers });
}

beforeAll(async () => {
  t = await createTestApp();
  alice = await registerUser(t.app, { name: 'Alice' });
  mallory = await registerUser(t.app, { name: 'Mallory' });
  support = (await createAssistant(t.app, alice, { name: 'Support' })).id;
  sales = (await createAssistant(t.app, alice, { name: 'Sales' })).id;
  const org = alice.organizationId;
  // 2025-03-01 (UTC): two calls on Support, one cached.
  await record(org, '2025-03-01T08:00:00Z', { assistantId: support, latencyMs: 1000, ttftMs: 200 });
  await record(org, '2025-03-01T23:59:59Z', { assistantId: support, latencyMs: 2000, ttftMs: 400, cached: true, promptTokens: 0 });
  // 2025-03-02 00:30 UTC is still 1 March in America: days are UTC days.
  await record(org, '2025-03-02T00:30:00-00:00', { assistantId: sales, model: 'gpt-4o-mini', status: 'error', completionTokens: 0 });
  await record(org, '2025-03-02T12:00:00Z', {
    assistantId: sales,
    model: 'gpt-4o-mini',
    source: 'title',
    promptTokens: 40,
    completionTokens: 6,
  });
  // An assistant that was deleted since.
  await record(org, '2025-03-03T09:00:00Z', { assistantId: null, model: 'llama3', latencyMs: 600 });
  // Outside the window, and another organization inside it.
  await record(org, '2025-02-28T23:59:59Z', { assistantId: support });
  await record(org, '2025-03-10T00:00:00Z', { assistantId: support });
  await record(mallory.organizationId, '2025-03-01T10:00:00Z', { promptTokens: 999_999 });
});
afterAll(async () => t?.close());

describe('usage report', () => {
  it('groups by UTC day with totals over [from, to)', async () => {
    const res = await usage('from=2025-03-01&to=2025-03-10');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ from: '2025-03-01T00:00:00.000Z', to: '2025-03-10T00:00:00.000Z', groupBy: 'day' });
    expect(report.totals).toEqual({ requests: 5, promptTokens: 340, completionTokens: 36, cachedRequests: 1, errors: 1 });
    expect(report.items).toEqual([
      {
        key: '2025-03-01',
        requests: 2,
        promptTokens: 100,
        completionTokens: 20,
        cachedRequests: 1,
        errors: 0,
        avgLatencyMs: 1500,
        avgTtftMs: 300,
      },
      {
        key: '2025-03-02',
        requests: 2,
        promptTokens: 140,
        completionTokens: 6,
        cachedRequests: 0,
        errors: 1,
        avgLatencyMs: null,
        avgTtftMs: null,
      },
      {
        key: '2025-03-03',
        requests: 1,
        promptTokens: 100,
        completionTokens: 10,
        cachedRequests: 0,
        errors: 0,
        avgLatencyMs: 600,
        avgTtftMs: null,
      },
    ]);
  });

  it('groups by assistant and by model, and filters by assistant', async () => {
    const byAssistant = (await usage('from=2025-03-01&to=2025-03-10&groupBy=assistant')).json();
    expect(byAssistant.items.map((i: { key: string; requests: number }) => [i.key, i.requests])).toEqual(
      [
        [sales, 2],
        [support, 2],
        ['none', 1],
      ].sort((a, b) => Number(b[1]) - Number(a[1]) || String(a[0]).localeCompare(String(b[0]))),
    );
    expect(byAssistant.totals.requests).toBe(5);

    const byModel = (await usage('from=2025-03-01T00:00:00Z&to=2025-03-10T00:00:00Z&groupBy=model')).json();
    expect(byModel.items.map((i: { key: string; requests: number; promptTokens: number }) => [i.key, i.requests, i.promptTokens])).toEqual([
      ['llama3', 3, 200],
      ['gpt-4o-mini', 2, 140],
    ]);

    const onlySupport = (await usage(`from=2025-03-01&to=2025-03-10&assistantId=${support}`)).json();
    expect(onlySupport.totals).toEqual({ requests: 2, promptTokens: 100, completionTokens: 20, cachedRequests: 1, errors: 0 });
    expect(onlySupport.items.map((i: { key: string }) => i.key)).toEqual(['2025-03-01']);
  });

  it('reads date-times with offsets and keeps `to` exclusive', async () => {
    // 2025-03-01T23:00:00-02:00 is 2025-03-02T01:00Z: the 00:30Z error row falls before it.
    const res = await usage(`from=${encodeURIComponent('2025-03-01T23:00:00-02:00')}&to=${encodeURIComponent('2025-03-02T12:00:00Z')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().totals.requests).toBe(0);
    const inclusive = await usage(
      `from=${encodeURIComponent('2025-03-02T00:30:00Z')}&to=${encodeURIComponent('2025-03-02T12:00:00.001Z')}`,
    );
    expect(inclusive.json().totals.requests).toBe(2);
  });

  it('defaults to the last 30 days', async () => {
    await record(alice.organizationId, new Date(Date.now() - 5 * 86_400_000).toISOString(), { assistantId: support, model: 'recent' });
    await record(alice.organizationId, new Date(Date.now() - 40 * 86_400_000).toISOString(), { assistantId: support, model: 'old' });
    const res = await usage('groupBy=model');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.items.map((i: { key: string }) => i.key)).toEqual(['recent']);
    const span = Date.parse(report.to) - Date.parse(report.from);
    expect(span).toBe(30 * 86_400_000);
    expect(Math.abs(Date.parse(report.to) - Date.now())).toBeLessThan(60_000);
  });

  it('refuses a window that ends before it starts or spans more than 366 days', async () => {
    const backwards = await usage('from=2025-03-10&to=2025-03-01');
    expect(backwards.statusCode).toBe(400);
    expect(errorOf(backwards).details?.issues?.[0]?.path).toBe('querystring.to');
    const empty = await usage('from=2025-03-10&to=2025-03-10');
    expect(empty.statusCode).toBe(400);
    const long = await usage('from=2024-01-01&to=2025-03-01');
    expect(long.statusCode).toBe(400);
    expect(errorOf(long).details?.issues?.[0]?.path).toBe('querystring.from');
    expect((await usage('from=2024-03-01&to=2025-03-01')).statusCode).toBe(200); // 365 days
    expect((await usage('from=not-a-date')).statusCode).toBe(400);
    expect((await usage('groupBy=week')).statusCode).toBe(400);
  });

  it('stays inside the organization', async () => {
    const own = (await usage('from=2025-03-01&to=2025-03-10', mallory.headers)).json();
    expect(own.totals).toMatchObject({ requests: 1, promptTokens: 999_999 });
    const foreign = await usage(`from=2025-03-01&to=2025-03-10&assistantId=${support}`, mallory.headers);
    expect(foreign.statusCode).toBe(404);
    expect(errorOf(foreign).code).toBe('assistant_not_found');
    const unknown = await usage(`assistantId=${randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
  });
});
