// Conversation and message rows as the API shows them (contracts' conversationSchema and messageSchema).
// The chat engine uses these too, so a message streamed over SSE and the same message read back later agree.
import { citationSchema, type Citation, type Conversation, type Message } from '@parley/contracts';
import type { conversations, messages } from '../../db/schema.js';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    assistantId: row.assistantId,
    source: row.source,
    visitor: row.visitorHash ? row.visitorHash.slice(0, 8) : null,
    title: row.title,
    titled: row.titled,
    pinned: row.pinned,
    archived: row.archived,
    folderId: row.folderId,
    messageCount: row.messageCount,
    lastMessageAt: row.lastMessageAt ? row.lastMessageAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Citations are stored as jsonb written by the chat engine; an entry that no longer fits the contract is dropped, not fatal. */
function citationsOf(value: unknown): Citation[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = citationSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    role: row.role,
    content: row.content,
    status: row.status,
    citations: citationsOf(row.citations),
    usage:
      row.promptTokens !== null && row.completionTokens !== null
        ? { promptTokens: row.promptTokens, completionTokens: row.completionTokens }
        : null,
    model: row.model,
    latencyMs: row.latencyMs,
    ttftMs: row.ttftMs,
    cached: row.cached,
    error: row.errorCode !== null ? { code: row.errorCode, message: row.errorMessage ?? '' } : null,
    feedback:
      row.feedbackAt !== null
        ? { rating: row.feedbackRating, comment: row.feedbackComment, updatedAt: row.feedbackAt.toISOString() }
        : null,
    createdAt: row.createdAt.toISOString(),
  };
}
