// The dashboard's figures per assistant: documents (all and indexed), conversations and messages of the
// last 7 days over everyone's conversations, zeros for quiet assistants, and the organization boundary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, registerUser, uniqueEmail, type TestApp, type TestUser } from '../../../test/harness.js';
import { conversations, documents, messages } from '../../db/schema.js';

const DAY_MS = 86_400_000;
let t: TestApp;
let alice: TestUser;
let mallory: TestUser;
let alpha: string;
let beta: string;

async function document(assistantId: string, organizationId: string, status: 'queued' | 'indexed' | 'failed') {
  await t.deps.database.db.insert(documents).values({
    organizationId,
    assistantId,
    title: `${status} document`,
    sourceType: 'text',
    contentHash: `${status}-${Math.random()}`,
    status,
  });
}

/** A conversation on the assistant with messages written `daysAgo` days ago (one each). */
async function conversation(organizationId: string, assistantId: string, daysAgo: number[], userId: string | null = null) {
  const db = t.deps.database.db;
  const [row] = await db.insert(conversations).values({ organizationId, assistantId, userId, title: 'Talk' }).returning();
  for (const [i, days] of daysAgo.entries()) {
    await db.insert(messages).values({
      conversationId: row!.id,
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: 'words',
      status: 'complete',
      createdAt: new Date(Date.now() - days * DAY_MS),
    });
  }
}

async function dashboard(headers: Record<string, string>) {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    assistantId: string;
    documents: number;
    indexedDocuments: number;
    conversations7d: number;
    messages7d: number;
  }[];
}

beforeAll(async () => {
  t = await createTestApp();
  alice = await registerUser(t.app, { name: 'Alice' });
  mallory = await registerUser(t.app, { name: 'Mallory' });
  const org = alice.organizationId;
  beta = (await createAssistant(t.app, alice, { name: 'Beta' })).id;
  alpha = (await createAssistant(t.app, alice, { name: 'Alpha' })).id;
  await document(alpha, org, 'indexed');
  await document(alpha, org, 'indexed');
  await document(alpha, org, 'queued');
  await document(alpha, org, 'failed');
  // Alpha: Alice's conversation this week (3 messages), an API conversation today (2), and one whose only
  // activity is 8 days old (not counted). Beta: only old activity.
  await conversation(org, alpha, [0.5, 0.5, 2], alice.id);
  await conversation(org, alpha, [0, 0]);
  await conversation(org, alpha, [8, 8], alice.id);
  await conversation(org, beta, [30], alice.id);
  const elsewhere = (await createAssistant(t.app, mallory, { name: 'Elsewhere' })).id;
  await document(elsewhere, mallory.organizationId, 'indexed');
  await conversation(mallory.organizationId, elsewhere, [1]);
});
afterAll(async () => t?.close());

describe('dashboard', () => {
  it('gives every assistant of the organization its documents and last-7-days activity, zeros included', async () => {
    expect(await dashboard(alice.headers)).toEqual([
      { assistantId: alpha, documents: 4, indexedDocuments: 2, conversations7d: 2, messages7d: 5 },
      { assistantId: beta, documents: 0, indexedDocuments: 0, conversations7d: 0, messages7d: 0 },
    ]);
  });

  it('counts other members’ conversations too, and stays inside the organization', async () => {
    const email = uniqueEmail('bob');
    const invite = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organizations/${alice.organizationId}/invitations`,
      headers: alice.headers,
      payload: { email, role: 'member' },
    });
    const bob = await registerUser(t.app, { email });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: bob.headers,
      payload: { token: invite.json().token },
    });
    const bobHeaders = { ...bob.headers, 'x-parley-organization': alice.organizationId };
    await conversation(alice.organizationId, beta, [1], bob.id);
    const seenByBob = await dashboard(bobHeaders);
    expect(seenByBob.find((i) => i.assistantId === beta)).toMatchObject({ conversations7d: 1, messages7d: 1 });
    // Bob's personal organization has no assistants.
    expect(await dashboard(bob.headers)).toEqual([]);

    const malloryItems = await dashboard(mallory.headers);
    expect(malloryItems).toHaveLength(1);
    expect(malloryItems[0]).toMatchObject({ documents: 1, indexedDocuments: 1, conversations7d: 1, messages7d: 1 });
    const foreign = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dashboard',
      headers: { ...mallory.headers, 'x-parley-organization': alice.organizationId },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('is for signed-in people: API keys and anonymous callers are refused', async () => {
    const key = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${alpha}/api-keys`,
      headers: alice.headers,
      payload: { name: 'k', kind: 'secret' },
    });
    const withKey = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: { authorization: `Bearer ${key.json().key}` } });
    expect(withKey.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dashboard' })).statusCode).toBe(401);
  });
});
