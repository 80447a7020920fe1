// Conversations, messages and the chat event map shared by the server (SSE and WebSocket) and clients.
import { z } from 'zod';
import { isoDateSchema } from './common.js';
import { generationBounds, stopSchema } from './assistants.js';
import { MAX_FEEDBACK_COMMENT_CHARS, MAX_MESSAGE_CHARS } from './limits.js';

export { MAX_FEEDBACK_COMMENT_CHARS, MAX_MESSAGE_CHARS };

// --- folders --------------------------------------------------------------------------------------

const folderNameSchema = z.string().trim().min(1).max(120);
export const createFolderBodySchema = z.strictObject({ name: folderNameSchema });
export const updateFolderBodySchema = z.strictObject({ name: folderNameSchema });
export const folderSchema = z.object({ id: z.uuid(), name: z.string(), createdAt: isoDateSchema });
export type Folder = z.infer<typeof folderSchema>;
export const folderListSchema = z.object({ items: z.array(folderSchema) });

// --- conversations --------------------------------------------------------------------------------

const titleSchema = z.string().trim().min(1).max(200);

export const createConversationBodySchema = z.strictObject({
  title: titleSchema.optional().describe('Generated from the first exchange when left out and a model is connected'),
  folderId: z.uuid().nullable().optional(),
});

