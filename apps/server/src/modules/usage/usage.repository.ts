// SQL for the usage report, bound to one organization: the usage ledger (usage_events, one row per model
// call) and the answers stored in chat conversations (messages), which also count the extractive answers
// no model wrote.
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { conversations, messages, usageEvents } from '../../db/schema.js';

export type UsageGroupBy = 'day' | 'assistant' | 'model';

export interface LatencyFigures {
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  p95TtftMs: number | null;
}

export interface UsageRow extends LatencyFigures {
  key: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  cachedRequests: number;
  errors: number;
  avgLatencyMs: number | null;
  avgTtftMs: number | null;
}

/** Key of an assistant-less row (its assistant was deleted) when grouping by assistant. */
export const NO_ASSISTANT_KEY = 'none';

/** Key of an answer without a recorded model when grouping by model (not written by the chat engine). */
const NO_MODEL_KEY = 'none';

/** The key of the one row when nothing is grouped (the report's totals). */
export const ALL_KEY = 'all';
const ALL = sql<string>`${sql.raw(`'${ALL_KEY}'`)}`;

// Literals, not bind parameters: the select list and GROUP BY must hold the very same expression.
const eventKeys: Record<UsageGroupBy, SQL<string>> = {
  day: sql<string>`to_char(${usageEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`,
  assistant: sql<string>`coalesce(${usageEvents.assistantId}::text, ${sql.raw(`'${NO_ASSISTANT_KEY}'`)})`,
  model: sql<string>`${usageEvents.model}`,
};

const answerKeys: Record<UsageGroupBy, SQL<string>> = {
  day: sql<string>`to_char(${messages.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`,
  assistant: sql<string>`${conversations.assistantId}::text`,
  model: sql<string>`coalesce(${messages.model}, ${sql.raw(`'${NO_MODEL_KEY}'`)})`,
};

/** Answers, as opposed to the side calls (titles, condensing, summaries): what the latency percentiles describe. */
const isAnswer = sql`${usageEvents.source} in ('chat', 'openai')`;

const percentile = (fraction: number, column: AnyPgColumn) =>
  sql<number | null>`(percentile_cont(${sql.raw(String(fraction))}) within group (order by ${column}) filter (where ${isAnswer}))::float8`;

const tenths = (value: number | null) => (value === null ? null : Math.round(Number(value) * 10) / 10);

export class UsageRepository {
  constructor(
    private readonly db: Db,
    private readonly organizationId: string,
  ) {}

  /**
   * Model calls aggregated per group over [from, to); `groupBy: null` gives one row for the whole window.
   * Sums come back as float8 so a large year does not overflow int4.
   */
  async aggregate(opts: { from: Date; to: Date; assistantId?: string; groupBy: UsageGroupBy | null }): Promise<UsageRow[]> {
    const key = opts.groupBy ? eventKeys[opts.groupBy] : ALL;
    const query = this.db
      .select({
        key,
        requests: sql<number>`count(*)::float8`,
        promptTokens: sql<number>`coalesce(sum(${usageEvents.promptTokens}), 0)::float8`,
        completionTokens: sql<number>`coalesce(sum(${usageEvents.completionTokens}), 0)::float8`,
        cachedRequests: sql<number>`(count(*) filter (where ${usageEvents.cached}))::float8`,
        errors: sql<number>`(count(*) filter (where ${usageEvents.status} = 'error'))::float8`,
        avgLatencyMs: sql<number | null>`avg(${usageEvents.latencyMs})::float8`,
        avgTtftMs: sql<number | null>`avg(${usageEvents.ttftMs})::float8`,
        p50LatencyMs: percentile(0.5, usageEvents.latencyMs),
        p95LatencyMs: percentile(0.95, usageEvents.latencyMs),
        p95TtftMs: percentile(0.95, usageEvents.ttftMs),
      })
      .from(usageEvents)
      .where(
        and(
          eq(usageEvents.organizationId, this.organizationId),
          gte(usageEvents.createdAt, opts.from),
          lt(usageEvents.createdAt, opts.to),
          opts.assistantId ? eq(usageEvents.assistantId, opts.assistantId) : undefined,
        ),
      );
    const rows = opts.groupBy ? await query.groupBy(key) : await query;
    return rows
      .filter((r) => Number(r.requests) > 0)
      .map((r) => ({
        key: r.key,
        requests: Number(r.requests),
        promptTokens: Number(r.promptTokens),
        completionTokens: Number(r.completionTokens),
        cachedRequests: Number(r.cachedRequests),
        errors: Number(r.errors),
        avgLatencyMs: tenths(r.avgLatencyMs),
        avgTtftMs: tenths(r.avgTtftMs),
        p50LatencyMs: tenths(r.p50LatencyMs),
        p95LatencyMs: tenths(r.p95LatencyMs),
        p95TtftMs: tenths(r.p95TtftMs),
      }));
  }

  /**
   * Answers written in the organization's chat conversations over [from, to), per group (or in all with
   * `groupBy: null`), whatever their outcome: extractive ones included, which the ledger does not hold.
   */
  async answers(opts: { from: Date; to: Date; assistantId?: string; groupBy: UsageGroupBy | null }): Promise<Map<string, number>> {
    const key = opts.groupBy ? answerKeys[opts.groupBy] : ALL;
    const query = this.db
      .select({ key, answers: sql<number>`count(*)::float8` })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(
        and(
          eq(conversations.organizationId, this.organizationId),
          eq(messages.role, 'assistant'),
          gte(messages.createdAt, opts.from),
          lt(messages.createdAt, opts.to),
          opts.assistantId ? eq(conversations.assistantId, opts.assistantId) : undefined,
        ),
      );
    const rows = opts.groupBy ? await query.groupBy(key) : await query;
    return new Map(rows.filter((r) => Number(r.answers) > 0).map((r) => [r.key, Number(r.answers)]));
  }
}
