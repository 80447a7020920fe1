// The SDK over real HTTP against a real Parley server (the integration harness's app, listening on a
// port, on PGlite or PostgreSQL) whose language model is a fake OpenAI-compatible upstream: sign-up and
// sign-in, assistants, a document uploaded and indexed, conversations, streamed and whole answers with
// citations, cancelling by leaving the loop, token refresh, the server's error codes, a secret key, the
// organization header, the admin view of API and widget conversations, the public widget API, and
// document progress events.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenService } from '../../../apps/server/src/modules/auth/token-service.js';
import { deriveKey } from '../../../apps/server/src/secret-store.js';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../../../apps/server/test/fixtures/fake-openai-upstream.js';
import { createTestApp, uniqueEmail, type TestApp } from '../../../apps/server/test/harness.js';
import { Parley } from './client.js';
import { ParleyConnectionError, ParleyError } from './errors.js';
import type { ChatStreamEvent } from './stream-events.js';
import type { ParleyTokens } from './transport.js';

const PASSWORD = 'correct horse battery';
const HANDBOOK = [
  '# Returns policy',
  '',
  'Items can be returned within 30 days with the receipt.',
  'Refunds take five business days to reach the card.',
  '',
  '# Opening hours',
  '',
  'The Lisbon shop opens at 9:00 and closes at 18:00 on weekdays.',
].join('\n');

let upstream: FakeOpenAIUpstream;
let t: TestApp;
let baseUrl: string;
let owner: Parley;
let ownerTokens: (ParleyTokens | null)[];
let email: string;
let assistantId: string;
let assistantSlug: string;
let documentId: string;

/** What the fake model answers (titles included: the server makes a short title of it). */
const ANSWER = ['Refunds ', 'take five ', 'business days ', '[1].'];

async function collect(stream: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

function tokensOf(events: ChatStreamEvent[]): string {
  return events.flatMap((e) => (e.event === 'token' ? [e.data.text] : [])).join('');
}

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream();
  t = await createTestApp({
    PARLEY_LLM_BASE_URL: `${upstream.url}/v1`,
    PARLEY_LLM_MODEL: 'fake-model',
    PARLEY_RATE_LIMIT_PER_MINUTE: '100000',
  });
  await t.deps.startWorker();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  upstream.chatScript = { tokens: ANSWER };

  ownerTokens = [];
  owner = new Parley({ baseUrl, onTokens: (tokens) => ownerTokens.push(tokens) });
  email = uniqueEmail('sdk');
  await owner.auth.register({ email, password: PASSWORD, name: 'Ada' });
  const assistant = await owner.assistants.create({ name: 'Shop Help', systemPrompt: 'You answer questions about the shop.' });
  assistantId = assistant.id;
  assistantSlug = assistant.slug;
  const uploaded = await owner.documents.upload(assistantId, new TextEncoder().encode(HANDBOOK), 'handbook.md');
  documentId = uploaded.id;
  const indexed = await owner.documents.waitForIndexing(assistantId, documentId, { intervalMs: 50, signal: AbortSignal.timeout(30_000) });
  expect(indexed.status, indexed.error ?? '').toBe('indexed');
}, 60_000);

afterAll(async () => {
  await t?.deps.chat.idle();
  await t?.close();
  await upstream?.close();
});

beforeEach(async () => {
  // Titles are written in the background after a first answer: let them finish before the next test.
  await t.deps.chat.idle();
  upstream.chatScript = { tokens: ANSWER };
});

