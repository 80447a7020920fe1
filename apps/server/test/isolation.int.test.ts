// Tenant isolation: every route that takes an id, called by a user of another organization with the
// ids of this organization's resources, answers 404 (never 403, never data), and nothing changes.
// The routes are read from the app's own OpenAPI document, so a new route is walked automatically
// (and fails here until it has a sample body).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, registerUser, uniqueEmail, type TestApp, type TestUser } from './harness.js';

let t: TestApp;
let alice: TestUser;
let mallory: TestUser;
const ids: Record<string, string> = {};

/** Valid bodies, so that validation passes and the tenant check is what answers. */
const sampleBodies: Record<string, unknown> = {
  'PATCH /api/v1/assistants/{id}': { name: 'renamed by mallory' },
  'POST /api/v1/assistants/{id}/api-keys': { name: 'stolen', kind: 'secret' },
  'PATCH /api/v1/organizations/{orgId}': { name: 'renamed by mallory' },
  'PATCH /api/v1/organizations/{orgId}/members/{userId}': { role: 'member' },
  'POST /api/v1/organizations/{orgId}/invitations': { email: 'friend@example.test', role: 'admin' },
  'POST /api/v1/assistants/{id}/documents': { title: 'planted by mallory', text: 'planted' },
  'POST /api/v1/assistants/{id}/search': { query: 'Private' },
  'POST /api/v1/assistants/{id}/conversations': { title: 'planted by mallory' },
  'PATCH /api/v1/conversations/{id}': { title: 'renamed by mallory' },
  'PATCH /api/v1/folders/{id}': { name: 'renamed by mallory' },
  'POST /api/v1/conversations/{id}/messages': { content: 'What is Private?' },
  'PUT /api/v1/conversations/{id}/messages/{messageId}/feedback': { rating: 'down', comment: 'planted by mallory' },
  'PATCH /api/v1/providers/{id}': { name: 'renamed by mallory' },
};

/** Which resource an `{id}` names, by the path it is in. */
function idParam(path: string): string {
  if (path.startsWith('/api/v1/conversations/')) return 'conversationId';
  if (path.startsWith('/api/v1/folders/')) return 'folderId';
  if (path.startsWith('/api/v1/providers/')) return 'providerId';
  return 'id';
}

