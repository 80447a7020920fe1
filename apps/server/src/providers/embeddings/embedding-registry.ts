// Builds the configured embedding provider from a plain spec (parsed once from config). One table maps
// each provider name to its factory; adding a provider is one entry, and nothing else names them.
import type { EmbeddingProvider } from './embedding-provider.js';
import { createHashEmbedder } from './hash-embedder.js';
import { createOpenAICompatibleEmbedder } from './openai-compatible-embedder.js';
import { createTransformersEmbedder, type TransformersDtype } from './transformers-embedder.js';

export type EmbeddingSpec =
  | { readonly provider: 'hash'; readonly dimensions: number }
  | {
      readonly provider: 'openai-compatible';
      readonly baseUrl: string;
      readonly apiKey?: string;
      readonly model: string;
      readonly dimensions?: number;
      readonly maxBatchSize?: number;
      readonly concurrency?: number;
      readonly queryPrefix?: string;
      readonly documentPrefix?: string;
    }
  | {
      readonly provider: 'transformers';
      readonly model: string;
      readonly localModelPath?: string;
      readonly cacheDir?: string;
      readonly allowRemoteModels: boolean;
      readonly dtype?: TransformersDtype;
    };

export type EmbeddingProviderName = EmbeddingSpec['provider'];

export interface EmbeddingProviderDeps {
  /** Used by the HTTP providers; global fetch when absent. */
  readonly fetch?: typeof fetch;
}

/**
 * A provider that can say its vector length before use. Remote and local neural models only know it
 * after a first call or a model load, so `dimensions` throws until probeDimensions() has resolved.
 */
export interface DiscoverableEmbeddingProvider extends EmbeddingProvider {
  probeDimensions(signal?: AbortSignal): Promise<number>;
}

type Factory<P extends EmbeddingProviderName> = (
  spec: Extract<EmbeddingSpec, { provider: P }>,
  deps: EmbeddingProviderDeps,
) => DiscoverableEmbeddingProvider;

const factories: { readonly [P in EmbeddingProviderName]: Factory<P> } = {
  hash: (spec) => createHashEmbedder({ dimensions: spec.dimensions }),
  'openai-compatible': ({ provider: _provider, ...options }, deps) =>
    createOpenAICompatibleEmbedder({ ...options, ...(deps.fetch ? { fetch: deps.fetch } : {}) }),
  transformers: ({ provider: _provider, ...options }) => createTransformersEmbedder(options),
};

export const embeddingProviderNames = Object.keys(factories) as EmbeddingProviderName[];

/** The provider the spec describes. Nothing is loaded or called yet: await probeDimensions() to learn the vector length. */
export function createEmbeddingProvider(spec: EmbeddingSpec, deps: EmbeddingProviderDeps = {}): DiscoverableEmbeddingProvider {
  const factory = factories[spec.provider] as Factory<EmbeddingProviderName> | undefined;
  if (!factory)
    throw new Error(`unknown embedding provider "${String(spec.provider)}"; expected one of ${embeddingProviderNames.join(', ')}`);
  return factory(spec, deps);
}

/**
 * Names the vector space a provider writes into, e.g. `hash:hash-v1:768`. Vectors are only comparable
 * when this matches, so it is stored next to them and checked when the provider changes.
 */
export function embeddingModelId(provider: Pick<EmbeddingProvider, 'provider' | 'model' | 'dimensions'>): string {
  return `${provider.provider}:${provider.model}:${provider.dimensions}`;
}