describe('accounts', () => {
  it('registers and signs in, keeping the tokens and reporting them', async () => {
    expect(ownerTokens).toHaveLength(1);
    expect(ownerTokens[0]).toMatchObject({ accessToken: expect.stringMatching(/^ey/), refreshToken: expect.any(String) });
    const me = await owner.auth.me();
    expect(me.user).toMatchObject({ email, name: 'Ada' });

    const seen: (ParleyTokens | null)[] = [];
    const other = new Parley({ baseUrl, onTokens: (tokens) => seen.push(tokens) });
    const session = await other.auth.login({ email, password: PASSWORD });
    expect(session.user.email).toBe(email);
    expect(seen).toEqual([other.auth.tokens()]);
    expect((await other.auth.me()).user.id).toBe(me.user.id);

    await other.auth.logout();
    expect(seen.at(-1)).toBeNull();
    await expect(new Parley({ baseUrl, accessToken: session.accessToken }).auth.me()).rejects.toMatchObject({
      status: 401,
      code: 'unauthorized',
    });
  });

  it('refreshes an expired access token once and retries, for plain requests and streams', async () => {
    const session = await new Parley({ baseUrl }).auth.login({ email, password: PASSWORD });
    // An access token of the same session that expired a minute ago, signed as the server signs them.
    const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString()) as { sub: string; sid: string };
    const expired = await new TokenService(deriveKey(t.config.secret!, 'access-token'), -60).issueAccessToken({
      userId: claims.sub,
      sessionId: claims.sid,
    });
    const refreshes: string[] = [];
    const seen: (ParleyTokens | null)[] = [];
    const client = new Parley({
      baseUrl,
      accessToken: expired.token,
      refreshToken: session.refreshToken!,
      onTokens: (tokens) => seen.push(tokens),
      fetch: (url, init) => {
        if (url.endsWith('/api/v1/auth/refresh')) refreshes.push(url);
        return fetch(url, init);
      },
    });
    await expect(new Parley({ baseUrl, accessToken: expired.token }).auth.me()).rejects.toMatchObject({ code: 'token_expired' });

    const [me, list, assistants] = await Promise.all([client.auth.me(), client.conversations.list(), client.assistants.list()]);
    expect(me.user.email).toBe(email);
    expect(list.items).toBeInstanceOf(Array);
    expect(assistants.items.map((a) => a.id)).toContain(assistantId);
    expect(refreshes).toHaveLength(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.refreshToken).not.toBe(session.refreshToken);

    // The rotated-out refresh token no longer works; the new one does.
    await expect(new Parley({ baseUrl, refreshToken: session.refreshToken! }).auth.me()).rejects.toMatchObject({ status: 401 });

    // A stream whose request finds the token expired is refreshed and retried before any event.
    const streaming = new Parley({ baseUrl, accessToken: expired.token, refreshToken: seen[0]!.refreshToken! });
    const conversation = await new Parley({ baseUrl, accessToken: seen[0]!.accessToken! }).conversations.create(assistantId);
    const events = await collect(streaming.chat.stream(conversation.id, { content: 'How long do refunds take?' }));
    expect(events.at(0)?.event).toBe('meta');
    expect(events.some((e) => e.event === 'done')).toBe(true);
  });
});

describe('knowledge', () => {
  it('lists the uploaded document, its passages, and finds it by search', async () => {
    const list = await owner.documents.list(assistantId, { status: 'indexed' });
    expect(list.items.map((d) => d.id)).toEqual([documentId]);
    expect(list.items[0]).toMatchObject({ title: expect.any(String), source: { type: 'file', filename: 'handbook.md' } });
    const chunks = await owner.documents.chunks(assistantId, documentId);
    expect(chunks.total).toBeGreaterThan(0);
    expect(chunks.items.map((c) => c.content).join('\n')).toContain('five business days');
    const results = await owner.retrieval.search(assistantId, { query: 'refund business days', mode: 'text' });
    expect(results.results[0]).toMatchObject({ documentId, text: expect.stringContaining('Refunds take five business days') });
  });

  it('follows indexing through the document events stream', async () => {
    // Learns when the stream's response arrived: the server subscribes before it answers, so nothing added after is missed.
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const watcher = new Parley({
      baseUrl,
      accessToken: owner.auth.tokens()!.accessToken!,
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        if (url.endsWith('/documents/events')) opened();
        return response;
      },
    });
    const events = watcher.documents.events(assistantId, { signal: AbortSignal.timeout(30_000) });
    const adding = open.then(() => owner.documents.addText(assistantId, { title: 'Delivery', text: 'Parcels arrive in two days.' }));
    const seen: string[] = [];
    for await (const event of events) {
      const added = await adding;
      if (event.data.document.id !== added.id) continue;
      seen.push(`${event.event}:${event.data.document.status}`);
      if (event.data.document.status === 'indexed') break;
    }
    expect(seen.at(-1)).toBe('document.updated:indexed');
    expect(seen.every((s) => s.startsWith('document.updated:'))).toBe(true);
    await owner.documents.delete(assistantId, (await adding).id);
  });

  it('deduplicates the same bytes, and adds text', async () => {
    const again = await owner.documents.upload(assistantId, new Blob([HANDBOOK]), 'copy.md');
    expect(again).toMatchObject({ id: documentId, deduplicated: true });
    const text = await owner.documents.addText(assistantId, { title: 'Gift cards', text: 'Gift cards never expire.' });
    expect(text.status).toBe('queued');
    expect((await owner.documents.waitForIndexing(assistantId, text.id, { intervalMs: 50 })).status).toBe('indexed');
    await owner.documents.delete(assistantId, text.id);
    await expect(owner.documents.get(assistantId, text.id)).rejects.toMatchObject({ status: 404, code: 'document_not_found' });
  });
});

