// Retrieval over an assistant's knowledge: full text (BM25), vector (cosine over the assistant's
// embedding model) and hybrid (weighted reciprocal rank fusion of the two), optionally reranked by a
// configured cross-encoder. The assistant is resolved through the caller's tenant scope first.
import { retrievalSettingsSchema, type SearchMode, type SearchResult } from '@parley/contracts';
import type { Db } from '../../db/client.js';
import { notFound } from '../../http/errors.js';
import { scopeOf, type Principal } from '../../http/principal.js';
import { searchTextOf } from '../../ingestion/search-text.js';
import type { EmbeddingProvider } from '../../providers/embeddings/embedding-provider.js';
import type { Reranker } from '../../providers/rerank/reranker.js';
import { AssistantRepository, type AssistantRow } from '../assistants/assistant.repository.js';
import { LocalCache, type Invalidations } from '../../state/local-cache.js';
import { ChunkSearchRepository, type ChunkDetails, type RankedChunk } from './chunk-search.repository.js';

/**
 * RRF's k. Cormack et al. use 60; a smaller k lets the first ranks of each list count for more, which
 * measured better on our multilingual QA benchmark (en R@1 0.69 → 0.75 at k 10, text weight 0.8).
 */
const RRF_K = 10;

export interface SearchInput {
  query: string;
  topK?: number;
  mode?: SearchMode;
  rerank?: boolean;
}

export interface SearchOutput {
  mode: SearchMode;
  embeddingModel: string | null;
  reranked: boolean;
  results: SearchResult[];
}

export interface RetrievalDeps {
  db: Db;
  embedder: () => Promise<EmbeddingProvider>;
  embeddingModelId: (provider: EmbeddingProvider) => string;
  reranker: Reranker | null;
  /** Announces when an assistant's knowledge changes, so the "has it any?" answer can be cached. */
  invalidations?: Invalidations;
}

/** How long "this assistant has (no) searchable chunks" is believed without asking again. */
const KNOWLEDGE_CACHE_MS = 30_000;

/** Weighted reciprocal rank fusion; scores are scaled so that first in every list is 1. */
export function fuseRankings(lists: readonly { ranking: readonly RankedChunk[]; weight: number }[]): RankedChunk[] {
  const scores = new Map<string, number>();
  let best = 0;
  for (const { ranking, weight } of lists) {
    if (weight <= 0) continue;
    best += weight / (RRF_K + 1);
    ranking.forEach((item, rank) => scores.set(item.id, (scores.get(item.id) ?? 0) + weight / (RRF_K + rank + 1)));
  }
  return [...scores.entries()]
    .map(([id, score]) => ({ id, score: best > 0 ? score / best : 0 }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

export class RetrievalService {
  private readonly chunks: ChunkSearchRepository;

  private readonly knowledge = new LocalCache<boolean>(KNOWLEDGE_CACHE_MS);
  /** Full-text configurations in use per assistant (from its documents' languages). */
  private readonly textConfigs = new LocalCache<string[]>(KNOWLEDGE_CACHE_MS);

  constructor(private readonly deps: RetrievalDeps) {
    this.chunks = new ChunkSearchRepository(deps.db);
    deps.invalidations?.on('knowledge', (assistantId) => {
      this.knowledge.delete(assistantId);
      this.textConfigs.delete(assistantId);
    });
  }

  async search(principal: Principal, assistantId: string, input: SearchInput): Promise<SearchOutput> {
    const assistant = await new AssistantRepository(this.deps.db, scopeOf(principal)).findById(assistantId);
    if (!assistant) throw notFound('assistant');
    return this.searchAssistant(assistant, input);
  }

  /**
   * Searches an assistant the caller has already been checked against. An assistant with nothing
   * indexed answers at once, without a query: chat on an assistant without documents stays cheap.
   */
  async searchAssistant(assistant: AssistantRow, input: SearchInput): Promise<SearchOutput> {
    let hasKnowledge = this.knowledge.get(assistant.id);
    if (hasKnowledge === undefined) {
      hasKnowledge = await this.chunks.hasChunks(assistant.id);
      // Indexing and deleting announce changes; a stale "yes" only costs a search that finds nothing.
      this.knowledge.set(assistant.id, hasKnowledge);
    }
    if (!hasKnowledge) {
      return {
        mode: input.mode ?? retrievalSettingsSchema.parse(assistant.retrieval).mode,
        embeddingModel: null,
        reranked: false,
        results: [],
      };
    }
    const settings = retrievalSettingsSchema.parse(assistant.retrieval);
    const mode = input.mode ?? settings.mode;
    const topK = input.topK ?? settings.topK;
    const rerank = this.deps.reranker !== null && input.rerank !== false;
    // Fused and reranked lists need depth beyond topK to work with.
    const depth = Math.max(topK * 4, rerank ? 50 : 20);

    let embeddingModel: string | null = null;
    const vectorRanking = async () => {
      const embedder = await this.deps.embedder();
      embeddingModel = this.deps.embeddingModelId(embedder);
      const [vector] = await embedder.embed([input.query], { kind: 'query' });
      return this.chunks.nearest(assistant.id, embeddingModel, vector!, depth);
    };
    const textRanking = async () => {
      let configs = this.textConfigs.get(assistant.id);
      if (!configs) {
        configs = await this.chunks.configs(assistant.id);
        this.textConfigs.set(assistant.id, configs);
      }
      return this.chunks.bm25(assistant.id, searchTextOf(input.query, assistant.language), configs, depth);
    };

    let ranked: RankedChunk[];
    if (mode === 'text') ranked = await textRanking();
    else if (mode === 'vector') ranked = await vectorRanking();
    else {
      const [vector, text] = await Promise.all([vectorRanking(), textRanking()]);
      ranked = fuseRankings([
        { ranking: vector, weight: settings.vectorWeight },
        { ranking: text, weight: settings.textWeight },
      ]);
    }

    let reranked = false;
    // The reranker reads the pool's texts; the results come from that same pool, so read it once.
    let poolDetails: Map<string, ChunkDetails> | null = null;
    if (rerank && ranked.length > 1) {
      const pool = ranked.slice(0, depth);
      const fetched = await this.chunks.details(
        assistant.id,
        pool.map((r) => r.id),
      );
      poolDetails = fetched;
      const texts = pool.map((r) => fetched.get(r.id)?.text ?? '');
      const order = await this.deps.reranker!.rerank(input.query, texts, { topN: topK });
      ranked = order.map((o) => ({ id: pool[o.index]!.id, score: o.score }));
      reranked = true;
    }

    const top = ranked.filter((r) => mode !== 'hybrid' || r.score >= settings.minScore).slice(0, topK);
    const details =
      poolDetails ??
      (await this.chunks.details(
        assistant.id,
        top.map((r) => r.id),
      ));
    const results: SearchResult[] = [];
    for (const r of top) {
      const d = details.get(r.id);
      if (!d) continue;
      results.push({
        documentId: d.documentId,
        documentTitle: d.documentTitle,
        documentUrl: d.documentUrl,
        chunkId: d.id,
        text: d.text,
        score: Math.round(r.score * 1e6) / 1e6,
        page: d.pageStart,
        headingPath: d.headingPath,
        charStart: d.charStart,
        charEnd: d.charEnd,
      });
    }
    return { mode, embeddingModel, reranked, results };
  }
}
