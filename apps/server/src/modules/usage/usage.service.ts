// The organization's usage report: model calls, tokens, cache hits, errors and latency over a window,
// per UTC day, assistant or model. Anyone in the organization may read it.
import type { usageQuerySchema, usageReportSchema } from '@parley/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { notFound, validationFailed } from '../../http/errors.js';
import { requireUser, type Principal } from '../../http/principal.js';
import { AssistantRepository } from '../assistants/assistant.repository.js';
import { UsageRepository } from './usage.repository.js';

type UsageQuery = z.output<typeof usageQuerySchema>;
type UsageReport = z.infer<typeof usageReportSchema>;

const DAY_MS = 86_400_000;
export const DEFAULT_WINDOW_DAYS = 30;
export const MAX_WINDOW_DAYS = 366;

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
    const items = await new UsageRepository(this.deps.db, user.organizationId).aggregate({
      from,
      to,
      groupBy: query.groupBy,
      ...(query.assistantId ? { assistantId: query.assistantId } : {}),
    });
    const totals = { requests: 0, promptTokens: 0, completionTokens: 0, cachedRequests: 0, errors: 0 };
    for (const item of items) {
      totals.requests += item.requests;
      totals.promptTokens += item.promptTokens;
      totals.completionTokens += item.completionTokens;
      totals.cachedRequests += item.cachedRequests;
      totals.errors += item.errors;
    }
    return { from: from.toISOString(), to: to.toISOString(), groupBy: query.groupBy, totals, items };
  }
}