describe('chat', () => {
  it('streams an answer whose tokens make the stored message, with citations, done and a title', async () => {
    const conversation = await owner.conversations.create(assistantId);
    const events = await collect(owner.chat.stream(conversation.id, { content: 'How long do refunds take?' }));
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('meta');
    expect(names.filter((n) => n === 'token').length).toBeGreaterThan(1);
    expect(names.indexOf('citations')).toBeGreaterThan(names.lastIndexOf('token'));
    expect(names).toContain('done');
    expect(names).not.toContain('error');

    const meta = events.find((e) => e.event === 'meta')!;
    const citations = events.find((e) => e.event === 'citations');
    const done = events.find((e) => e.event === 'done');
    expect(citations?.event === 'citations' && citations.data.items[0]).toMatchObject({
      n: 1,
      documentId,
      documentTitle: expect.any(String),
      quote: expect.any(String),
    });
    expect(done?.event === 'done' && done.data).toMatchObject({ status: 'complete', model: 'fake-model' });

    const text = tokensOf(events);
    expect(text).toBe('Refunds take five business days [1].');
    const { items } = await owner.conversations.messages(conversation.id);
    expect(items.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(items[1]).toMatchObject({
      id: meta.event === 'meta' ? meta.data.assistantMessageId : '',
      content: text,
      status: 'complete',
      citations: [expect.objectContaining({ documentId })],
    });

    // The title comes after the first exchange (on this stream or shortly after).
    await t.deps.chat.idle();
    expect((await owner.conversations.get(conversation.id)).titled).toBe(true);
  });

  it('answers as JSON with both stored messages', async () => {
    const conversation = await owner.conversations.create(assistantId, { title: 'JSON' });
    const { userMessage, assistantMessage } = await owner.chat.send(conversation.id, { content: 'How long do refunds take?' });
    expect(userMessage).toMatchObject({ role: 'user', content: 'How long do refunds take?' });
    expect(assistantMessage).toMatchObject({ role: 'assistant', status: 'complete', content: 'Refunds take five business days [1].' });
  });

  it('cancels the answer on the server when the loop stops early', async () => {
    upstream.chatScript = { tokens: Array.from({ length: 200 }, (_, i) => `w${i} `), tokenDelayMs: 20 };
    const conversation = await owner.conversations.create(assistantId, { title: 'Cancelled' });
    let received = '';
    for await (const event of owner.chat.stream(conversation.id, { content: 'Tell me everything' })) {
      if (event.event === 'token') received += event.data.text;
      if (received.split(' ').length > 3) break;
    }
    // The server notices the closed connection, stops the model and stores the partial answer as cancelled.
    const upstreamRequest = upstream.requestsTo('/v1/chat/completions').at(-1)!;
    await upstream.waitForClientClose(upstreamRequest);
    await t.deps.chat.idle();
    let answer;
    for (let i = 0; i < 100; i += 1) {
      answer = (await owner.conversations.messages(conversation.id)).items[1];
      if (answer?.status !== 'streaming') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(answer).toMatchObject({ status: 'cancelled' });
    expect(answer!.content.startsWith(received)).toBe(true);
  });
});

describe('errors', () => {
  it("carries the server's code, details and request id", async () => {
    const missing = await owner.conversations.get(randomUUID()).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ParleyError);
    expect(missing).toMatchObject({ status: 404, code: 'conversation_not_found', requestId: expect.any(String) });

    const invalid = (await owner.assistants.create({ name: '' }).catch((e: unknown) => e)) as ParleyError;
    expect(invalid).toMatchObject({ status: 400, code: 'validation_error' });
    expect(invalid.issues.map((i) => i.path)).toContain('body.name');

    await expect(new Parley({ baseUrl }).auth.me()).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    await expect(new Parley({ baseUrl }).auth.login({ email, password: 'wrong password' })).rejects.toMatchObject({
      status: 401,
      code: 'invalid_credentials',
    });

    // A stream to a conversation that does not exist throws before any event.
    const events: unknown[] = [];
    const refused = await (async () => {
      for await (const e of owner.chat.stream(randomUUID(), { content: 'hi' })) events.push(e);
    })().catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 404, code: 'conversation_not_found' });
    expect(events).toEqual([]);
  });

  it('reports a server that cannot be reached as ParleyConnectionError', async () => {
    await expect(new Parley({ baseUrl: 'http://127.0.0.1:9' }).instance.get()).rejects.toBeInstanceOf(ParleyConnectionError);
  });
});

