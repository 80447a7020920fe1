// SQL for the usage ledger (usage_events, one row per model call), bound to one organization.
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { usageEvents } from '../../db/schema.js';

export type UsageGroupBy = 'day' | 'assistant' | 'model';

export interface UsageRow {
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

const groupKeys: Record<UsageGroupBy, SQL<string>> = {
  day: sql<string>`to_char(${usageEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`,
  // A literal, not a bind parameter: the select list and GROUP BY must hold the very same expression.
  assistant: sql<string>`coalesce(${usageEvents.assistantId}::text, ${sql.raw(`'${NO_ASSISTANT_KEY}'`)})`,
  model: sql<string>`${usageEvents.model}`,
};

export class UsageRepository {
  constructor(
    private readonly db: Db,
    private readonly organizationId: string,
  ) {}

  /** Aggregates per group over [from, to). Sums come back as float8 so a large year does not overflow int4. */
  async aggregate(opts: { from: Date; to: Date; assistantId?: string; groupBy: UsageGroupBy }): Promise<UsageRow[]> {
    const key = groupKeys[opts.groupBy];
    const rows = await this.db
      .select({
        key,
        requests: sql<number>`count(*)::float8`,
        promptTokens: sql<number>`coalesce(sum(${usageEvents.promptTokens}), 0)::float8`,
        completionTokens: sql<number>`coalesce(sum(${usageEvents.completionTokens}), 0)::float8`,
        cachedRequests: sql<number>`(count(*) filter (where ${usageEvents.cached}))::float8`,
        errors: sql<number>`(count(*) filter (where ${usageEvents.status} = 'error'))::float8`,
        avgLatencyMs: sql<number | null>`avg(${usageEvents.latencyMs})::float8`,
        avgTtftMs: sql<number | null>`avg(${usageEvents.ttftMs})::float8`,
      })
      .from(usageEvents)
      .where(
        and(
          eq(usageEvents.organizationId, this.organizationId),
          gte(usageEvents.createdAt, opts.from),
          lt(usageEvents.createdAt, opts.to),
          opts.assistantId ? eq(usageEvents.assistantId, opts.assistantId) : undefined,
        ),
      )
      .groupBy(key)
      .orderBy(opts.groupBy === 'day' ? key : sql`count(*) desc, ${key}`);
    return rows.map((r) => ({
      key: r.key,
      requests: Number(r.requests),
      promptTokens: Number(r.promptTokens),
      completionTokens: Number(r.completionTokens),
      cachedRequests: Number(r.cachedRequests),
      errors: Number(r.errors),
      avgLatencyMs: r.avgLatencyMs === null ? null : Math.round(Number(r.avgLatencyMs) * 10) / 10,
      avgTtftMs: r.avgTtftMs === null ? null : Math.round(Number(r.avgTtftMs) * 10) / 10,
    }));
  }
}
