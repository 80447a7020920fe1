// API keys: shown once, stored hashed, confined to their assistant, revoked at once.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, errorOf, registerUser, type TestApp, type TestUser } from '../../../test/harness.js';
import { apiKeys } from '../../db/schema.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  owner = await registerUser(t.app);
});
afterAll(async () => t?.close());

async function createKey(assistantId: string, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: `/api/v1/assistants/${assistantId}/api-keys`, headers: owner.headers, payload: body });
}

describe('api keys', () => {
  it('returns the full key once, lists only its prefix, and stores no plaintext', async () => {
    const a = await createAssistant(t.app, owner, { name: 'Keys' });
    const res = await createKey(a.id, { name: 'backend', kind: 'secret' });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 11));
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${a.id}/api-keys`, headers: owner.headers });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).not.toHaveProperty('key');
    expect(JSON.stringify(list.json())).not.toContain(created.key);
    const [row] = await t.deps.database.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row!.keyHash).not.toContain(created.key.slice(3));
  });

  it('lets a secret key read its own assistant only, and nothing it may not', async () => {
    const mine = await createAssistant(t.app, owner, { name: 'Mine' });
    const sibling = await createAssistant(t.app, owner, { name: 'Sibling' });
    const { key } = (await createKey(mine.id, { name: 'k', kind: 'secret' })).json();
    const auth = { authorization: `Bearer ${key}` };
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${mine.id}`, headers: auth })).statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/assistants', headers: auth });
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([mine.id]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${sibling.id}`, headers: auth })).statusCode).toBe(404);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/assistants/${mine.id}`, headers: auth, payload: { name: 'hijack' } });
    expect(patch.statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/assistants/${mine.id}/api-keys`,
          headers: auth,
          payload: { name: 'x', kind: 'secret' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth })).statusCode).toBe(403);
  });

  it('keeps publishable keys off every non-public route', async () => {
    const a = await createAssistant(t.app, owner, { name: 'Widget' });
    const res = await createKey(a.id, {
      name: 'site',
      kind: 'publishable',
      allowedOrigins: ['https://shop.example', 'https://shop.example'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().key).toMatch(/^pk_/);
    expect(res.json().allowedOrigins).toEqual(['https://shop.example']);
    const auth = { authorization: `Bearer ${res.json().key}` };
    for (const [method, url] of [
      ['GET', '/api/v1/assistants'],
      ['GET', `/api/v1/assistants/${a.id}`],
      ['GET', `/api/v1/assistants/${a.id}/api-keys`],
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/v1/organizations'],
    ] as const) {
      const r = await t.app.inject({ method, url, headers: auth });
      expect(r.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('validates origins and kind', async () => {
    const a = await createAssistant(t.app, owner, { name: 'Validate' });
    const badOrigin = await createKey(a.id, { name: 'x', kind: 'publishable', allowedOrigins: ['https://shop.example/path'] });
    expect(badOrigin.statusCode).toBe(400);
    expect(errorOf(badOrigin).details!.issues![0]!.path).toBe('body.allowedOrigins.0');
    const secretWithOrigins = await createKey(a.id, { name: 'x', kind: 'secret', allowedOrigins: ['https://a.example'] });
    expect(secretWithOrigins.statusCode).toBe(400);
    const badKind = await createKey(a.id, { name: 'x', kind: 'admin' });
    expect(errorOf(badKind).details!.issues![0]!.path).toBe('body.kind');
  });

  it('revokes at once: the key answers 401 and disappears from the list', async () => {
    const a = await createAssistant(t.app, owner, { name: 'Revoke' });
    const created = (await createKey(a.id, { name: 'k', kind: 'secret' })).json();
    const auth = { authorization: `Bearer ${created.key}` };
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${a.id}`, headers: auth })).statusCode).toBe(200);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/assistants/${a.id}/api-keys/${created.id}`, headers: owner.headers });
    expect(del.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${a.id}`, headers: auth });
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe('unauthorized');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${a.id}/api-keys`, headers: owner.headers })).json().items,
    ).toEqual([]);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/assistants/${a.id}/api-keys/${created.id}`, headers: owner.headers }))
        .statusCode,
    ).toBe(404);
    // A made-up key of the right shape is refused the same way.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/assistants', headers: { authorization: 'Bearer sk_' + 'A'.repeat(43) } }))
        .statusCode,
    ).toBe(401);
  });

  it('records when a key was last used', async () => {
    const a = await createAssistant(t.app, owner, { name: 'Used' });
    const created = (await createKey(a.id, { name: 'k', kind: 'secret' })).json();
    expect(created.lastUsedAt).toBeNull();
    await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${a.id}`, headers: { authorization: `Bearer ${created.key}` } });
    await expect
      .poll(
        async () =>
          (await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${a.id}/api-keys`, headers: owner.headers })).json().items[0]
            .lastUsedAt,
      )
      .not.toBeNull();
  });
});