beforeAll(async () => {
  t = await createTestApp();
  alice = await registerUser(t.app, { name: 'Alice' });
  mallory = await registerUser(t.app, { name: 'Mallory' });
  const assistant = await createAssistant(t.app, alice, { name: 'Private' });
  const key = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${assistant.id}/api-keys`,
    headers: alice.headers,
    payload: { name: 'k', kind: 'secret' },
  });
  const invite = await t.app.inject({
    method: 'POST',
    url: `/api/v1/organizations/${alice.organizationId}/invitations`,
    headers: alice.headers,
    payload: { email: uniqueEmail('invitee') },
  });
  const document = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${assistant.id}/documents`,
    headers: alice.headers,
    payload: { title: 'Private notes', text: 'Private: the safe code is 1234.' },
  });
  const folder = await t.app.inject({
    method: 'POST',
    url: '/api/v1/folders',
    headers: alice.headers,
    payload: { name: 'Private folder' },
  });
  const provider = await t.app.inject({
    method: 'POST',
    url: '/api/v1/providers',
    headers: alice.headers,
    payload: { name: 'Private server', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-private' },
  });
  const conversation = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${assistant.id}/conversations`,
    headers: alice.headers,
    payload: { title: 'Private chat' },
  });
  // No model is configured: the extractive mode answers, and both messages are stored.
  const turn = await t.app.inject({
    method: 'POST',
    url: `/api/v1/conversations/${conversation.json().id}/messages`,
    headers: alice.headers,
    payload: { content: 'Private question' },
  });
  expect(turn.statusCode).toBe(200);
  Object.assign(ids, {
    docId: document.json().id,
    id: assistant.id,
    keyId: key.json().id,
    orgId: alice.organizationId,
    userId: alice.id,
    invitationId: invite.json().id,
    folderId: folder.json().id,
    providerId: provider.json().id,
    conversationId: conversation.json().id,
    messageId: turn.json().assistantMessage.id,
  });
});
afterAll(async () => t?.close());

describe('tenant isolation', () => {
  it("answers 404 to another organization's user on every route that takes an id", async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const walked: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      if (params.length === 0) continue;
      // The widget's routes take a publishable key, not a session: modules/public/public.int.test.ts walks them.
      if (path.startsWith('/api/v1/public/')) continue;
      for (const method of Object.keys(operations)) {
        const op = `${method.toUpperCase()} ${path}`;
        const url = path.replace(/\{(\w+)\}/g, (_, param: string) => {
          const name = param === 'id' ? idParam(path) : param;
          if (!ids[name]) throw new Error(`isolation test has no id for path parameter "${name}" (${op})`);
          return ids[name]!;
        });
        const needsBody = method === 'post' || method === 'patch' || method === 'put';
        if (needsBody && !(op in sampleBodies) && (operations[method] as { requestBody?: unknown }).requestBody) {
          throw new Error(`isolation test needs a sample body for ${op}`);
        }
        const res = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          headers: mallory.headers,
          ...(op in sampleBodies ? { payload: sampleBodies[op] as object } : {}),
        });
        expect(res.statusCode, `${op} → ${res.body}`).toBe(404);
        expect(res.json().error.code).toMatch(/_not_found$/);
        expect(res.body).not.toContain('Private');
        walked.push(op);
      }
    }
    expect(walked.length).toBeGreaterThanOrEqual(12);
  });

  it("left Alice's resources untouched", async () => {
    const a = await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${ids.id}`, headers: alice.headers });
    expect(a.statusCode).toBe(200);
    expect(a.json().name).toBe('Private');
    const docs = await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${ids.id}/documents`, headers: alice.headers });
    expect(docs.json().items.map((d: { id: string; title: string }) => [d.id, d.title])).toEqual([[ids.docId, 'Private notes']]);
    const keys = await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${ids.id}/api-keys`, headers: alice.headers });
    expect(keys.json().items.map((k: { id: string }) => k.id)).toEqual([ids.keyId]);
    const members = await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${ids.orgId}/members`, headers: alice.headers });
    expect(members.json().items).toEqual([expect.objectContaining({ userId: alice.id, role: 'owner' })]);
    const org = await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${ids.orgId}`, headers: alice.headers });
    expect(org.json().name).toBe('Alice');
    const conversation = await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${ids.conversationId}`, headers: alice.headers });
    expect(conversation.json()).toMatchObject({ title: 'Private chat', messageCount: 2 });
    const provider = await t.app.inject({ method: 'GET', url: `/api/v1/providers/${ids.providerId}`, headers: alice.headers });
    expect(provider.json().name).toBe('Private server');
    const folders = await t.app.inject({ method: 'GET', url: '/api/v1/folders', headers: alice.headers });
    expect(folders.json().items.map((f: { name: string }) => f.name)).toEqual(['Private folder']);
  });

  it('never lists another organization’s assistants, and a foreign organization header answers 404', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/assistants', headers: mallory.headers });
    expect(list.json().items).toEqual([]);
    const foreign = await t.app.inject({
      method: 'GET',
      url: '/api/v1/assistants',
      headers: { ...mallory.headers, 'x-parley-organization': alice.organizationId },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('organization_not_found');
  });

  it("confines a secret key to its own organization's assistant", async () => {
    const malloryAssistant = await createAssistant(t.app, mallory, { name: 'Mallory bot' });
    const key = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/assistants/${malloryAssistant.id}/api-keys`,
        headers: mallory.headers,
        payload: { name: 'k', kind: 'secret' },
      })
    ).json().key;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${ids.id}`, headers: { authorization: `Bearer ${key}` } });
    expect(res.statusCode).toBe(404);
  });
});