export const updateConversationBodySchema = z.strictObject({
  title: titleSchema.optional(),
  pinned: z.boolean().optional(),
  archived: z.boolean().optional(),
  folderId: z.uuid().nullable().optional(),
});

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listConversationsQuerySchema = z.strictObject({
  assistantId: z.uuid().optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Searches titles and message text'),
  pinned: booleanQuery.optional(),
  archived: booleanQuery.optional().describe('Default: only conversations that are not archived'),
  folderId: z
    .union([z.uuid(), z.literal('none')])
    .optional()
    .describe('"none": conversations in no folder'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const conversationSourceSchema = z.enum(['app', 'api', 'widget']);
export type ConversationSource = z.infer<typeof conversationSourceSchema>;

export const conversationSchema = z.object({
  id: z.uuid(),
  assistantId: z.uuid(),
  source: conversationSourceSchema.describe('`app`: a person in Parley; `api`: a secret API key; `widget`: a website visitor'),
  visitor: z.string().nullable().describe('Short, stable label of the anonymous website visitor (widget conversations only)'),
  title: z.string(),
  titled: z
    .boolean()
    .describe('False while the title is the placeholder ("New conversation"): not given, and not yet generated from the first exchange'),
  pinned: z.boolean(),
  archived: z.boolean(),
  folderId: z.uuid().nullable(),
  messageCount: z.number().int(),
  lastMessageAt: isoDateSchema.nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationListSchema = z.object({
  items: z.array(conversationSchema.extend({ snippet: z.string().nullable().describe('Matching message text, for q') })),
  total: z.number().int(),
});

/** GET /assistants/:id/conversations: the conversations visitors (widget) and programs (API keys) had with an assistant. */
export const listAssistantConversationsQuerySchema = z.strictObject({
  source: z.enum(['api', 'widget']).optional().describe('Default: both'),
  q: z.string().trim().min(1).max(200).optional().describe('Searches titles and message text'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const assistantConversationParamsSchema = z.strictObject({ id: z.uuid(), conversationId: z.uuid() });

// --- messages -------------------------------------------------------------------------------------

export const citationSchema = z.object({
  n: z.number().int().describe('The [n] marker in the answer'),
  documentId: z.uuid(),
  documentTitle: z.string(),
  chunkId: z.uuid(),
  page: z.number().int().nullable(),
  url: z
    .string()
    .nullable()
    .default(null)
    .describe('The web page the passage came from (documents added from a URL or a crawl); null for files'),
  quote: z.string(),
});
export type Citation = z.infer<typeof citationSchema>;

export const usageSchema = z.object({ promptTokens: z.number().int(), completionTokens: z.number().int() });
export type Usage = z.infer<typeof usageSchema>;

export const messageStatusSchema = z.enum(['streaming', 'complete', 'error', 'cancelled']);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const feedbackRatingSchema = z.enum(['up', 'down']);
export type FeedbackRating = z.infer<typeof feedbackRatingSchema>;

export const messageFeedbackSchema = z.object({
  rating: feedbackRatingSchema.nullable(),
  comment: z.string().nullable(),
  updatedAt: isoDateSchema,
});
export type MessageFeedback = z.infer<typeof messageFeedbackSchema>;

/** PUT …/messages/:messageId/feedback: replaces the feedback; `rating: null` without a comment clears it. */
export const messageFeedbackBodySchema = z.strictObject({
  rating: feedbackRatingSchema.nullable().describe('Thumbs up or down; null for none'),
  comment: z.string().trim().max(MAX_FEEDBACK_COMMENT_CHARS).optional().describe('Trimmed; empty or left out = no comment'),
});
export type MessageFeedbackBody = z.input<typeof messageFeedbackBodySchema>;

export const messageParamsSchema = z.strictObject({ id: z.uuid(), messageId: z.uuid() });

export const messageSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  status: messageStatusSchema,
  citations: z.array(citationSchema),
  usage: usageSchema.nullable(),
  model: z.string().nullable().describe('"extractive" when no language model answered'),
  latencyMs: z.number().int().nullable(),
  ttftMs: z.number().int().nullable(),
  cached: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  feedback: messageFeedbackSchema.nullable().describe("The person's rating and comment on an answer; null when none"),
  createdAt: isoDateSchema,
});
export type Message = z.infer<typeof messageSchema>;
export const messageListSchema = z.object({ items: z.array(messageSchema) });

/** Per-request generation overrides; only those the assistant allows are honoured, each clamped. */
export const chatSettingsSchema = z.strictObject({
  temperature: z.number().min(generationBounds.temperature.min).max(generationBounds.temperature.max).optional(),
  topP: z.number().min(generationBounds.topP.min).max(generationBounds.topP.max).optional(),
  maxTokens: z.number().int().min(1).max(generationBounds.maxTokens.max).optional(),
  stop: stopSchema.optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  presencePenalty: z.number().min(-2).max(2).optional(),
});
export type ChatSettings = z.infer<typeof chatSettingsSchema>;

const replaceFromSchema = z
  .uuid()
  .describe(
    'Id of a user message of this conversation: it and every later message are deleted before this one is stored ' +
      '(edit and resend; resending the same text regenerates the answer)',
  );

export const sendMessageBodySchema = z.strictObject({
  content: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
  settings: chatSettingsSchema.optional(),
  replaceFrom: replaceFromSchema.optional(),
});

export const sendMessageResponseSchema = z.object({
  userMessage: messageSchema,
  assistantMessage: messageSchema,
});

// --- chat events (SSE `event:` names; WebSocket `type: "chat.<name>"`) ----------------------------

export const chatEventSchemas = {
  meta: z.object({
    conversationId: z.uuid(),
    userMessageId: z.uuid(),
    assistantMessageId: z.uuid(),
    model: z.string(),
  }),
  token: z.object({ messageId: z.uuid(), text: z.string() }),
  citations: z.object({ messageId: z.uuid(), items: z.array(citationSchema) }),
  done: z.object({
    messageId: z.uuid(),
    status: messageStatusSchema,
    usage: usageSchema,
    latencyMs: z.number().int(),
    ttftMs: z.number().int().nullable(),
    cached: z.boolean(),
    model: z.string(),
  }),
  error: z.object({ messageId: z.uuid().nullable(), code: z.string(), message: z.string() }),
  title: z.object({ conversationId: z.uuid(), title: z.string() }),
} as const;

export type ChatEventName = keyof typeof chatEventSchemas;
export type ChatEventMap = { [K in ChatEventName]: z.infer<(typeof chatEventSchemas)[K]> };
export type ChatEvent = { [K in ChatEventName]: { event: K; data: ChatEventMap[K] } }[ChatEventName];

/** WebSocket messages a client sends. */
export const wsClientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('chat.send'),
    conversationId: z.uuid(),
    content: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
    settings: chatSettingsSchema.optional(),
    replaceFrom: replaceFromSchema.optional(),
    requestId: z.string().max(100).optional().describe('Echoed on the events of this send'),
  }),
  z.strictObject({ type: z.literal('chat.cancel'), messageId: z.uuid() }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type WsClientMessage = z.infer<typeof wsClientMessageSchema>;

/** WebSocket messages the server sends: `{type: "chat.<event>", ...data}`, plus `pong` and `error`. */
export type WsServerMessage =
  | { [K in ChatEventName]: { type: `chat.${K}`; requestId?: string } & ChatEventMap[K] }[ChatEventName]
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string; requestId?: string };

// --- usage ----------------------------------------------------------------------------------------

export const usageQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe('Inclusive; default 30 days ago'),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe('Exclusive; default now'),
  assistantId: z.uuid().optional(),
  groupBy: z.enum(['day', 'assistant', 'model']).default('day'),
});

const latencyFigures = {
  p50LatencyMs: z.number().nullable().describe('Median latency of the answers from a model (chat and OpenAI-compatible)'),
  p95LatencyMs: z.number().nullable().describe('95th percentile latency of the answers from a model'),
  p95TtftMs: z.number().nullable().describe('95th percentile time to first token of the answers from a model'),
};

export const usageReportSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  groupBy: z.enum(['day', 'assistant', 'model']),
  totals: z.object({
    requests: z.number().int(),
    promptTokens: z.number().int(),
    completionTokens: z.number().int(),
    cachedRequests: z.number().int(),
    errors: z.number().int(),
    messages: z.number().int().describe('Answers written in chat conversations, extractive ones included'),
    ...latencyFigures,
  }),
  items: z.array(
    z.object({
      key: z.string().describe('The day (YYYY-MM-DD), assistant id or model'),
      requests: z.number().int(),
      promptTokens: z.number().int(),
      completionTokens: z.number().int(),
      cachedRequests: z.number().int(),
      errors: z.number().int(),
      avgLatencyMs: z.number().nullable(),
      avgTtftMs: z.number().nullable(),
      messages: z.number().int().describe('Answers written in chat conversations, extractive ones included'),
      ...latencyFigures,
    }),
  ),
});
export type UsageReport = z.infer<typeof usageReportSchema>;
