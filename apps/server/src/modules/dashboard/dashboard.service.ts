// The dashboard's figures for every assistant of the active organization: its documents (all, and
// indexed) and its activity over the last 7 days, counted over everyone's conversations.
import type { Dashboard } from '@parley/contracts';
import type { Db } from '../../db/client.js';
import { scopeOf, type Principal } from '../../http/principal.js';
import { DashboardRepository } from './dashboard.repository.js';

export const ACTIVITY_WINDOW_DAYS = 7;

export class DashboardService {
  constructor(private readonly deps: { db: Db }) {}

  async summary(principal: Principal, now = new Date()): Promise<Dashboard> {
    const since = new Date(now.getTime() - ACTIVITY_WINDOW_DAYS * 86_400_000);
    const figures = await new DashboardRepository(this.deps.db, scopeOf(principal)).figures(since);
    return {
      items: figures.map((f) => ({
        assistantId: f.assistantId,
        documents: f.documents,
        indexedDocuments: f.indexedDocuments,
        conversations7d: f.conversations,
        messages7d: f.messages,
      })),
    };
  }
}
