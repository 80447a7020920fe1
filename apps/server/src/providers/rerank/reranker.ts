// Rerankers reorder retrieved passages with a cross-encoder, which reads query and passage together
// and so judges relevance better than comparing two vectors. Two wire formats cover the servers people
// run: Hugging Face TEI (`POST /rerank {query, texts}` → `[{index, score}]`) and the Cohere shape that
// Jina, vLLM, Infinity and LocalAI also serve (`POST /v1/rerank {model, query, documents, top_n}` →
// `{results: [{index, relevance_score}]}`). Calls follow the embedding adapters' retry and error rules.
import { ProviderCallError } from '../embeddings/embedding-provider.js';
import { openAIStyleUrl, postJsonWithRetry, type RetryTiming } from '../embeddings/provider-http-call.js';

export interface RerankOptions {
  /** Keep only the best topN; all documents when absent. */
  readonly topN?: number;
  readonly signal?: AbortSignal;
}

export interface RerankResult {
  /** Position of the document in the input array. */
  readonly index: number;
  readonly score: number;
}

export interface Reranker {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly model: string;
  /** Results sorted by score, best first. */
  rerank(query: string, documents: readonly string[], options?: RerankOptions): Promise<RerankResult[]>;
}

export type RerankWireFormat = 'tei' | 'cohere';

export interface HttpRerankerOptions {
  /** Server root. TEI: the router's root (`/rerank` is appended); cohere: with or without `/v1`. */
  readonly baseUrl: string;
  readonly apiKey?: string;
  /** Sent in the cohere format; TEI serves one model and ignores it. */
  readonly model?: string;
  readonly kind: RerankWireFormat;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly retry?: RetryTiming;
}

export function createHttpReranker(options: HttpRerankerOptions): Reranker {
  const url = options.kind === 'tei' ? `${options.baseUrl.replace(/\/+$/, '')}/rerank` : openAIStyleUrl(options.baseUrl, 'rerank');
  const model = options.model ?? '';
  const label = `${options.kind} rerank${model ? ` (${model})` : ''} at ${url}`;
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  return {
    specificationVersion: 'v1',
    provider: options.kind,
    model,
    async rerank(query, documents, rerankOptions = {}) {
      const { topN, signal } = rerankOptions;
      if (topN !== undefined && (!Number.isInteger(topN) || topN < 0)) throw new RangeError(`topN must be a non-negative integer`);
      if (documents.length === 0 || topN === 0) return [];
      const body =
        options.kind === 'tei'
          ? { query, texts: documents }
          : { ...(model ? { model } : {}), query, documents, ...(topN !== undefined ? { top_n: topN } : {}) };
      const response = await postJsonWithRetry({
        label,
        url,
        body,
        headers,
        fetch: options.fetch ?? globalThis.fetch,
        timeoutMs: options.timeoutMs ?? 30_000,
        maxRetries: options.maxRetries ?? 3,
        ...(options.retry ? { retry: options.retry } : {}),
        ...(signal ? { signal } : {}),
      });
      const results = readResults(response, options.kind, documents.length, label);
      results.sort((a, b) => b.score - a.score || a.index - b.index);
      return topN === undefined ? results : results.slice(0, topN);
    },
  };
}

function readResults(response: unknown, kind: RerankWireFormat, count: number, label: string): RerankResult[] {
  const invalid = (why: string) => new ProviderCallError(`${label} returned an invalid response: ${why}`, false);
  const items =
    kind === 'tei' ? response : response && typeof response === 'object' ? (response as { results?: unknown }).results : undefined;
  if (!Array.isArray(items)) throw invalid(kind === 'tei' ? 'not an array' : 'no `results` array');
  const seen = new Set<number>();
  return items.map((item: unknown) => {
    const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const index = record.index;
    const score = kind === 'tei' ? record.score : record.relevance_score;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count || seen.has(index)) {
      throw invalid(`bad or repeated index ${String(index)} for ${count} documents`);
    }
    if (typeof score !== 'number' || !Number.isFinite(score)) throw invalid(`no numeric score for document ${index}`);
    seen.add(index);
    return { index, score };
  });
}
