// Writes of a chat turn: the person's message (stored before generation starts), possibly replacing an
// earlier message and everything after it (edit and resend, regenerate), the assistant's message as it
// streams (partial text flushed now and then, so a crash loses little), its final state, and the usage
// ledger. Reads: the conversation's history for the prompt.
import type { Citation } from '@parley/contracts';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { conversations, messages } from '../../db/schema.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';

import { messageSearchText } from '../conversations/conversation.repository.js';
import type { MessageRow } from '../conversations/message-view.js';

export type { MessageRow };

/** The search vector conversation search matches against (see ConversationRepository). */
const searchVector = (content: string) => sql`to_tsvector('simple', ${messageSearchText(content)})`;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface StartedTurn {
  readonly user: MessageRow;
  readonly assistant: MessageRow;
  /** True when replaced messages were part of the rolling summary, which was dropped with them. */
  readonly summaryReset: boolean;
}

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

  /**
   * The user message a resend may replace: one of this conversation's user messages, while no answer in the
   * conversation is being written. Throws the API's answer otherwise (404, 400 `invalid_request`, 409).
   */
  async replaceable(conversationId: string, messageId: string, db: Tx = this.db): Promise<MessageRow> {
    const [target] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.id, messageId)));
    if (!target) throw notFound('message');
    if (target.role !== 'user') {
      throw badRequest('invalid_request', 'replaceFrom must name a user message; to regenerate an answer, resend the question before it');
    }
    const [streaming] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.status, 'streaming')))
      .limit(1);
    if (streaming) {
      throw conflict('answer_in_progress', 'An answer in this conversation is still being written; cancel it or wait for it to finish', {
        messageId: streaming.id,
      });
    }
    return target;
  }

  /**
   * The person's message and the assistant's empty `streaming` one, in one transaction. With `replaceFrom`,
   * that user message and every later one are deleted first, in the same transaction, and the rolling summary
   * is dropped when it covered any of them (it would remember turns that no longer exist).
   */
  async startTurn(conversationId: string, content: string, model: string, replaceFrom?: string): Promise<StartedTurn> {
    return this.db.transaction(async (tx) => {
      let removed = 0;
      let summaryReset = false;
      if (replaceFrom !== undefined) {
        // The conversation row is the lock: two resends, or a resend and the summary writer, take turns.
        const [locked] = await tx
          .select({ summarizedThrough: conversations.summarizedThrough })
          .from(conversations)
          .where(eq(conversations.id, conversationId))
          .for('update');
        const target = await this.replaceable(conversationId, replaceFrom, tx);
        const deleted = await tx
          .delete(messages)
          .where(and(eq(messages.conversationId, conversationId), gte(messages.seq, target.seq)))
          .returning({ id: messages.id });
        removed = deleted.length;
        const through = locked?.summarizedThrough ?? null;
        summaryReset = through !== null && through >= target.seq;
      }
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
        .set({
          messageCount: sql`${conversations.messageCount} + ${2 - removed}`,
          lastMessageAt: now,
          updatedAt: now,
          ...(summaryReset ? { summary: null, summarizedThrough: null } : {}),
        })
        .where(eq(conversations.id, conversationId));
      return { user: user!, assistant: assistant!, summaryReset };
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
