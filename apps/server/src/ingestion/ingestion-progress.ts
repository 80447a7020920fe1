// A document's indexing progress as its owner sees it. Each stage of the pipeline owns a slice of 0–1,
// and the many signals inside a stage (pages parsed, embedding batches, chunk batches written) become
// few updates: only when the shown percentage moves forward, and at most one per interval except at
// the boundaries between stages, so that a long silent stage never starts from a stale value.

/** Where each stage lies between claimed (0.01) and indexed (1). Embedding and writing take the most time. */
export const progressStages = {
  read: [0.02, 0.2],
  chunk: [0.2, 0.25],
  embed: [0.25, 0.75],
  prepare: [0.75, 0.8],
  write: [0.8, 0.99],
} as const satisfies Record<string, readonly [number, number]>;
export type ProgressStage = keyof typeof progressStages;

/** The overall value when `done` (0–1) of `stage` is done. */
export function stageProgress(stage: ProgressStage, done: number): number {
  const [from, to] = progressStages[stage];
  return from + (to - from) * Math.min(1, Math.max(0, done));
}

/** Shown in whole percent: a smaller move is not worth a write. */
function percent(value: number): number {
  return Math.floor(value * 100 + 1e-9) / 100;
}

/** Below 1: only the final write that marks the document indexed says 1. */
const MAX_REPORTED = 0.99;

export interface ProgressSink {
  /** Records the value with the document (renewing its lease); false when the document is no longer this worker's. */
  store(value: number): Promise<boolean>;
  /** Tells whoever watches the document (its event stream). */
  publish(value: number): void;
}

export interface ReportOptions {
  /** A boundary between stages: reported even within the interval. */
  readonly milestone?: boolean;
  /**
   * False to publish without storing: while the pipeline's own transaction holds the document's row,
   * a write from outside it would wait for that transaction, and one from inside would not be seen.
   */
  readonly store?: boolean;
}

export class IngestionProgress {
  private shown: number;
  private shownAt = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(
    private readonly sink: ProgressSink,
    private readonly options: { readonly start: number; readonly intervalMs: number; readonly now?: () => number },
  ) {
    this.shown = percent(options.start);
    this.now = options.now ?? Date.now;
  }

  /** The value last reported. */
  get value(): number {
    return this.shown;
  }

  /** Reports that `done` (0–1) of `stage` is done. */
  stage(stage: ProgressStage, done: number, options?: ReportOptions): Promise<void> {
    return this.report(stageProgress(stage, done), options);
  }

  /** Reports `value` (0–1) when it moves the shown percentage forward and the interval allows. */
  async report(value: number, options: ReportOptions = {}): Promise<void> {
    const next = percent(Math.min(MAX_REPORTED, value));
    if (next <= this.shown) return;
    const now = this.now();
    if (!options.milestone && now - this.shownAt < this.options.intervalMs) return;
    this.shown = next;
    this.shownAt = now;
    if (options.store === false || (await this.sink.store(next))) this.sink.publish(next);
    // Stages are CPU-bound in this process (chunking, a local embedder, an embedded database): let the
    // requests waiting meanwhile, such as a list that shows this progress, have their turn.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
