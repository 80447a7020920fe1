// Writes of a chat turn: the person's message (stored before generation starts), the assistant's
// message as it streams (partial text flushed now and then, so a crash loses little), its final state,
// and the usage ledger. Reads: the conversation's history for the prompt.
import type { Citation } from '@parley/contracts';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { conversations, messages } from '../../db/schema.js';

import { messageSearchText } from '../conversations/conversation.repository.js';
import type { MessageRow } from '../conversations/message-view.js';

export type { MessageRow };

/** The search vector conversation search matches against (see ConversationRepository). */
const searchVector = (content: string) => sql`to_tsvector('simple', ${messageSearchText(content)})`;

export interface FinalAnswer {
  readonly content: string;
  readonly status: 'complete' | 'error' | 'cancelled';
  readonly citations: readonly Citation[];
  readonly model: string;
  readonly provider: string | null;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly latencyMs: number;
  readonly ttftMs: number | null;
  readonly cached: boolean;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export class MessageRepository {
  constructor(private readonly db: Db) {}

  /** The person's message and the assistant's empty `streaming` one, in one transaction. */
  async startTurn(conversationId: string, content: string, model: string): Promise<{ user: MessageRow; assistant: MessageRow }> {
    return this.db.transaction(async (tx) => {
      const [user] = await tx
        .insert(messages)
        .values({ conversationId, role: 'user', content, status: 'complete', tsv: searchVector(content) })
        .returning();
      const [assistant] = await tx
        .insert(messages)
        .values({ conversationId, role: 'assistant', content: '', status: 'streaming', model })
        .returning();
      const now = new Date();
      await tx
        .update(conversations)
        .set({ messageCount: sql`${conversations.messageCount} + 2`, lastMessageAt: now, updatedAt: now })
        .where(eq(conversations.id, conversationId));
      return { user: user!, assistant: assistant! };
    });
  }

  /** Earlier messages of the conversation (before `beforeSeq`), oldest first, only those with text. */
  async history(conversationId: string, beforeSeq: number): Promise<MessageRow[]> {
    return this.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), lt(messages.seq, beforeSeq), sql`${messages.content} <> ''`))
      .orderBy(asc(messages.seq));
  }

  async finish(messageId: string, answer: FinalAnswer): Promise<MessageRow> {
    const [row] = await this.db
      .update(messages)
      .set({
        content: answer.content,
        status: answer.status,
        citations: answer.citations as unknown[],
        model: answer.model,
        provider: answer.provider,
        promptTokens: answer.promptTokens,
        completionTokens: answer.completionTokens,
        latencyMs: answer.latencyMs,
        ttftMs: answer.ttftMs,
        cached: answer.cached,
        errorCode: answer.error?.code ?? null,
        errorMessage: answer.error?.message ?? null,
        tsv: searchVector(answer.content),
        updatedAt: new Date(),
      })
      .where(eq(messages.id, messageId))
      .returning();
    return row!;
  }

  /**
   * Messages left `streaming` by a process that died mid-answer (no flush for `staleMs`) become
   * `error` with their partial text kept. Returns how many were closed.
   */
  async closeAbandoned(staleMs: number): Promise<number> {
    const rows = await this.db
      .update(messages)
      .set({
        status: 'error',
        errorCode: 'interrupted',
        errorMessage: 'The server stopped while this answer was being written',
        updatedAt: new Date(),
      })
      .where(and(eq(messages.status, 'streaming'), lt(messages.updatedAt, new Date(Date.now() - staleMs))))
      .returning({ id: messages.id });
    return rows.length;
  }
}
