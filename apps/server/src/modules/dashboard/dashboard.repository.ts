// SQL for the dashboard's figures, bound to one tenant at construction: every query carries the
// organization (and, for an API key, its one assistant). Counts only; no content leaves here.
import { and, asc, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { assistants, conversations, documents, messages } from '../../db/schema.js';
import type { TenantScope } from '../../http/principal.js';

export interface AssistantFigures {
  assistantId: string;
  documents: number;
  indexedDocuments: number;
  conversations: number;
  messages: number;
}

export class DashboardRepository {
  constructor(
    private readonly db: Db,
    private readonly scope: TenantScope,
  ) {}

  private only(column: typeof assistants.id | typeof documents.assistantId | typeof conversations.assistantId): SQL | undefined {
    return this.scope.assistantId ? eq(column, this.scope.assistantId) : undefined;
  }

  /** Every assistant in scope, by name, with its documents and its activity since `since` (zeros included). */
  async figures(since: Date): Promise<AssistantFigures[]> {
    const [rows, docs, activity] = await Promise.all([
      this.db
        .select({ id: assistants.id })
        .from(assistants)
        .where(and(eq(assistants.organizationId, this.scope.organizationId), this.only(assistants.id)))
        .orderBy(asc(assistants.name), asc(assistants.id)),
      this.db
        .select({
          assistantId: documents.assistantId,
          documents: sql<number>`count(*)::int`,
          indexed: sql<number>`(count(*) filter (where ${documents.status} = 'indexed'))::int`,
        })
        .from(documents)
        .where(and(eq(documents.organizationId, this.scope.organizationId), this.only(documents.assistantId)))
        .groupBy(documents.assistantId),
      this.db
        .select({
          assistantId: conversations.assistantId,
          conversations: sql<number>`count(distinct ${messages.conversationId})::int`,
          messages: sql<number>`count(*)::int`,
        })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .where(
          and(
            eq(conversations.organizationId, this.scope.organizationId),
            this.only(conversations.assistantId),
            gte(messages.createdAt, since),
          ),
        )
        .groupBy(conversations.assistantId),
    ]);
    const docsBy = new Map(docs.map((d) => [d.assistantId, d]));
    const activityBy = new Map(activity.map((a) => [a.assistantId, a]));
    return rows.map(({ id }) => ({
      assistantId: id,
      documents: Number(docsBy.get(id)?.documents ?? 0),
      indexedDocuments: Number(docsBy.get(id)?.indexed ?? 0),
      conversations: Number(activityBy.get(id)?.conversations ?? 0),
      messages: Number(activityBy.get(id)?.messages ?? 0),
    }));
  }
}
