// SQL for conversations and their messages. Every query goes through `visibleTo(principal)`, the one place
// that says whose conversations a caller sees: a person sees their own conversations in the active
// organization; a secret API key sees the conversations programs started through API keys on its
// assistant; a publishable key, on the public widget routes, sees only the current visitor's.
// The chat engine reads conversations through findVisible too, so its checks and the API's agree.
import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { conversations, messages } from '../../db/schema.js';
import type { Principal } from '../../http/principal.js';
import { normalizeForSearch } from '../../ingestion/search-normalizer.js';
import type { ConversationRow, MessageRow } from './message-view.js';

export type NewConversation = Pick<typeof conversations.$inferInsert, 'assistantId' | 'title' | 'titled' | 'folderId'>;
export type ConversationChanges = Partial<Pick<ConversationRow, 'title' | 'titled' | 'pinned' | 'archived' | 'folderId'>>;

export interface ConversationListOptions {
  assistantId?: string;
  q?: string;
  pinned?: boolean;
  archived: boolean;
  /** A folder id, or `none` for conversations in no folder. */
  folderId?: string;
  limit: number;
  offset: number;
}

/**
 * The text a message is indexed under (`messages.tsv = to_tsvector('simple', messageSearchText(content))`).
 * The `simple` configuration with the search normalisation serves every language a conversation may mix.
 */
export function messageSearchText(content: string): string {
  return normalizeForSearch(content);
}

/**
 * A tsquery matching every word of the search as a prefix (`'word':* & …`), split by PostgreSQL's own
 * parser so the words are cut exactly as the indexed text was. Lexemes are quoted for tsquery input
 * (quote and backslash doubled; chr() keeps SQL string escaping out of it). NULL when no word remains.
 */
