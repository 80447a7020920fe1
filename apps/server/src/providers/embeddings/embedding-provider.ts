// The embedding provider boundary, versioned like the AI SDK's model specifications: adapters declare
// what they can do, and the ingestion pipeline and retrieval read those declarations instead of
// knowing which vendor is behind them.

export interface EmbedOptions {
  /** Some models embed queries and passages differently (e5: "query: " / "passage: "). */
  readonly kind: 'query' | 'document';
  readonly signal?: AbortSignal;
}

export interface EmbeddingProvider {
  readonly specificationVersion: 'v1';
  /** Provider family: 'hash', 'openai-compatible', 'transformers'. */
  readonly provider: string;
  /** Model name as the provider knows it. */
  readonly model: string;
  /** Length of every vector this provider returns. */
  readonly dimensions: number;
  /** Largest number of texts one embed() call may carry; callers split larger inputs. */
  readonly maxEmbeddingsPerCall: number;
  /** Whether callers may run several embed() calls at once. */
  readonly supportsParallelCalls: boolean;
  /** Returns one unit-length vector per text, in input order. */
  embed(texts: readonly string[], options: EmbedOptions): Promise<number[][]>;
}

/** A failed call to a remote provider; `isRetryable` follows HTTP semantics (408/409/429/5xx, network). */
export class ProviderCallError extends Error {
  override readonly name = 'ProviderCallError';
  constructor(
    message: string,
    readonly isRetryable: boolean,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
