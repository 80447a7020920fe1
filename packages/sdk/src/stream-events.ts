// The events of Parley's event streams: a chat answer (POST …/messages with Accept: text/event-stream), a
// public (widget) answer, and document progress (GET …/documents/events). The OpenAPI document does not describe event payloads, so
// they are written here from the generated shapes they share, and a type test keeps them equal to
// `ChatEventMap`, `PublicChatEventMap` and `DocumentEvent` in @parley/contracts.
import type { AssistantDocument, Citation, MessageStatus, PublicCitation, Usage } from './api-types.js';

export interface ChatEventMap {
  /** First: the ids of the stored question and of the answer being written, and the model answering. */
  meta: { conversationId: string; userMessageId: string; assistantMessageId: string; model: string };
  /** A piece of the answer's text, in order. */
  token: { messageId: string; text: string };
  /** The passages the answer cites by [n]. */
  citations: { messageId: string; items: Citation[] };
  /** The answer failed (its partial text is kept); `done` follows with status `error`. */
  error: { messageId: string | null; code: string; message: string };
  /** The answer is complete, failed or cancelled. */
  done: {
    messageId: string;
    status: MessageStatus;
    usage: Usage;
    latencyMs: number;
    ttftMs: number | null;
    cached: boolean;
    model: string;
  };
  /** The conversation got its title (after the first exchange; may come after `done`). */
  title: { conversationId: string; title: string };
}

export type ChatEventName = keyof ChatEventMap;

/** One event of a streamed answer; narrow on `event` to type `data`. */
export type ChatStreamEvent = { [K in ChatEventName]: { event: K; data: ChatEventMap[K] } }[ChatEventName];

export const chatEventNames: readonly ChatEventName[] = ['meta', 'token', 'citations', 'error', 'done', 'title'];

/** A document's progress (`document.updated`) or removal (`document.deleted`). */
export interface DocumentEvent {
  type: 'document.updated' | 'document.deleted';
  document: Pick<AssistantDocument, 'id' | 'status' | 'progress' | 'error' | 'errorCode' | 'chunkCount' | 'title'>;
}

export const documentEventNames: readonly DocumentEvent['type'][] = ['document.updated', 'document.deleted'];

/** The events of a public (widget) answer: the chat events, with visitor-safe citations and no usage figures. */
export interface PublicChatEventMap {
  meta: { conversationId: string; userMessageId: string; assistantMessageId: string };
  token: { messageId: string; text: string };
  citations: { messageId: string; items: PublicCitation[] };
  error: { messageId: string | null; code: string; message: string };
  done: { messageId: string; status: MessageStatus };
  title: { conversationId: string; title: string };
}

export type PublicChatStreamEvent = {
  [K in keyof PublicChatEventMap]: { event: K; data: PublicChatEventMap[K] };
}[keyof PublicChatEventMap];
