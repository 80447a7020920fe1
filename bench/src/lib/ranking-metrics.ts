// Retrieval quality figures from ranked lists: recall@k (the gold item is in the top k) and MRR@10.

export interface RankingMetrics {
  questions: number;
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
  mrrAt10: number;
  /** Questions whose gold item is not in the top 5. */
  missesAt5: number;
}

/** 1-based rank of `gold` in `ranked` (deduplicated by the caller), or null when absent. */
export function rankOf(ranked: readonly string[], gold: string): number | null {
  const i = ranked.indexOf(gold);
  return i < 0 ? null : i + 1;
}

export function rankingMetrics(ranks: readonly (number | null)[]): RankingMetrics {
  const n = ranks.length;
  const within = (k: number) => ranks.filter((r) => r !== null && r <= k).length;
  const rr = ranks.reduce<number>((sum, r) => sum + (r !== null && r <= 10 ? 1 / r : 0), 0);
  return {
    questions: n,
    recallAt1: n ? within(1) / n : 0,
    recallAt5: n ? within(5) / n : 0,
    recallAt10: n ? within(10) / n : 0,
    mrrAt10: n ? rr / n : 0,
    missesAt5: n - within(5),
  };
}

/** Keeps the first occurrence of each id, in rank order. */
export function dedupe(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
