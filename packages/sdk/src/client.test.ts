// The client's HTTP behaviour against a stub server on a real socket: URLs, headers and bodies it sends,
// the server's errors mapped to ParleyError (code, details, request id, Retry-After), connection failures,
// the one-refresh-per-expiry rule for concurrent requests, and streams that close their connection.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Parley } from './client.js';
import { ParleyConnectionError, ParleyError, parseRetryAfter } from './errors.js';
import type { ParleyTokens } from './transport.js';
import { apiError, json, startHttpStub, type HttpStub } from './test-support/http-stub.js';

let stub: HttpStub;
beforeAll(async () => {
  stub = await startHttpStub();
});
afterAll(async () => stub?.close());
beforeEach(() => {
  stub.requests.length = 0;
});

const ASSISTANT = '11111111-1111-4111-8111-111111111111';

describe('requests', () => {
  it('fills path params, serialises the query, and sends JSON with the key and organization', async () => {
    stub.handle((_, res) => json(res, 200, { items: [], total: 0 }));
    const client = new Parley({ baseUrl: `${stub.url}/`, apiKey: 'sk_test', organizationId: 'org-1', headers: { 'x-request-id': 'abc' } });
    const list = await client.documents.list(ASSISTANT, { status: 'indexed', q: 'a b&c', limit: 5 });
    expect(list).toEqual({ items: [], total: 0 });
    const [req] = stub.requests;
    expect(req!.method).toBe('GET');
    expect(req!.path).toBe(`/api/v1/assistants/${ASSISTANT}/documents`);
    expect(Object.fromEntries(req!.url.searchParams)).toEqual({ status: 'indexed', q: 'a b&c', limit: '5' });
    expect(req!.headers).toMatchObject({
      authorization: 'Bearer sk_test',
      'x-parley-organization': 'org-1',
      'x-request-id': 'abc',
      accept: 'application/json',
    });

    stub.handle((_, res) => json(res, 201, { id: 'a1' }));
    await client.assistants.create({ name: 'Support', tone: 'friendly' });
    expect(stub.requests[1]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(stub.requests[1]!.body)).toEqual({ name: 'Support', tone: 'friendly' });
  });

  it('encodes path params and answers undefined for 204', async () => {
    stub.handle((_, res) => {
      res.writeHead(204);
      res.end();
    });
    const client = new Parley({ baseUrl: stub.url, apiKey: 'sk_test' });
    await expect(client.request('DELETE', '/api/v1/assistants/{id}', { params: { id: 'a/b c' } })).resolves.toBeUndefined();
    expect(stub.requests[0]!.url.pathname).toBe('/api/v1/assistants/a%2Fb%20c');
  });

  it('uploads a file as multipart form data with its name', async () => {
    stub.handle((_, res) => json(res, 202, { id: 'd1', status: 'queued' }));
    const client = new Parley({ baseUrl: stub.url, apiKey: 'sk_test' });
    const doc = await client.documents.upload(ASSISTANT, new TextEncoder().encode('# Hours\nWe open at 9.'), 'hours.md');
    expect(doc).toMatchObject({ id: 'd1', status: 'queued' });
    const [req] = stub.requests;
    expect(req!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req!.body).toContain('name="file"; filename="hours.md"');
    expect(req!.body).toContain('# Hours\nWe open at 9.');
  });

  it('sends the public widget routes with the visitor header and no credential or organization', async () => {
    stub.handle((_, res) => json(res, 201, { id: 'c1' }));
    const client = new Parley({ baseUrl: stub.url, apiKey: 'sk_should_not_leak', organizationId: 'org-1' });
    const chat = client.publicChat('pk_abcdefgh123', 'visitor_0123456789abcdefgh');
    await chat.createConversation();
    const [req] = stub.requests;
    expect(req!.path).toBe('/api/v1/public/pk_abcdefgh123/conversations');
    expect(req!.headers['x-parley-visitor']).toBe('visitor_0123456789abcdefgh');
    expect(req!.headers.authorization).toBeUndefined();
    expect(req!.headers['x-parley-organization']).toBeUndefined();
    expect(client.publicChat('pk_abcdefgh123').visitorId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('errors', () => {
  it("carries the server's code, message, details and request id", async () => {
    const details = { issues: [{ path: 'body.name', message: 'Too small', code: 'too_small' }] };
    stub.handle((_, res) => apiError(res, 400, 'validation_error', 'body.name: Too small', { details }));
    const client = new Parley({ baseUrl: stub.url, apiKey: 'sk_test' });
    const error = await client.assistants.create({ name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParleyError);
    expect(error).toMatchObject({
      name: 'ParleyError',
      status: 400,
      code: 'validation_error',
      message: 'body.name: Too small',
      details,
      requestId: 'req-validation_error',
      retryAfter: null,
      isRetryable: false,
    });
    expect((error as ParleyError).issues).toEqual(details.issues);
  });

  it('reads Retry-After on 429, and details.retryAfterSeconds when the header is hidden', async () => {
    const client = new Parley({ baseUrl: stub.url, apiKey: 'sk_test' });
    stub.handle((_, res) => apiError(res, 429, 'rate_limited', 'Too many requests', { headers: { 'retry-after': '17' } }));
    await expect(client.instance.get()).rejects.toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 17, isRetryable: true });
    stub.handle((_, res) => apiError(res, 429, 'rate_limited', 'Too many requests', { details: { retryAfterSeconds: 9 } }));
    await expect(client.instance.get()).rejects.toMatchObject({ retryAfter: 9 });
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30);
    expect(parseRetryAfter('soon')).toBeNull();
  });

  it('maps an answer outside the error shape to http_error with the status and request id', async () => {
    stub.handle((_, res) => {
      res.writeHead(502, { 'content-type': 'text/html', 'x-request-id': 'proxy-1' });
      res.end('<h1>Bad gateway</h1>');
    });
    const client = new Parley({ baseUrl: stub.url, apiKey: 'sk_test' });
    await expect(client.instance.get()).rejects.toMatchObject({
      status: 502,
      code: 'http_error',
      requestId: 'proxy-1',
      isRetryable: true,
      message: expect.stringContaining('Bad gateway'),
    });
  });

  it('reports an unreachable server as ParleyConnectionError, and an aborted call as the abort', async () => {
    const closed = await startHttpStub();
    const url = closed.url;
    await closed.close();
    const client = new Parley({ baseUrl: url, apiKey: 'sk_test' });
    const error = await client.instance.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParleyConnectionError);
    expect((error as Error).message).toContain(url);

    stub.handle(() => undefined); // never answers
    const controller = new AbortController();
    const pending = new Parley({ baseUrl: stub.url, apiKey: 'sk_test' }).instance.get({ signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('token refresh', () => {
  /** A server whose access tokens `a<n>` are valid only for the latest n; refresh rotates `r<n>` → `r<n+1>`. */
  function sessionServer(options: { refuseRefresh?: boolean } = {}) {
    let generation = 1;
    const state = { refreshes: 0 };
    stub.handle(async (req, res) => {
      if (req.path === '/api/v1/auth/refresh') {
        state.refreshes += 1;
        const body = JSON.parse(req.body) as { refreshToken: string; includeRefreshToken: boolean };
        if (options.refuseRefresh || body.refreshToken !== `r${generation}` || !body.includeRefreshToken) {
          return apiError(res, 401, 'unauthorized', 'Invalid refresh token');
        }
        // Slow enough that every concurrent request has been refused before the refresh answers.
        await new Promise((r) => setTimeout(r, 50));
        generation += 1;
        return json(res, 200, {
          user: { id: 'u1' },
          accessToken: `a${generation}`,
          refreshToken: `r${generation}`,
          accessTokenExpiresAt: '2030-01-01T00:00:00.000Z',
        });
      }
      if (req.headers.authorization === `Bearer a${generation}`) return json(res, 200, { ok: req.path });
      if (req.headers.authorization?.startsWith('Bearer a')) return apiError(res, 401, 'token_expired', 'The access token has expired');
      return apiError(res, 401, 'unauthorized', 'Authentication required');
    });
    return state;
  }

  it('refreshes once for many requests that found the token expired, retries them all, and reports the new tokens', async () => {
    const state = sessionServer();
    const seen: (ParleyTokens | null)[] = [];
    const client = new Parley({ baseUrl: stub.url, accessToken: 'a0', refreshToken: 'r1', onTokens: (t) => seen.push(t) });
    const results = await Promise.all(Array.from({ length: 6 }, () => client.request('GET', '/api/v1/instance')));
    expect(results).toEqual(Array.from({ length: 6 }, () => ({ ok: '/api/v1/instance' })));
    expect(state.refreshes).toBe(1);
    expect(seen).toEqual([{ accessToken: 'a2', refreshToken: 'r2', accessTokenExpiresAt: '2030-01-01T00:00:00.000Z' }]);
    expect(client.auth.tokens()).toEqual(seen[0]);
    // Refresh requests carry no stale credential.
    expect(stub.requests.find((r) => r.path === '/api/v1/auth/refresh')!.headers.authorization).toBeUndefined();
  });

  it('shares the session with clients for other organizations', async () => {
    const state = sessionServer();
    const client = new Parley({ baseUrl: stub.url, accessToken: 'a0', refreshToken: 'r1' });
    const other = client.withOrganization('org-2');
    await Promise.all([client.instance.get(), other.instance.get()]);
    expect(state.refreshes).toBe(1);
    expect(other.organizationId).toBe('org-2');
    expect(stub.requests.filter((r) => r.headers['x-parley-organization'] === 'org-2').length).toBeGreaterThan(0);
  });

  it('gets an access token first when restored from a refresh token alone', async () => {
    const state = sessionServer();
    const client = new Parley({ baseUrl: stub.url, refreshToken: 'r1' });
    await expect(client.instance.get()).resolves.toEqual({ ok: '/api/v1/instance' });
    expect(state.refreshes).toBe(1);
    expect(stub.requests.map((r) => r.path)).toEqual(['/api/v1/auth/refresh', '/api/v1/instance']);
  });

  it('ends the session when the refresh token is refused, and throws that refusal', async () => {
    sessionServer({ refuseRefresh: true });
    const seen: (ParleyTokens | null)[] = [];
    const client = new Parley({ baseUrl: stub.url, accessToken: 'a0', refreshToken: 'r1', onTokens: (t) => seen.push(t) });
    await expect(client.instance.get()).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(seen).toEqual([null]);
    expect(client.auth.tokens()).toBeNull();
  });

  it('does not refresh for other 401s, without a refresh token, or with a secret key', async () => {
    const state = sessionServer();
    await expect(new Parley({ baseUrl: stub.url, accessToken: 'a0' }).instance.get()).rejects.toMatchObject({ code: 'token_expired' });
    await expect(new Parley({ baseUrl: stub.url, accessToken: 'junk', refreshToken: 'r1' }).instance.get()).rejects.toMatchObject({
      code: 'unauthorized',
    });
    await expect(new Parley({ baseUrl: stub.url, apiKey: 'sk_x', refreshToken: 'r1' }).instance.get()).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect(state.refreshes).toBe(0);
  });

  it('refreshes before a stream opens', async () => {
    const state = sessionServer();
    const client = new Parley({ baseUrl: stub.url, accessToken: 'a0', refreshToken: 'r1' });
    // The stub answers JSON, not events: the stream just ends; what matters is that it was retried after the refresh.
    for await (const _ of client.chat.stream(ASSISTANT, { content: 'hi' })) void _;
    expect(state.refreshes).toBe(1);
    const messages = `/api/v1/conversations/${ASSISTANT}/messages`;
    expect(stub.requests.map((r) => r.path)).toEqual([messages, '/api/v1/auth/refresh', messages]);
    expect(stub.requests[2]!.headers.accept).toBe('text/event-stream');
    expect(JSON.parse(stub.requests[2]!.body)).toEqual({ content: 'hi' });
  });
});

describe('streams', () => {
  const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

  it('yields typed events in order, skipping comments and events it does not know', async () => {
    stub.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': accepted\n\n');
      res.write(frame('meta', { conversationId: 'c', userMessageId: 'u', assistantMessageId: 'm', model: 'x' }));
      res.write(frame('token', { messageId: 'm', text: 'Hel' }) + frame('future.event', { x: 1 }));
      res.write(frame('token', { messageId: 'm', text: 'lo' }).slice(0, 10));
      res.end(frame('token', { messageId: 'm', text: 'lo' }).slice(10) + frame('done', { messageId: 'm', status: 'complete' }));
    });
    const client = new Parley({ baseUrl: stub.url, apiKey: 'sk_test' });
    const events = [];
    for await (const ev of client.chat.stream(ASSISTANT, { content: 'hi' })) events.push(ev);
    expect(events.map((e) => e.event)).toEqual(['meta', 'token', 'token', 'done']);
    expect(
      events
        .filter((e) => e.event === 'token')
        .map((e) => e.data.text)
        .join(''),
    ).toBe('Hello');
  });

  it('throws a refusal from the loop before any event', async () => {
    stub.handle((_, res) => apiError(res, 404, 'conversation_not_found', 'Conversation not found'));
    const client = new Parley({ baseUrl: stub.url, apiKey: 'sk_test' });
    const events: unknown[] = [];
    const error = await (async () => {
      for await (const ev of client.chat.stream(ASSISTANT, { content: 'hi' })) events.push(ev);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: 'conversation_not_found' });
    expect(events).toEqual([]);
  });

  it('closes the connection when the loop breaks, and when abort() is called', async () => {
    stub.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => res.write(frame('token', { messageId: 'm', text: 'x' })), 5);
      res.on('close', () => clearInterval(timer));
    });
    const client = new Parley({ baseUrl: stub.url, apiKey: 'sk_test' });
    let tokens = 0;
    for await (const ev of client.chat.stream(ASSISTANT, { content: 'hi' })) {
      if (ev.event === 'token') tokens += 1;
      if (tokens === 2) break;
    }
    expect(tokens).toBe(2);
    await stub.requests[0]!.clientGone;

    const stream = client.chat.stream(ASSISTANT, { content: 'again' });
    const reading = (async () => {
      for await (const _ of stream) stream.abort();
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    await stub.requests[1]!.clientGone;
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/already been read/);

    const controller = new AbortController();
    const withSignal = (async () => {
      for await (const _ of client.chat.stream(ASSISTANT, { content: 'third' }, { signal: controller.signal })) {
        controller.abort(new Error('user left'));
      }
    })();
    await expect(withSignal).rejects.toThrow('user left');
    await stub.requests[2]!.clientGone;
  });
});
