// The organization's usage report: model calls, tokens, cache hits, errors and latency (mean and
// percentiles), and the answers written in chat (extractive ones too), over a window, per UTC day,
// assistant or model. Anyone in the organization may read it.
import type { usageQuerySchema, usageReportSchema } from '@parley/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { notFound, validationFailed } from '../../http/errors.js';
import { requireUser, type Principal } from '../../http/principal.js';
import { AssistantRepository } from '../assistants/assistant.repository.js';
import { ALL_KEY, UsageRepository, type UsageRow } from './usage.repository.js';

type UsageQuery = z.output<typeof usageQuerySchema>;
type UsageReport = z.infer<typeof usageReportSchema>;

const DAY_MS = 86_400_000;
export const DEFAULT_WINDOW_DAYS = 30;
export const MAX_WINDOW_DAYS = 366;

function noCalls(key: string): UsageRow {
  return {
    key,
    requests: 0,
    promptTokens: 0,
    completionTokens: 0,
    cachedRequests: 0,
    errors: 0,
    avgLatencyMs: null,
    avgTtftMs: null,
    p50LatencyMs: null,
    p95LatencyMs: null,
    p95TtftMs: null,
  };
}

/** Code-point order (days sort as dates; ids and model names the same on every database collation). */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A date (`YYYY-MM-DD`, read as UTC midnight) or a date-time with an offset. */
function parseInstant(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

export class UsageService {
  constructor(private readonly deps: { db: Db }) {}

  async report(principal: Principal, query: UsageQuery, now = new Date()): Promise<UsageReport> {
    const user = requireUser(principal);
    const to = query.to ? parseInstant(query.to) : now;
    const from = query.from ? parseInstant(query.from) : new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
    if (to.getTime() <= from.getTime()) {
      throw validationFailed([{ path: 'querystring.to', message: 'must be after `from`', code: 'invalid_range' }]);
    }
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
      throw validationFailed([{ path: 'querystring.from', message: `the window is at most ${MAX_WINDOW_DAYS} days`, code: 'too_big' }]);
    }
    if (
      query.assistantId &&
      !(await new AssistantRepository(this.deps.db, { organizationId: user.organizationId }).findById(query.assistantId))
    ) {
      throw notFound('assistant');
    }
    const repo = new UsageRepository(this.deps.db, user.organizationId);
    const window = { from, to, ...(query.assistantId ? { assistantId: query.assistantId } : {}) };
    const [calls, answers, [all], allAnswers] = await Promise.all([
      repo.aggregate({ ...window, groupBy: query.groupBy }),
      repo.answers({ ...window, groupBy: query.groupBy }),
      repo.aggregate({ ...window, groupBy: null }),
      repo.answers({ ...window, groupBy: null }),
    ]);
    // A group may hold model calls, answers, or both (extractive answers make no model call).
    const byKey = new Map(calls.map((row) => [row.key, { ...row, messages: answers.get(row.key) ?? 0 }]));
    for (const [key, count] of answers) if (!byKey.has(key)) byKey.set(key, { ...noCalls(key), messages: count });
    const items = [...byKey.values()].sort(
      query.groupBy === 'day'
        ? (a, b) => compareKeys(a.key, b.key)
        : (a, b) => b.requests - a.requests || b.messages - a.messages || compareKeys(a.key, b.key),
    );
    const totals = {
      requests: all?.requests ?? 0,
      promptTokens: all?.promptTokens ?? 0,
      completionTokens: all?.completionTokens ?? 0,
      cachedRequests: all?.cachedRequests ?? 0,
      errors: all?.errors ?? 0,
      messages: allAnswers.get(ALL_KEY) ?? 0,
      p50LatencyMs: all?.p50LatencyMs ?? null,
      p95LatencyMs: all?.p95LatencyMs ?? null,
      p95TtftMs: all?.p95TtftMs ?? null,
    };
    return { from: from.toISOString(), to: to.toISOString(), groupBy: query.groupBy, totals, items };
  }
}
