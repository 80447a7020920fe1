import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeEmbedding, startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../../../test/fixtures/fake-openai-upstream.js';
import { ProviderCallError } from './embedding-provider.js';
import { createOpenAICompatibleEmbedder, type OpenAICompatibleEmbedderOptions } from './openai-compatible-embedder.js';

let upstream: FakeOpenAIUpstream;
let delays: number[];

beforeEach(async () => {
  upstream = await startFakeOpenAIUpstream({ dimensions: 8 });
  delays = [];
});
afterEach(() => upstream.close());

/** An embedder whose backoff waits are recorded, not slept. */
function embedder(overrides: Partial<OpenAICompatibleEmbedderOptions> = {}) {
  return createOpenAICompatibleEmbedder({
    baseUrl: upstream.url,
    model: 'fake-embed',
    dimensions: 8,
    retry: {
      random: () => 0.5,
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
    },
    ...overrides,
  });
}

function unit(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  return vector.map((x) => x / norm);
}

async function rejection(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

const texts = (n: number) => Array.from({ length: n }, (_, i) => `text number ${i}`);

describe('createOpenAICompatibleEmbedder', () => {
  it('splits inputs into batches of maxBatchSize and returns unit vectors in input order', async () => {
    const inputs = texts(150);
    const vectors = await embedder({ maxBatchSize: 64 }).embed(inputs, { kind: 'document' });

    const batches = upstream.requestsTo('/v1/embeddings').map((r) => (r.body as { input: string[] }).input);
    expect(batches.map((b) => b.length)).toEqual([64, 64, 22]);
    expect(batches.flat()).toEqual(inputs);
    expect(vectors).toHaveLength(150);
    for (const [i, vector] of vectors.entries()) {
      expect(vector).toHaveLength(8);
      expect(vector.reduce((sum, x) => sum + x * x, 0)).toBeCloseTo(1, 6);
      expect(vector).toEqual(unit(fakeEmbedding(inputs[i]!, 8)).map((x) => expect.closeTo(x, 12)));
    }
  });

  it('sends the model, the bearer key and extra headers', async () => {
    await embedder({ apiKey: 'sk-test', headers: { 'x-tenant': 'acme' } }).embed(['hello'], { kind: 'query' });
    const [request] = upstream.requests;
    expect(request!.body).toEqual({ model: 'fake-embed', input: ['hello'] });
    expect(request!.headers.authorization).toBe('Bearer sk-test');
    expect(request!.headers['x-tenant']).toBe('acme');
  });

  it('accepts a base URL with or without /v1', async () => {
    await embedder({ baseUrl: `${upstream.url}/v1/` }).embed(['a'], { kind: 'query' });
    await embedder({ baseUrl: upstream.url }).embed(['b'], { kind: 'query' });
    expect(upstream.requests.map((r) => r.path)).toEqual(['/v1/embeddings', '/v1/embeddings']);
  });

  it('puts vectors back in input order by index when the server reorders them', async () => {
    upstream.reverseEmbeddingOrder = true;
    const [first, second] = await embedder().embed(['first', 'second'], { kind: 'document' });
    expect(first).toEqual(unit(fakeEmbedding('first', 8)).map((x) => expect.closeTo(x, 12)));
    expect(second).toEqual(unit(fakeEmbedding('second', 8)).map((x) => expect.closeTo(x, 12)));
  });

  it('adds the query and document prefixes it is given', async () => {
    const e5 = embedder({ queryPrefix: 'query: ', documentPrefix: 'passage: ' });
    await e5.embed(['what is it'], { kind: 'query' });
    await e5.embed(['it is this'], { kind: 'document' });
    expect(upstream.requests.map((r) => (r.body as { input: string[] }).input[0])).toEqual(['query: what is it', 'passage: it is this']);
  });

  it('returns [] for no texts without calling the server', async () => {
    expect(await embedder().embed([], { kind: 'document' })).toEqual([]);
    expect(upstream.requests).toHaveLength(0);
  });

  it('keeps at most `concurrency` batches in flight across calls', async () => {
    let inFlight = 0;
    let peak = 0;
    const release: Array<() => void> = [];
    upstream.route('POST', '/v1/embeddings', async ({ response, body }) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((resolve) => release.push(resolve));
      inFlight--;
      const input = (body as { input: string[] }).input;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: input.map((t, index) => ({ index, embedding: fakeEmbedding(t, 8) })) }));
    });
    const limited = embedder({ maxBatchSize: 2, concurrency: 2 });
    const calls = Promise.all([limited.embed(texts(6), { kind: 'document' }), limited.embed(texts(4), { kind: 'document' })]);
    // Answer requests one at a time as they arrive until all five batches are served.
    let served = 0;
    while (served < 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const next = release.shift();
      if (next) {
        next();
        served++;
      }
    }
    const [a, b] = await calls;
    expect(a).toHaveLength(6);
    expect(b).toHaveLength(4);
    expect(peak).toBe(2);
    expect(upstream.requestsTo('/v1/embeddings')).toHaveLength(5);
  });

  it('retries 429 and waits what retry-after says', async () => {
    upstream.fail('/v1/embeddings', { kind: 'status', status: 429, headers: { 'retry-after': '2' } }, 2);
    const vectors = await embedder().embed(['hello'], { kind: 'query' });
    expect(vectors).toHaveLength(1);
    expect(upstream.requests).toHaveLength(3);
    expect(delays).toEqual([2000, 2000]);
  });

  it('retries 5xx with exponential backoff and jitter', async () => {
    upstream.fail('/v1/embeddings', { kind: 'status', status: 503 }, 3);
    await embedder({ retry: { initialDelayMs: 100, random: () => 0.5, sleep: (ms) => (delays.push(ms), Promise.resolve()) } }).embed(
      ['x'],
      {
        kind: 'query',
      },
    );
    expect(upstream.requests).toHaveLength(4);
    expect(delays).toEqual([50, 100, 200]);
  });

  it('really waits between attempts when no sleep is injected', async () => {
    upstream.fail('/v1/embeddings', { kind: 'status', status: 500 }, 2);
    const real = createOpenAICompatibleEmbedder({ baseUrl: upstream.url, model: 'm', retry: { initialDelayMs: 1 } });
    expect(await real.embed(['x'], { kind: 'query' })).toHaveLength(1);
    expect(upstream.requests).toHaveLength(3);
  });

  it('gives up after maxRetries with a readable retryable error', async () => {
    upstream.fail('/v1/embeddings', { kind: 'status', status: 500, message: 'CUDA out of memory' }, 10);
    const error = await rejection(embedder({ maxRetries: 2 }).embed(['x'], { kind: 'query' }));
    expect(upstream.requests).toHaveLength(3);
    expect(error.isRetryable).toBe(true);
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/HTTP 500/);
    expect(error.message).toContain('CUDA out of memory');
    expect(error.message).toContain('fake-embed');
  });

  it.each([400, 401, 404])('fails at once on %i without retrying', async (status) => {
    upstream.fail('/v1/embeddings', { kind: 'status', status, message: `upstream says ${status}` });
    const error = await rejection(embedder().embed(['x'], { kind: 'query' }));
    expect(upstream.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error.isRetryable).toBe(false);
    expect(error.status).toBe(status);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).toContain(`upstream says ${status}`);
  });

  it('does not wait a retry-after longer than maxDelayMs', async () => {
    upstream.fail('/v1/embeddings', { kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    const error = await rejection(embedder().embed(['x'], { kind: 'query' }));
    expect(error.status).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(upstream.requests).toHaveLength(1);
  });

  it('times out a stalled request, retries it, then reports the timeout', async () => {
    upstream.fail('/v1/embeddings', { kind: 'stall' }, 2);
    const error = await rejection(embedder({ timeoutMs: 100, maxRetries: 1 }).embed(['x'], { kind: 'query' }));
    expect(upstream.requests).toHaveLength(2);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('no response within 100 ms');
  });

  it('recovers from a stall when the retry is answered', async () => {
    upstream.fail('/v1/embeddings', { kind: 'stall' });
    expect(await embedder({ timeoutMs: 500 }).embed(['x'], { kind: 'query' })).toHaveLength(1);
    expect(upstream.requests).toHaveLength(2);
  });

  it('retries a cut connection as a network error', async () => {
    upstream.fail('/v1/embeddings', { kind: 'disconnect' });
    expect(await embedder().embed(['x'], { kind: 'query' })).toHaveLength(1);
    expect(upstream.requests).toHaveLength(2);

    upstream.fail('/v1/embeddings', { kind: 'disconnect' }, 2);
    const error = await rejection(embedder({ maxRetries: 1 }).embed(['x'], { kind: 'query' }));
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('network error');
  });

  it('rejects vectors of the wrong length without retrying', async () => {
    upstream.fail('/v1/embeddings', { kind: 'wrong-dimension', dimensions: 5 });
    const error = await rejection(embedder().embed(['x'], { kind: 'query' }));
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('5 dimensions, expected 8');
    expect(upstream.requests).toHaveLength(1);
  });

  it('rejects a response with the wrong number of embeddings', async () => {
    upstream.route('POST', '/v1/embeddings', ({ response }) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: [{ index: 0, embedding: fakeEmbedding('a', 8) }] }));
    });
    const error = await rejection(embedder().embed(['a', 'b'], { kind: 'document' }));
    expect(error.message).toContain('1 embeddings for 2 inputs');
  });

  it('rejects a body that is not JSON', async () => {
    upstream.route('POST', '/v1/embeddings', ({ response }) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>proxy login</html>');
    });
    const error = await rejection(embedder().embed(['a'], { kind: 'document' }));
    expect(error.message).toContain('not JSON');
    expect(error.isRetryable).toBe(false);
  });

  it('discovers the vector length with one probe when none is configured', async () => {
    upstream.dimensions = 12;
    const probed = embedder({ dimensions: undefined });
    expect(() => probed.dimensions).toThrow(/not known yet/);
    const [a, b] = await Promise.all([probed.probeDimensions(), probed.probeDimensions()]);
    expect([a, b]).toEqual([12, 12]);
    expect(probed.dimensions).toBe(12);
    expect(upstream.requests).toHaveLength(1);
    expect(await probed.probeDimensions()).toBe(12);
    expect(upstream.requests).toHaveLength(1);

    // Once known, a server that changes its vector length is caught.
    upstream.dimensions = 16;
    const error = await rejection(probed.embed(['x'], { kind: 'query' }));
    expect(error.message).toContain('16 dimensions, expected 12');
  });

  it('stops when the caller aborts, without retrying', async () => {
    upstream.fail('/v1/embeddings', { kind: 'stall' }, 5);
    const controller = new AbortController();
    const call = embedder({ timeoutMs: 10_000 }).embed(['x'], { kind: 'query', signal: controller.signal });
    while (upstream.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('user went away'));
    await expect(call).rejects.toThrow('user went away');
    expect(upstream.requests).toHaveLength(1);
  });
});
