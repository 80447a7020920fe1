import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../../../test/fixtures/fake-openai-upstream.js';
import { ProviderCallError } from './embedding-provider.js';
import { createEmbeddingProvider, embeddingModelId, embeddingProviderNames, type EmbeddingSpec } from './embedding-registry.js';

let upstream: FakeOpenAIUpstream;
beforeEach(async () => {
  upstream = await startFakeOpenAIUpstream({ dimensions: 12 });
});
afterEach(() => upstream.close());

describe('createEmbeddingProvider', () => {
  it('lists every provider it can build', () => {
    expect(embeddingProviderNames.sort()).toEqual(['hash', 'openai-compatible', 'transformers']);
  });

  it('builds the hash embedder', async () => {
    const provider = createEmbeddingProvider({ provider: 'hash', dimensions: 384 });
    expect(embeddingModelId(provider)).toBe('hash:hash-v1:384');
    const [vector] = await provider.embed(['hi'], { kind: 'query' });
    expect(vector).toHaveLength(384);
  });

  it('builds the openai-compatible embedder with the injected fetch and learns its vector length', async () => {
    const seen: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    const provider = createEmbeddingProvider(
      { provider: 'openai-compatible', baseUrl: upstream.url, model: 'nomic-embed-text' },
      { fetch: countingFetch },
    );
    expect(await provider.probeDimensions()).toBe(12);
    expect(embeddingModelId(provider)).toBe('openai-compatible:nomic-embed-text:12');
    expect(seen).toEqual([`${upstream.url}/v1/embeddings`]);
  });

  it('builds the transformers embedder without loading it; a missing model shows on probe', async () => {
    const provider = createEmbeddingProvider({
      provider: 'transformers',
      model: 'Xenova/multilingual-e5-small',
      localModelPath: '/nonexistent/parley-models',
      allowRemoteModels: false,
    });
    expect(provider.provider).toBe('transformers');
    const error = await provider.probeDimensions().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect((error as Error).message).toContain('/nonexistent/parley-models/Xenova/multilingual-e5-small');
  });

  it('refuses an unknown provider', () => {
    expect(() => createEmbeddingProvider({ provider: 'word2vec' } as unknown as EmbeddingSpec)).toThrow(
      /unknown embedding provider "word2vec"/,
    );
  });
});