function prefixTsQuery(query: string): SQL {
  return sql`(
    select string_agg(
      chr(39) || replace(replace(t.lexeme, chr(92), chr(92) || chr(92)), chr(39), chr(39) || chr(39)) || chr(39) || ':*',
      ' & '
    )::tsquery
    from unnest(to_tsvector('simple', ${normalizeForSearch(query)})) as t
  )`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class ConversationRepository {
  constructor(private readonly db: Db) {}

  /** The conversations a principal may see; everything else answers as if it did not exist. */
  private visibleTo(principal: Principal, ...extra: (SQL | undefined)[]): SQL {
    if (principal.kind === 'user') {
      return and(eq(conversations.organizationId, principal.organizationId), eq(conversations.userId, principal.userId), ...extra)!;
    }
    if (principal.keyKind === 'publishable') {
      // Publishable keys sit in web pages: without a visitor they see nothing.
      if (!principal.visitorHash) return sql`false`;
      return and(
        eq(conversations.organizationId, principal.organizationId),
        eq(conversations.assistantId, principal.assistantId),
        eq(conversations.source, 'widget'),
        eq(conversations.visitorHash, principal.visitorHash),
        ...extra,
      )!;
    }
    return and(
      eq(conversations.organizationId, principal.organizationId),
      eq(conversations.assistantId, principal.assistantId),
      eq(conversations.source, 'api'),
      isNull(conversations.userId),
      ...extra,
    )!;
  }

  async findVisible(principal: Principal, id: string): Promise<ConversationRow | null> {
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(this.visibleTo(principal, eq(conversations.id, id)));
    return row ?? null;
  }

  /** Inserts a conversation owned by the principal (the caller has checked the assistant is theirs to use). */
  async insert(principal: Principal, values: NewConversation): Promise<ConversationRow> {
    const [row] = await this.db
      .insert(conversations)
      .values({
        ...values,
        organizationId: principal.organizationId,
        userId: principal.kind === 'user' ? principal.userId : null,
        apiKeyId: principal.kind === 'api_key' ? principal.apiKeyId : null,
        source: principal.kind === 'user' ? 'app' : principal.keyKind === 'publishable' ? 'widget' : 'api',
        visitorHash: principal.kind === 'api_key' ? (principal.visitorHash ?? null) : null,
      })
      .returning();
    return row!;
  }

  async list(
    principal: Principal,
    opts: ConversationListOptions,
  ): Promise<{ items: (ConversationRow & { matchedContent: string | null })[]; total: number }> {
    const search = opts.q ? this.search(opts.q) : null;
    const filter = this.visibleTo(
      principal,
      opts.assistantId ? eq(conversations.assistantId, opts.assistantId) : undefined,
      opts.pinned !== undefined ? eq(conversations.pinned, opts.pinned) : undefined,
      eq(conversations.archived, opts.archived),
      opts.folderId === 'none' ? isNull(conversations.folderId) : opts.folderId ? eq(conversations.folderId, opts.folderId) : undefined,
      search?.filter,
    );
    return this.page(filter, search, opts);
  }

  /**
   * The conversations visitors (widget) and programs (API keys) had with one assistant, for its managers;
   * people's own conversations in the app are never among them.
   */
  async listOfAssistant(
    scope: { organizationId: string; assistantId: string },
    opts: { source?: 'api' | 'widget'; q?: string; limit: number; offset: number },
  ): Promise<{ items: (ConversationRow & { matchedContent: string | null })[]; total: number }> {
    const search = opts.q ? this.search(opts.q) : null;
    const filter = this.ofAssistant(scope, opts.source ? eq(conversations.source, opts.source) : undefined, search?.filter);
    return this.page(filter, search, opts);
  }

  /** An assistant's conversations with visitors and programs: never a person's own (see listOfAssistant). */
  private ofAssistant(scope: { organizationId: string; assistantId: string }, ...extra: (SQL | undefined)[]): SQL {
    return and(
      eq(conversations.organizationId, scope.organizationId),
      eq(conversations.assistantId, scope.assistantId),
      isNull(conversations.userId),
      inArray(conversations.source, ['api', 'widget']),
      ...extra,
    )!;
  }

  /** One API or widget conversation of an assistant (see listOfAssistant). */
  async findOfAssistant(scope: { organizationId: string; assistantId: string }, id: string): Promise<ConversationRow | null> {
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(this.ofAssistant(scope, eq(conversations.id, id)));
    return row ?? null;
  }

  async deleteById(id: string): Promise<void> {
    await this.db.delete(conversations).where(eq(conversations.id, id));
  }

  /** The messages of a conversation, oldest first; the caller has checked it may read them. */
  async messagesOf(conversationId: string): Promise<MessageRow[]> {
    return this.db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.seq));
  }

  /** A search by title (substring) or message text (every word as a prefix). */
  private search(q: string): { filter: SQL; textQuery: SQL } {
    const textQuery = prefixTsQuery(q);
    // `id in (subquery)`: the outer column stays outside the subquery, whatever way it is rendered.
    const messageMatch = sql`${conversations.id} in (select m.conversation_id from ${messages} m where m.tsv @@ ${textQuery})`;
    return { filter: or(ilike(conversations.title, `%${escapeLike(q)}%`), messageMatch)!, textQuery };
  }

  private async page(
    filter: SQL,
    search: { textQuery: SQL } | null,
    opts: { limit: number; offset: number },
  ): Promise<{ items: (ConversationRow & { matchedContent: string | null })[]; total: number }> {
    const textQuery = search?.textQuery;
    const rows = await this.db
      .select()
      .from(conversations)
      .where(filter)
      .orderBy(
        desc(conversations.pinned),
        desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.updatedAt})`),
        asc(conversations.id),
      )
      .limit(opts.limit)
      .offset(opts.offset);
    const [{ total } = { total: 0 }] = await this.db
      .select({ total: sql<number>`count(*)::int` })
      .from(conversations)
      .where(filter);
    // The latest matching message of each conversation on the page supplies its snippet.
    const matched = new Map<string, string>();
    if (textQuery && rows.length > 0) {
      const hits = await this.db
        .selectDistinctOn([messages.conversationId], { conversationId: messages.conversationId, content: messages.content })
        .from(messages)
        .where(
          and(
            inArray(
              messages.conversationId,
              rows.map((r) => r.id),
            ),
            sql`${messages.tsv} @@ ${textQuery}`,
          ),
        )
        .orderBy(messages.conversationId, desc(messages.seq));
      for (const hit of hits) matched.set(hit.conversationId, hit.content);
    }
    return { items: rows.map((r) => ({ ...r, matchedContent: matched.get(r.id) ?? null })), total };
  }

  async update(principal: Principal, id: string, changes: ConversationChanges): Promise<ConversationRow | null> {
    const [row] = await this.db
      .update(conversations)
      .set({ ...changes, updatedAt: new Date() })
      .where(this.visibleTo(principal, eq(conversations.id, id)))
      .returning();
    return row ?? null;
  }

  /** Deletes a conversation; its messages go with it (ON DELETE CASCADE). */
  async delete(principal: Principal, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(conversations)
      .where(this.visibleTo(principal, eq(conversations.id, id)))
      .returning({ id: conversations.id });
    return rows.length > 0;
  }

  /** One message of a conversation; the caller has checked the conversation is visible (findVisible). */
  async message(conversationId: string, messageId: string): Promise<MessageRow | null> {
    const [row] = await this.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.id, messageId)));
    return row ?? null;
  }

  /** Replaces the feedback on a message (all three null clears it); the caller has checked access. */
  async setFeedback(
    messageId: string,
    feedback: { rating: MessageRow['feedbackRating']; comment: string | null; at: Date | null },
  ): Promise<MessageRow | null> {
    const [row] = await this.db
      .update(messages)
      .set({ feedbackRating: feedback.rating, feedbackComment: feedback.comment, feedbackAt: feedback.at })
      .where(eq(messages.id, messageId))
      .returning();
    return row ?? null;
  }

  /** The messages of a conversation the principal can see, oldest first; null when it cannot see it. */
  async messages(principal: Principal, conversationId: string): Promise<MessageRow[] | null> {
    if (!(await this.findVisible(principal, conversationId))) return null;
    return this.messagesOf(conversationId);
  }
}
