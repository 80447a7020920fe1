// The usage report over ledger rows and answers written as the chat engine writes them: grouping per UTC
// day, assistant and model, totals, latency percentiles, answers counted from the conversations (extractive
// ones included), the window and its limits, and the organization boundary.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, errorOf, registerUser, type TestApp, type TestUser } from '../../../test/harness.js';
import { conversations, messages, usageEvents } from '../../db/schema.js';

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

/** A message of a conversation on `assistantId`, as the chat engine stores it. */
async function answer(organizationId: string, assistantId: string, at: string, values: Partial<typeof messages.$inferInsert> = {}) {
  const db = t.deps.database.db;
  const [conversation] = await db.insert(conversations).values({ organizationId, assistantId, title: 'Usage' }).returning();
  await db.insert(messages).values({
    conversationId: conversation!.id,
    role: 'assistant',
    content: 'An answer',
    status: 'complete',
    model: 'llama3',
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
  // Answers in conversations: one by a model, one extractive (no ledger row) on a day without calls; the
  // person's question is not an answer; the other organization's answer is not ours.
  await answer(org, support, '2025-03-01T08:00:01Z');
  await answer(org, support, '2025-03-01T07:59:59Z', { role: 'user', model: null });
  await answer(org, support, '2025-03-04T10:00:00Z', { model: 'extractive', latencyMs: 30 });
  await answer(org, support, '2025-03-12T10:00:00Z');
  const malloryAssistant = (await createAssistant(t.app, mallory, { name: 'Elsewhere' })).id;
  await answer(mallory.organizationId, malloryAssistant, '2025-03-01T10:00:00Z');
});
afterAll(async () => t?.close());

describe('usage report', () => {
  it('groups by UTC day with totals over [from, to)', async () => {
    const res = await usage('from=2025-03-01&to=2025-03-10');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ from: '2025-03-01T00:00:00.000Z', to: '2025-03-10T00:00:00.000Z', groupBy: 'day' });
    expect(report.totals).toEqual({
      requests: 5,
      promptTokens: 340,
      completionTokens: 36,
      cachedRequests: 1,
      errors: 1,
      messages: 2,
      // Over the answers' calls (the title call is left out): latencies 600, 1000, 2000; first tokens 200, 400.
      p50LatencyMs: 1000,
      p95LatencyMs: 1900,
      p95TtftMs: 390,
    });
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
        messages: 1,
        p50LatencyMs: 1500,
        p95LatencyMs: 1950,
        p95TtftMs: 390,
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
        messages: 0,
        p50LatencyMs: null,
        p95LatencyMs: null,
        p95TtftMs: null,
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
        messages: 0,
        p50LatencyMs: 600,
        p95LatencyMs: 600,
        p95TtftMs: null,
      },
      {
        // Only an extractive answer: no model call that day.
        key: '2025-03-04',
        requests: 0,
        promptTokens: 0,
        completionTokens: 0,
        cachedRequests: 0,
        errors: 0,
        avgLatencyMs: null,
        avgTtftMs: null,
        messages: 1,
        p50LatencyMs: null,
        p95LatencyMs: null,
        p95TtftMs: null,
      },
    ]);
  });

  it('groups by assistant and by model, and filters by assistant', async () => {
    const byAssistant = (await usage('from=2025-03-01&to=2025-03-10&groupBy=assistant')).json();
    // Most calls first; then most answers; then by key.
    expect(byAssistant.items.map((i: { key: string; requests: number; messages: number }) => [i.key, i.requests, i.messages])).toEqual([
      [support, 2, 2],
      [sales, 2, 0],
      ['none', 1, 0],
    ]);
    expect(byAssistant.totals).toMatchObject({ requests: 5, messages: 2 });

    const byModel = (await usage('from=2025-03-01T00:00:00Z&to=2025-03-10T00:00:00Z&groupBy=model')).json();
    expect(
      byModel.items.map((i: { key: string; requests: number; promptTokens: number; messages: number }) => [
        i.key,
        i.requests,
        i.promptTokens,
        i.messages,
      ]),
    ).toEqual([
      ['llama3', 3, 200, 1],
      ['gpt-4o-mini', 2, 140, 0],
      ['extractive', 0, 0, 1],
    ]);

    const onlySupport = (await usage(`from=2025-03-01&to=2025-03-10&assistantId=${support}`)).json();
    expect(onlySupport.totals).toEqual({
      requests: 2,
      promptTokens: 100,
      completionTokens: 20,
      cachedRequests: 1,
      errors: 0,
      messages: 2,
      p50LatencyMs: 1500,
      p95LatencyMs: 1950,
      p95TtftMs: 390,
    });
    expect(onlySupport.items.map((i: { key: string }) => i.key)).toEqual(['2025-03-01', '2025-03-04']);
    const onlySales = (await usage(`from=2025-03-01&to=2025-03-10&assistantId=${sales}`)).json();
    expect(onlySales.totals).toMatchObject({ requests: 2, messages: 0, p50LatencyMs: null, p95TtftMs: null });
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
    expect(own.totals).toMatchObject({ requests: 1, promptTokens: 999_999, messages: 1 });
    const foreign = await usage(`from=2025-03-01&to=2025-03-10&assistantId=${support}`, mallory.headers);
    expect(foreign.statusCode).toBe(404);
    expect(errorOf(foreign).code).toBe('assistant_not_found');
    const unknown = await usage(`assistantId=${randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
  });
});
