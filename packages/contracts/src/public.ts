// The public API behind the website widget (/api/v1/public/{key}/…): authenticated only by a publishable
// key (pk_…) in the path, from the key's allowed origins only, for one anonymous visitor at a time.
// A visitor is a random id the widget keeps in localStorage and sends as `x-parley-visitor`; it sees
// its own conversations with the key's assistant and nothing else.
import { z } from 'zod';
import { answerModeSchema } from './assistants.js';
import { isoDateSchema } from './common.js';
import { messageStatusSchema } from './chat.js';
import { MAX_MESSAGE_CHARS } from './limits.js';

export * from './widget-settings.js';

/** Request header carrying the visitor id. */
export const VISITOR_HEADER = 'x-parley-visitor';

/** A visitor id: at least 128 random bits, base64url (the widget makes 22 characters from 16 random bytes). */
export const visitorIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22,64}$/, '22 to 64 characters of A-Z, a-z, 0-9, _ and - (at least 128 random bits)');

export const publicKeyParamsSchema = z.strictObject({
  key: z.string().regex(/^pk_[A-Za-z0-9_-]{8,190}$/, 'a publishable key (pk_…)'),
});
export const publicConversationParamsSchema = publicKeyParamsSchema.extend({ id: z.uuid() });
export const publicMessageParamsSchema = publicConversationParamsSchema.extend({ messageId: z.uuid() });

/** GET /public/{key}/widget: what the widget needs to draw itself (no visitor needed). */
export const publicWidgetConfigSchema = z.object({
  assistant: z.object({
    name: z.string(),
    language: z.string(),
    direction: z.enum(['ltr', 'rtl']),
  }),
  answerMode: answerModeSchema.describe('`extractive`: no language model; answers quote the documents'),
  greeting: z.string().nullable(),
  color: z.string().nullable(),
  showBranding: z.boolean(),
  maxMessageChars: z.number().int(),
});
export type PublicWidgetConfig = z.infer<typeof publicWidgetConfigSchema>;

export const publicConversationSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  messageCount: z.number().int(),
  lastMessageAt: isoDateSchema.nullable(),
  createdAt: isoDateSchema,
});
export type PublicConversation = z.infer<typeof publicConversationSchema>;
export const publicConversationListSchema = z.object({ items: z.array(publicConversationSchema) });

/** A citation as a visitor sees it: the title, the page, the quote, and a link when the source is a public web page. */
export const publicCitationSchema = z.object({
  n: z.number().int(),
  documentTitle: z.string(),
  page: z.number().int().nullable(),
  url: z.string().nullable(),
  quote: z.string(),
});
export type PublicCitation = z.infer<typeof publicCitationSchema>;

export const publicMessageSchema = z.object({
  id: z.uuid(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  status: messageStatusSchema,
  citations: z.array(publicCitationSchema),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: isoDateSchema,
});
export type PublicMessage = z.infer<typeof publicMessageSchema>;
export const publicMessageListSchema = z.object({ items: z.array(publicMessageSchema) });

export const publicSendMessageBodySchema = z.strictObject({
  content: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
});
export const publicSendMessageResponseSchema = z.object({
  userMessage: publicMessageSchema,
  assistantMessage: publicMessageSchema,
});

/** Server-sent events of a public answer: the chat events, with visitor-safe citations and no usage figures. */
export const publicChatEventSchemas = {
  meta: z.object({ conversationId: z.uuid(), userMessageId: z.uuid(), assistantMessageId: z.uuid() }),
  token: z.object({ messageId: z.uuid(), text: z.string() }),
  citations: z.object({ messageId: z.uuid(), items: z.array(publicCitationSchema) }),
  done: z.object({ messageId: z.uuid(), status: messageStatusSchema }),
  error: z.object({ messageId: z.uuid().nullable(), code: z.string(), message: z.string() }),
  title: z.object({ conversationId: z.uuid(), title: z.string() }),
} as const;
export type PublicChatEventName = keyof typeof publicChatEventSchemas;
export type PublicChatEventMap = { [K in PublicChatEventName]: z.infer<(typeof publicChatEventSchemas)[K]> };
export type PublicChatEvent = { [K in PublicChatEventName]: { event: K; data: PublicChatEventMap[K] } }[PublicChatEventName];