describe('secret keys', () => {
  it('act for their one assistant: read it, converse, and nothing else', async () => {
    const created = await owner.apiKeys.create(assistantId, { name: 'backend', kind: 'secret' });
    expect(created.key).toMatch(/^sk_/);
    expect((await owner.apiKeys.list(assistantId)).items.map((k) => k.id)).toContain(created.id);

    const bot = new Parley({ baseUrl, apiKey: created.key });
    expect((await bot.assistants.list()).items.map((a) => a.slug)).toEqual([assistantSlug]);
    const conversation = await bot.conversations.create(assistantId);
    const events = await collect(bot.chat.stream(conversation.id, { content: 'How long do refunds take?' }));
    expect(tokensOf(events)).toBe('Refunds take five business days [1].');
    await expect(bot.apiKeys.list(assistantId)).rejects.toMatchObject({ status: 403, code: 'forbidden' });

    // Owners see the key's conversation among the assistant's API conversations, with its messages.
    const api = await owner.assistants.conversations.list(assistantId, { source: 'api' });
    expect(api.items.map((c) => c.id)).toContain(conversation.id);
    expect(api.items.find((c) => c.id === conversation.id)).toMatchObject({ source: 'api' });
    const messages = await owner.assistants.conversations.messages(assistantId, conversation.id);
    expect(messages.items.map((m) => m.role)).toEqual(['user', 'assistant']);

    await owner.apiKeys.revoke(assistantId, created.id);
    await expect(bot.assistants.list()).rejects.toMatchObject({ status: 401 });
  });
});

describe('public widget API', () => {
  it('lets a visitor of an allowed origin chat, and refuses other origins with their code', async () => {
    const site = 'https://shop.example';
    const created = await owner.apiKeys.create(assistantId, { name: 'widget', kind: 'publishable', allowedOrigins: [site] });
    expect(created.key).toMatch(/^pk_/);
    // Node's fetch lets a program send the Origin a browser page would.
    const visitor = new Parley({ baseUrl, headers: { origin: site } }).publicChat(created.key);
    const config = await visitor.widget();
    expect(config.assistant.name).toBe('Shop Help');

    const conversation = await visitor.createConversation();
    const events = [];
    for await (const event of visitor.stream(conversation.id, { content: 'How long do refunds take?' })) events.push(event);
    const text = events.map((e) => (e.event === 'token' ? e.data.text : '')).join('');
    expect(text).toBe('Refunds take five business days [1].');
    const citations = events.find((e) => e.event === 'citations');
    expect(citations?.event === 'citations' && citations.data.items[0]).toMatchObject({ n: 1, documentTitle: expect.any(String) });
    expect((await visitor.conversations()).items.map((c) => c.id)).toEqual([conversation.id]);
    expect((await visitor.messages(conversation.id)).items.map((m) => m.content)).toEqual(['How long do refunds take?', text]);

    // Another visitor does not see it; another origin is refused with a code the page can show.
    const stranger = new Parley({ baseUrl, headers: { origin: site } }).publicChat(created.key);
    expect((await stranger.conversations()).items).toEqual([]);
    await expect(
      new Parley({ baseUrl, headers: { origin: 'https://evil.example' } }).publicChat(created.key).widget(),
    ).rejects.toMatchObject({
      status: 403,
      code: 'origin_not_allowed',
    });

    // The owner finds the visitor's conversation among the assistant's widget conversations.
    await t.deps.chat.idle();
    const inbox = await owner.assistants.conversations.list(assistantId, { source: 'widget' });
    expect(inbox.items.map((c) => c.id)).toEqual([conversation.id]);
    await owner.assistants.conversations.delete(assistantId, conversation.id);
    await expect(visitor.messages(conversation.id)).rejects.toMatchObject({ status: 404, code: 'conversation_not_found' });
  });
});

describe('organizations', () => {
  it('acts in the organization named by withOrganization()', async () => {
    const team = await owner.organizations.create({ name: 'SDK Team' });
    const inTeam = owner.withOrganization(team.id);
    const teamAssistant = await inTeam.assistants.create({ name: 'Team Bot' });
    expect(teamAssistant.organizationId).toBe(team.id);
    expect((await inTeam.assistants.list()).items.map((a) => a.id)).toEqual([teamAssistant.id]);
    expect((await owner.assistants.list()).items.map((a) => a.id)).not.toContain(teamAssistant.id);
    await expect(owner.withOrganization(randomUUID()).assistants.list()).rejects.toMatchObject({ code: 'organization_not_found' });
  });

  it('reports usage of the answers given', async () => {
    const usage = await owner.usage.get({ groupBy: 'assistant' });
    expect(usage.totals.messages).toBeGreaterThan(0);
    expect(usage.items.map((i) => i.key)).toContain(assistantId);
  });
});
