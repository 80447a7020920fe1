// Embeddings from any server that speaks OpenAI's `POST /v1/embeddings`: Ollama, vLLM, TEI, LM Studio,
// llama.cpp's server and OpenAI itself. Inputs are split into batches of maxBatchSize; batches from all
// calls share one concurrency limit, so a large ingestion cannot flood a small local server.
// Responses are checked (one vector per input, each of the expected length, put back in input order by
// `index`) and scaled to unit length, since not every server normalises.
import { ProviderCallError, type EmbedOptions, type EmbeddingProvider } from './embedding-provider.js';
import { ConcurrencyLimiter, openAIStyleUrl, postJsonWithRetry, type RetryTiming } from './provider-http-call.js';

export interface OpenAICompatibleEmbedderOptions {
  /** Server root, with or without `/v1`: `http://localhost:11434` and `http://localhost:11434/v1` both work. */
  readonly baseUrl: string;
  readonly apiKey?: string;
  readonly model: string;
  /** Expected vector length; when absent, learnt by probeDimensions() or the first successful call. */
  readonly dimensions?: number;
  /** Also send `dimensions` in the request (OpenAI text-embedding-3, Matryoshka models); most servers reject it otherwise. */
  readonly requestDimensions?: boolean;
  readonly maxBatchSize?: number;
  /** Batches in flight at once, across all calls to this embedder. */
  readonly concurrency?: number;
  readonly maxRetries?: number;
  /** Per attempt. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly headers?: Readonly<Record<string, string>>;
  /** Prepended to queries / documents, for models trained with prefixes (e5: "query: ", "passage: "). */
  readonly queryPrefix?: string;
  readonly documentPrefix?: string;
  readonly retry?: RetryTiming;
}

export interface OpenAICompatibleEmbedder extends EmbeddingProvider {
  /** The vector length, from the options or else by embedding one short text (once; later calls reuse it). */
  probeDimensions(signal?: AbortSignal): Promise<number>;
}

export function createOpenAICompatibleEmbedder(options: OpenAICompatibleEmbedderOptions): OpenAICompatibleEmbedder {
  const maxBatchSize = options.maxBatchSize ?? 64;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) throw new RangeError(`maxBatchSize must be a positive integer`);
  if (options.dimensions !== undefined && (!Number.isInteger(options.dimensions) || options.dimensions < 1)) {
    throw new RangeError(`dimensions must be a positive integer, got ${options.dimensions}`);
  }
  const limiter = new ConcurrencyLimiter(options.concurrency ?? 4);
  const url = openAIStyleUrl(options.baseUrl, 'embeddings');
  const label = `openai-compatible embeddings (${options.model} at ${url})`;
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const doFetch = options.fetch ?? globalThis.fetch;

  let dimensions = options.dimensions;
  let probing: Promise<number> | undefined;

  async function embedBatch(inputs: readonly string[], signal: AbortSignal | undefined): Promise<number[][]> {
    const body: Record<string, unknown> = { model: options.model, input: inputs };
    if (options.requestDimensions && options.dimensions !== undefined) body.dimensions = options.dimensions;
    const response = await limiter.run(() =>
      postJsonWithRetry({
        label,
        url,
        body,
        headers,
        fetch: doFetch,
        timeoutMs: options.timeoutMs ?? 30_000,
        maxRetries: options.maxRetries ?? 3,
        ...(options.retry ? { retry: options.retry } : {}),
        ...(signal ? { signal } : {}),
      }),
    );
    const vectors = readEmbeddings(response, inputs.length, dimensions, label);
    dimensions ??= vectors[0]!.length;
    return vectors;
  }

  const provider: OpenAICompatibleEmbedder = {
    specificationVersion: 'v1',
    provider: 'openai-compatible',
    model: options.model,
    get dimensions(): number {
      if (dimensions === undefined) {
        throw new Error(`the vector length of ${options.model} is not known yet: set dimensions or await probeDimensions() first`);
      }
      return dimensions;
    },
    maxEmbeddingsPerCall: maxBatchSize,
    supportsParallelCalls: true,
    async embed(texts: readonly string[], embedOptions: EmbedOptions): Promise<number[][]> {
      if (texts.length === 0) return [];
      const prefix = (embedOptions.kind === 'query' ? options.queryPrefix : options.documentPrefix) ?? '';
      const inputs = prefix ? texts.map((text) => prefix + text) : texts;
      const batches: (readonly string[])[] = [];
      for (let start = 0; start < inputs.length; start += maxBatchSize) batches.push(inputs.slice(start, start + maxBatchSize));
      const results = await Promise.all(batches.map((batch) => embedBatch(batch, embedOptions.signal)));
      return results.flat();
    },
    probeDimensions(signal?: AbortSignal): Promise<number> {
      if (dimensions !== undefined) return Promise.resolve(dimensions);
      probing ??= embedBatch(['dimension probe'], signal).then(
        (vectors) => vectors[0]!.length,
        (error: unknown) => {
          probing = undefined; // a failed probe may be tried again
          throw error;
        },
      );
      return probing;
    },
  };
  return provider;
}

/** Checks an embeddings response and returns its vectors in input order, unit length. */
function readEmbeddings(response: unknown, expected: number, dimensions: number | undefined, label: string): number[][] {
  const invalid = (why: string) => new ProviderCallError(`${label} returned an invalid response: ${why}`, false);
  const data = response && typeof response === 'object' ? (response as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) throw invalid('no `data` array');
  if (data.length !== expected) throw invalid(`${data.length} embeddings for ${expected} inputs`);

  const vectors: number[][] = new Array<number[]>(expected);
  data.forEach((item: unknown, position) => {
    const record = (item && typeof item === 'object' ? item : {}) as { index?: unknown; embedding?: unknown };
    const index = record.index === undefined ? position : record.index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= expected || vectors[index]) {
      throw invalid(`bad or repeated index ${String(index)}`);
    }
    const embedding = record.embedding;
    if (!Array.isArray(embedding) || embedding.length === 0 || !embedding.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw invalid(`embedding ${index} is not an array of finite numbers`);
    }
    const length = dimensions ?? vectors.find(Boolean)?.length ?? embedding.length;
    if (embedding.length !== length) throw invalid(`embedding ${index} has ${embedding.length} dimensions, expected ${length}`);
    vectors[index] = unitLength(embedding as number[]);
  });
  return vectors;
}

function unitLength(vector: number[]): number[] {
  let sum = 0;
  for (const x of vector) sum += x * x;
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  return vector.map((x) => x * scale);
}
