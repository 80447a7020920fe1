// The widget's public API: a publishable key in the path, from its allowed origins only, for one visitor
// at a time; CORS answered for exactly the key's origins; visitors isolated from each other, from people's
// conversations and from secret keys; rate limits per key and per visitor; the owner's inbox; /widget.js.
import { once } from 'node:events';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAssistant,
  createTestApp,
  errorOf,
  registerUser,
  waitForDocument,
  type TestApp,
  type TestUser,
} from '../../../test/harness.js';

const SITE = 'https://shop.example';
const OTHER_SITE = 'https://evil.example';
const VISITOR_A = 'visitorAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const VISITOR_B = 'visitorBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

let t: TestApp;
let owner: TestUser;
let assistantId: string;
let pk: string;
let sk: string;
let widgetDir: string;
let site: Server;
let siteOrigin: string;

const from = (origin: string, visitor?: string) => ({ origin, ...(visitor ? { 'x-parley-visitor': visitor } : {}) });

/** A tiny web site with two pages, for a crawl whose citations link to the right page. */
async function startSite(): Promise<Server> {
  const server = createServer((req, res) => {
    const page = (title: string, body: string, links = '') =>
      `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p>${links}</main></body></html>`;
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Welcome', 'Our shop sells tea and teapots.', '<a href="/returns">Returns</a>'));
    } else if (req.url === '/returns') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Returns policy', 'Refunds for unopened tea are paid within fourteen days of the return.'));
    } else {
      res.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

beforeAll(async () => {
  widgetDir = await mkdtemp(join(tmpdir(), 'parley-widget-'));
  t = await createTestApp({
    PARLEY_WIDGET_FILE: join(widgetDir, 'widget.js'),
    PARLEY_WIDGET_VISITOR_MESSAGES_PER_MINUTE: '6',
    PARLEY_CRAWL_ALLOW_PRIVATE_NETWORKS: 'true',
  });
  await t.deps.startWorker();
  owner = await registerUser(t.app);
  assistantId = (await createAssistant(t.app, owner, { name: 'Shop helper', language: 'en' })).id;
  site = await startSite();
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const doc = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${assistantId}/documents`,
    headers: owner.headers,
    payload: { url: `${siteOrigin}/`, crawl: { maxDepth: 1, maxPages: 5, sameSite: true } },
  });
  expect(doc.statusCode, doc.body).toBe(202);
  const indexed = await waitForDocument(t.app, owner.headers, assistantId, doc.json().id);
  expect(indexed.status, String(indexed.error)).toBe('indexed');
  const keys = async (body: object) =>
    (
      await t.app.inject({ method: 'POST', url: `/api/v1/assistants/${assistantId}/api-keys`, headers: owner.headers, payload: body })
    ).json().key as string;
  pk = await keys({ name: 'site', kind: 'publishable', allowedOrigins: [SITE] });
  sk = await keys({ name: 'backend', kind: 'secret' });
});
afterAll(async () => {
  await t?.close();
  site?.close();
  if (widgetDir) await rm(widgetDir, { recursive: true, force: true });
});

describe('public widget API: keys and origins', () => {
  it('gives the widget its configuration, with CORS for exactly the calling allowed origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/${pk}/widget`, headers: from(SITE) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      assistant: { name: 'Shop helper', language: 'en', direction: 'ltr' },
      answerMode: 'extractive',
      greeting: null,
      color: null,
      showBranding: true,
      maxMessageChars: 32_000,
    });
    expect(res.headers['access-control-allow-origin']).toBe(SITE);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(res.headers.vary)).toMatch(/origin/i);
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('answers preflights for the key’s origins only', async () => {
    const preflight = (origin: string, key = pk) =>
      t.app.inject({
        method: 'OPTIONS',
        url: `/api/v1/public/${key}/conversations`,
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-parley-visitor' },
      });
    const allowed = await preflight(SITE);
    expect(allowed.headers['access-control-allow-origin']).toBe(SITE);
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('x-parley-visitor');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    expect((await preflight(OTHER_SITE)).headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight(SITE, 'pk_unknownunknownunknown')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses other origins, a missing origin, unknown, revoked and secret keys with a readable error and no data', async () => {
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/public/${pk}/widget`, headers: from(OTHER_SITE) });
    expect(other.statusCode).toBe(403);
    expect(errorOf(other).code).toBe('origin_not_allowed');
    expect(errorOf(other).message).toContain(OTHER_SITE);
    // The refusal is readable by the refused page (so the widget can say why), and carries nothing else.
    expect(other.headers['access-control-allow-origin']).toBe(OTHER_SITE);
    expect(Object.keys(other.json())).toEqual(['error', 'requestId']);
    expect(other.body).not.toContain('Shop helper');

    const noOrigin = await t.app.inject({ method: 'GET', url: `/api/v1/public/${pk}/widget` });
    expect(noOrigin.statusCode).toBe(403);
    expect(errorOf(noOrigin).code).toBe('origin_not_allowed');

    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/public/pk_unknownunknownunknown/widget', headers: from(SITE) });
    expect(unknown.statusCode).toBe(401);

    const secret = await t.app.inject({ method: 'GET', url: `/api/v1/public/${sk}/widget`, headers: from(SITE) });
    expect(secret.statusCode).toBe(403);
    expect(errorOf(secret).code).toBe('wrong_key_kind');

    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/api-keys`,
      headers: owner.headers,
      payload: { name: 'short-lived', kind: 'publishable', allowedOrigins: [SITE] },
    });
    const { key, id } = created.json();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/${key}/widget`, headers: from(SITE) })).statusCode).toBe(200);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/assistants/${assistantId}/api-keys/${id}`, headers: owner.headers });
    const revoked = await t.app.inject({ method: 'GET', url: `/api/v1/public/${key}/widget`, headers: from(SITE) });
    expect(revoked.statusCode).toBe(401);
  });

  it('lets a same-origin page (no Origin header on GET) in only when the server’s own origin is allowed', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/${pk}/widget`,
      headers: { 'sec-fetch-site': 'same-origin', host: 'parley.example' },
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).message).toContain('http://parley.example');
  });

  it('needs a well-formed visitor id on visitor routes', async () => {
    const missing = await t.app.inject({ method: 'GET', url: `/api/v1/public/${pk}/conversations`, headers: from(SITE) });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details?.issues?.[0]?.path).toBe('headers.x-parley-visitor');
    const short = await t.app.inject({ method: 'GET', url: `/api/v1/public/${pk}/conversations`, headers: from(SITE, 'abc') });
    expect(short.statusCode).toBe(400);
  });
});

describe('public widget API: a visitor’s conversation', () => {
  let conversationId: string;

  it('starts a conversation and answers with citations that link to the right web page', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/${pk}/conversations`,
      headers: from(SITE, VISITOR_A),
      payload: {},
    });
    expect(created.statusCode, created.body).toBe(201);
    conversationId = created.json().id;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/${pk}/conversations/${conversationId}/messages`,
      headers: { ...from(SITE, VISITOR_A), accept: 'text/event-stream' },
      payload: { content: 'When are refunds for tea paid?' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    expect(res.headers['access-control-allow-origin']).toBe(SITE);
    const events = res.body
      .split('\n\n')
      .filter((f) => f.startsWith('event:'))
      .map((f) => {
        const [eventLine, dataLine] = f.split('\n');
        return { event: eventLine!.slice(7), data: JSON.parse(dataLine!.slice(6)) };
      });
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('meta');
    expect(names).toContain('token');
    expect(names).toContain('citations');
    expect(names.at(-1) === 'done' || names.at(-1) === 'title').toBe(true);
    // Visitors never see model names, usage figures, or document and chunk ids.
    expect(Object.keys(events[0]!.data).sort()).toEqual(['assistantMessageId', 'conversationId', 'userMessageId']);
    const done = events.find((e) => e.event === 'done')!;
    expect(done.data).toEqual({ messageId: events[0]!.data.assistantMessageId, status: 'complete' });
    const citations = events.find((e) => e.event === 'citations')!.data.items as Record<string, unknown>[];
    expect(citations.length).toBeGreaterThan(0);
    expect(Object.keys(citations[0]!).sort()).toEqual(['documentTitle', 'n', 'page', 'quote', 'url']);
    const refund = citations.find((c) => String(c.quote).includes('fourteen days'));
    expect(refund?.url).toBe(`${siteOrigin}/returns`);
    const text = events
      .filter((e) => e.event === 'token')
      .map((e) => e.data.text)
      .join('');
    expect(text).toContain('fourteen days');
  });

  it('keeps the conversation for the same visitor (a reload), and only for them', async () => {
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/public/${pk}/conversations`, headers: from(SITE, VISITOR_A) });
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    const messages = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/${pk}/conversations/${conversationId}/messages`,
      headers: from(SITE, VISITOR_A),
    });
    expect(messages.statusCode).toBe(200);
    const items = messages.json().items;
    expect(items.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(items[1].content).toContain('fourteen days');
    expect(items[1].citations[0]).not.toHaveProperty('documentId');

    // Another visitor of the same site sees nothing of it, and cannot write into it.
    const otherList = await t.app.inject({ method: 'GET', url: `/api/v1/public/${pk}/conversations`, headers: from(SITE, VISITOR_B) });
    expect(otherList.json().items).toEqual([]);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/public/${pk}/conversations/${conversationId}/messages`, undefined],
      ['POST', `/api/v1/public/${pk}/conversations/${conversationId}/messages`, { content: 'hi' }],
      ['POST', `/api/v1/public/${pk}/conversations/${conversationId}/messages/${items[1].id}/cancel`, undefined],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: from(SITE, VISITOR_B), ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.body).not.toContain('fourteen');
    }
  });

  it('keeps widget conversations apart from people’s and programs’, and shows them to the owner’s inbox', async () => {
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: owner.headers });
    expect(own.json().items.map((c: { id: string }) => c.id)).not.toContain(conversationId);
    const bySecret = await t.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: { authorization: `Bearer ${sk}` } });
    expect(bySecret.json().items.map((c: { id: string }) => c.id)).not.toContain(conversationId);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: { authorization: `Bearer ${sk}` },
    });
    expect(read.statusCode).toBe(404);

    // A program's conversation through the secret key, for the inbox's source filter.
    const apiConversation = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/conversations`,
      headers: { authorization: `Bearer ${sk}` },
      payload: { title: 'From the backend' },
    });
    expect(apiConversation.json().source).toBe('api');

    const inbox = await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${assistantId}/conversations`, headers: owner.headers });
    expect(inbox.statusCode).toBe(200);
    const sources = Object.fromEntries(inbox.json().items.map((c: { id: string; source: string }) => [c.id, c.source]));
    expect(sources).toEqual({ [conversationId]: 'widget', [apiConversation.json().id]: 'api' });
    const widgetOnly = await t.app.inject({
      method: 'GET',
      url: `/api/v1/assistants/${assistantId}/conversations?source=widget&q=refunds`,
      headers: owner.headers,
    });
    expect(widgetOnly.json().items).toHaveLength(1);
    expect(widgetOnly.json().items[0]).toMatchObject({ id: conversationId, source: 'widget', visitor: expect.stringMatching(/^.{8}$/) });
    const transcript = await t.app.inject({
      method: 'GET',
      url: `/api/v1/assistants/${assistantId}/conversations/${conversationId}/messages`,
      headers: owner.headers,
    });
    expect(transcript.json().items).toHaveLength(2);
  });

  it('lets only owners and admins read the inbox, and erases a visitor’s conversation on request', async () => {
    const member = await registerUser(t.app);
    const invite = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organizations/${owner.organizationId}/invitations`,
      headers: owner.headers,
      payload: { email: member.email, role: 'member' },
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: member.headers,
      payload: { token: invite.json().token },
    });
    expect(accepted.statusCode, accepted.body).toBeLessThan(300);
    const asMember = { ...member.headers, 'x-parley-organization': owner.organizationId };
    const denied = await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${assistantId}/conversations`, headers: asMember });
    expect(denied.statusCode).toBe(403);

    const visitorConversation = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/${pk}/conversations`,
      headers: from(SITE, VISITOR_B),
      payload: {},
    });
    const id = visitorConversation.json().id;
    const erased = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/assistants/${assistantId}/conversations/${id}`,
      headers: owner.headers,
    });
    expect(erased.statusCode).toBe(204);
    const gone = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/${pk}/conversations/${id}/messages`,
      headers: from(SITE, VISITOR_B),
    });
    expect(gone.statusCode).toBe(404);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: owner.headers });
    expect(JSON.stringify(audit.json())).toContain('conversation.deleted');
  });

  it('follows the owner’s widget settings: greeting, color, branding and source links', async () => {
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/assistants/${assistantId}`,
      headers: owner.headers,
      payload: { widget: { greeting: 'Shalom! Ask me about tea.', color: '#aa3300', showBranding: false, sourceLinks: false } },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().widget).toEqual({
      greeting: 'Shalom! Ask me about tea.',
      color: '#aa3300',
      showBranding: false,
      sourceLinks: false,
    });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/assistants/${assistantId}`,
      headers: owner.headers,
      payload: { widget: { color: 'red' } },
    });
    expect(bad.statusCode).toBe(400);
    const config = await t.app.inject({ method: 'GET', url: `/api/v1/public/${pk}/widget`, headers: from(SITE) });
    expect(config.json()).toMatchObject({ greeting: 'Shalom! Ask me about tea.', color: '#aa3300', showBranding: false });
    const messages = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/${pk}/conversations/${conversationId}/messages`,
      headers: from(SITE, VISITOR_A),
    });
    expect(messages.json().items[1].citations.every((c: { url: string | null }) => c.url === null)).toBe(true);
    // Only the widget fields sent change; the others keep their values.
    const partial = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/assistants/${assistantId}`,
      headers: owner.headers,
      payload: { widget: { sourceLinks: true } },
    });
    expect(partial.json().widget).toEqual({
      greeting: 'Shalom! Ask me about tea.',
      color: '#aa3300',
      showBranding: false,
      sourceLinks: true,
    });
  });
});

describe('public widget API: rate limits', () => {
  it('limits messages per visitor with 429 and Retry-After, readable by the widget', async () => {
    const visitor = 'visitorCCCCCCCCCCCCCCCCCCCCCCCCCCCCC';
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/${pk}/conversations`,
      headers: from(SITE, visitor),
      payload: {},
    });
    const url = `/api/v1/public/${pk}/conversations/${created.json().id}/messages`;
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 8; i++) {
      const res = await t.app.inject({ method: 'POST', url, headers: from(SITE, visitor), payload: { content: `tea question ${i}` } });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        limited = res;
        break;
      }
    }
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(limited?.statusCode).toBe(429);
    expect(errorOf(limited!).code).toBe('rate_limited');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited!.headers['access-control-allow-origin']).toBe(SITE);
    // Another visitor still has their own budget.
    const other = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/${pk}/conversations`,
      headers: from(SITE, VISITOR_B),
      payload: {},
    });
    expect(other.statusCode).toBe(201);
  });

  it('limits all requests through one key', async () => {
    const small = await createTestApp({ PARLEY_WIDGET_KEY_RATE_PER_MINUTE: '5' });
    try {
      const user = await registerUser(small.app);
      const a = await createAssistant(small.app, user);
      const key = (
        await small.app.inject({
          method: 'POST',
          url: `/api/v1/assistants/${a.id}/api-keys`,
          headers: user.headers,
          payload: { name: 'site', kind: 'publishable', allowedOrigins: [SITE] },
        })
      ).json().key;
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const visitor = `visitor${i}xxxxxxxxxxxxxxxxxxxxxxxxxxx`;
        statuses.push(
          (await small.app.inject({ method: 'GET', url: `/api/v1/public/${key}/conversations`, headers: from(SITE, visitor) })).statusCode,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    } finally {
      await small.close();
    }
  });
});

describe('a publishable key reaches nothing else', () => {
  it('adds nothing on any non-public route: whatever needs credentials refuses it', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const walked: string[] = [];
    const fill = (path: string) => path.replace(/\{\w+\}/g, assistantId);
    const routes = [
      ...Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => [m.toUpperCase(), path] as const)),
      ['GET', '/v1/models'],
      ['POST', '/v1/chat/completions'],
    ] as const;
    for (const [method, path] of routes) {
      if (path.startsWith('/api/v1/public/')) continue;
      const url = fill(path);
      const payload = method === 'GET' || method === 'DELETE' ? undefined : {};
      const anonymous = await t.app.inject({ method: method as 'GET', url, headers: from(SITE), ...(payload ? { payload } : {}) });
      if (anonymous.statusCode !== 401) continue; // open routes (sign-up, health): a key changes nothing there
      const withKey = await t.app.inject({
        method: method as 'GET',
        url,
        headers: { ...from(SITE, VISITOR_A), authorization: `Bearer ${pk}` },
        ...(payload ? { payload } : {}),
      });
      // 403 where the key is refused; 401 where the route wanted something else it lacks (a refresh token).
      expect([401, 403], `${method} ${path}: ${withKey.statusCode} ${withKey.body}`).toContain(withKey.statusCode);
      expect(withKey.body).not.toContain('Shop helper');
      walked.push(`${method} ${path}`);
    }
    expect(walked.length).toBeGreaterThan(40);
  });
});

describe('/widget.js', () => {
  it('says how to build it when it is missing, then serves it compressed, cross-origin, revalidated by ETag', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/widget.js' });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('widget_not_built');

    const source = `(()=>{${'/* widget */'.repeat(200)}})();`;
    await writeFile(join(widgetDir, 'widget.js'), source);
    const res = await t.app.inject({ method: 'GET', url: '/widget.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(source);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toContain('max-age=300');
    const etag = String(res.headers.etag);
    const again = await t.app.inject({ method: 'GET', url: '/widget.js', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    const plain = await t.app.inject({ method: 'GET', url: '/widget.js' });
    expect(plain.body).toBe(source);

    // A rebuilt file is served at once, under a new ETag.
    await writeFile(join(widgetDir, 'widget.js'), `${source}//v2`);
    const later = new Date(Date.now() + 5_000);
    await utimes(join(widgetDir, 'widget.js'), later, later);
    const rebuilt = await t.app.inject({ method: 'GET', url: '/widget.js' });
    expect(rebuilt.body.endsWith('//v2')).toBe(true);
    expect(rebuilt.headers.etag).not.toBe(etag);
  });
});
