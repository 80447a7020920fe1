// Writes usage-ledger rows in batches: one multi-row insert every half second (or every 200 rows)
// instead of one insert per completion, so the OpenAI-compatible hot path never waits on, or competes
// with, a write per request. close() flushes what is left; a crash loses at most one interval of rows.
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { usageEvents } from '../../db/schema.js';
import { EXTRACTIVE_MODEL, type AnswerResult } from './answer-engine.js';

/** One row of the ledger, as the chat engine reports it. */
export interface UsageEntry {
  readonly organizationId: string;
  readonly assistantId: string | null;
  readonly messageId?: string | null;
  readonly source: 'chat' | 'openai' | 'title' | 'condense' | 'summary';
  readonly provider: string | null;
  readonly model: string;
  readonly status: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly latencyMs?: number | null;
  readonly ttftMs?: number | null;
  readonly cached?: boolean;
}

const FLUSH_EVERY_MS = 500;
const MAX_BATCH = 200;

export class UsageRecorder {
  private pending: (typeof usageEvents.$inferInsert)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  record(entry: UsageEntry): void {
    this.pending.push({
      organizationId: entry.organizationId,
      assistantId: entry.assistantId,
      messageId: entry.messageId ?? null,
      source: entry.source,
      provider: entry.provider,
      model: entry.model,
      status: entry.status,
      promptTokens: entry.promptTokens,
      completionTokens: entry.completionTokens,
      latencyMs: entry.latencyMs ?? null,
      ttftMs: entry.ttftMs ?? null,
      cached: entry.cached ?? false,
      createdAt: new Date(),
    });
    if (this.pending.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  /**
   * Records one answer: nothing for the extractive mode (no model was called), and no tokens for a cached
   * answer (no model was called for it either; the row still counts the request and the hit).
   */
  recordAnswer(
    assistant: { readonly id: string; readonly organizationId: string },
    source: 'chat' | 'openai',
    result: AnswerResult,
    messageId: string | null = null,
  ): void {
    if (result.model === EXTRACTIVE_MODEL) return;
    this.record({
      organizationId: assistant.organizationId,
      assistantId: assistant.id,
      messageId,
      source,
      provider: result.provider,
      model: result.model,
      status: result.status,
      promptTokens: result.cached ? 0 : result.usage.promptTokens,
      completionTokens: result.cached ? 0 : result.usage.completionTokens,
      latencyMs: result.latencyMs,
      ttftMs: result.ttftMs,
      cached: result.cached,
    });
  }

  /** Writes every pending row; resolves when they are stored (or the write failed and was logged). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() =>
      this.db
        .insert(usageEvents)
        .values(batch)
        .then(() => undefined)
        .catch((err: unknown) => this.logger.warn({ err, rows: batch.length }, 'could not record usage')),
    );
    return this.flushing;
  }
}
