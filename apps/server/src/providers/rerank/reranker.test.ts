import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../../../test/fixtures/fake-openai-upstream.js';
import { ProviderCallError } from '../embeddings/embedding-provider.js';
import { createHttpReranker, type HttpRerankerOptions } from './reranker.js';

let upstream: FakeOpenAIUpstream;
let delays: number[];

beforeEach(async () => {
  upstream = await startFakeOpenAIUpstream();
  delays = [];
});
afterEach(() => upstream.close());

function reranker(kind: 'tei' | 'cohere', overrides: Partial<HttpRerankerOptions> = {}) {
  return createHttpReranker({
    baseUrl: upstream.url,
    kind,
    model: 'fake-rerank',
    timeoutMs: 2000,
    retry: { random: () => 0.5, sleep: (ms) => (delays.push(ms), Promise.resolve()) },
    ...overrides,
  });
}

const documents = [
  'The cat sat on the mat.',
  'Paris is the capital of France.',
  'France borders Spain; its capital is Paris, on the Seine.',
  'Nothing relevant here.',
];

describe('createHttpReranker', () => {
  it.each(['tei', 'cohere'] as const)('%s: returns every document, best first', async (kind) => {
    const results = await reranker(kind).rerank('capital France Seine Paris', documents);
    expect(results.map((r) => r.index)).toEqual([2, 1, 0, 3]);
    expect(results.map((r) => r.score)).toEqual([4, 3, 0, 0]);
  });

  it('tei: posts {query, texts} to /rerank and cuts to topN itself', async () => {
    const results = await reranker('tei').rerank('capital of France', documents, { topN: 2 });
    expect(results.map((r) => r.index)).toEqual([1, 2]);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]!.path).toBe('/rerank');
    expect(upstream.requests[0]!.body).toEqual({ query: 'capital of France', texts: documents });
  });

  it('cohere: posts {model, query, documents, top_n} to /v1/rerank with the key', async () => {
    const results = await reranker('cohere', { apiKey: 'jina-key', baseUrl: `${upstream.url}/v1` }).rerank('capital of France', documents, {
      topN: 1,
    });
    expect(results).toEqual([{ index: 1, score: 3 }]);
    const [request] = upstream.requests;
    expect(request!.path).toBe('/v1/rerank');
    expect(request!.body).toEqual({ model: 'fake-rerank', query: 'capital of France', documents, top_n: 1 });
    expect(request!.headers.authorization).toBe('Bearer jina-key');
  });

  it('sorts results itself when the server does not', async () => {
    upstream.route('POST', '/v1/rerank', ({ response }) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          results: [
            { index: 0, relevance_score: 0.1 },
            { index: 2, relevance_score: 0.9 },
            { index: 1, relevance_score: 0.5 },
          ],
        }),
      );
    });
    const results = await reranker('cohere').rerank('q', ['a', 'b', 'c']);
    expect(results).toEqual([
      { index: 2, score: 0.9 },
      { index: 1, score: 0.5 },
      { index: 0, score: 0.1 },
    ]);
  });

  it('returns [] for no documents or topN 0 without calling the server', async () => {
    expect(await reranker('tei').rerank('q', [])).toEqual([]);
    expect(await reranker('cohere').rerank('q', ['a'], { topN: 0 })).toEqual([]);
    expect(upstream.requests).toHaveLength(0);
  });

  it('retries 429 and 503 as the embedders do', async () => {
    upstream.fail('/rerank', { kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    upstream.fail('/rerank', { kind: 'status', status: 503 });
    const results = await reranker('tei', {
      retry: { initialDelayMs: 100, random: () => 0.5, sleep: (ms) => (delays.push(ms), Promise.resolve()) },
    }).rerank('capital', documents);
    expect(results).toHaveLength(4);
    expect(upstream.requests).toHaveLength(3);
    expect(delays).toEqual([1000, 100]);
  });

  it('fails at once on 400 with the upstream message', async () => {
    upstream.fail('/v1/rerank', { kind: 'status', status: 400, message: 'documents too long' });
    const error = await reranker('cohere')
      .rerank('q', ['a'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect((error as ProviderCallError).isRetryable).toBe(false);
    expect((error as ProviderCallError).message).toMatch(/HTTP 400.*documents too long/);
    expect(upstream.requests).toHaveLength(1);
  });

  it('times out a stalled server', async () => {
    upstream.fail('/rerank', { kind: 'stall' }, 2);
    const error = await reranker('tei', { timeoutMs: 100, maxRetries: 1 })
      .rerank('q', ['a'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect((error as ProviderCallError).message).toContain('no response within 100 ms');
    expect(upstream.requests).toHaveLength(2);
  });

  it('rejects results that point outside the documents', async () => {
    upstream.route('POST', '/rerank', ({ response }) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify([{ index: 5, score: 1 }]));
    });
    await expect(reranker('tei').rerank('q', ['a', 'b'])).rejects.toThrow(/bad or repeated index 5 for 2 documents/);
  });

  it('rejects a cohere response without results', async () => {
    upstream.route('POST', '/v1/rerank', ({ response }) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: [] }));
    });
    await expect(reranker('cohere').rerank('q', ['a'])).rejects.toThrow(/no `results` array/);
  });
});
