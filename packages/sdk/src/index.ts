// @parley/sdk: a typed client for the Parley API (Node 20 and browsers), streaming answers over server-sent events.
export { Parley, type ParleyOptions } from './client.js';
export { ParleyConnectionError, ParleyError, type FieldIssue, type KnownErrorCode, type ParleyErrorCode } from './errors.js';
export type { FetchLike, ParleyTokens, TokensListener } from './transport.js';
export { EventStream } from './event-stream.js';
export type { ChatStream } from './resources/chat.js';
export type { DocumentStreamEvent, WaitForIndexingOptions } from './resources/documents.js';
export type { MessageList } from './resources/conversations.js';
export type {
  ChatEventMap,
  ChatEventName,
  ChatStreamEvent,
  DocumentEvent,
  PublicChatEventMap,
  PublicChatStreamEvent,
} from './stream-events.js';
export { PublicChat, VISITOR_HEADER, createVisitorId, type PublicChatStream } from './resources/public-chat.js';
export { SseParser, readServerSentEvents, type ServerSentEvent } from './sse-parser.js';
export type * from './api-types.js';
