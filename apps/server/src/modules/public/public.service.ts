// The public API behind the website widget. A publishable key (pk_…) in the path admits a request only
// from one of the key's allowed origins, and only for the key's assistant; the anonymous visitor id the
// widget sends narrows it further to that visitor's own widget conversations. Everything a visitor sees
// is mapped to the public shapes here: no document or chunk ids, no usage figures, no model names.
import {
  MAX_MESSAGE_CHARS,
  visitorIdSchema,
  type Assistant,
  type ChatEventMap,
  type ChatEventName,
  type Citation,
  type Message,
  type PublicChatEventMap,
  type PublicChatEventName,
  type PublicCitation,
  type PublicConversation,
  type PublicMessage,
  type PublicWidgetConfig,
} from '@parley/contracts';
import type { Config } from '../../config.js';
import { AppError, rateLimited, unauthorized, validationFailed } from '../../http/errors.js';
import type { ApiKeyPrincipal } from '../../http/principal.js';
import { LocalCache, type Invalidations } from '../../state/local-cache.js';
import type { RateLimiter, TokenBucketPolicy } from '../../state/rate-limiter.js';
import type { AssistantService } from '../assistants/assistant.service.js';
import { hmac } from '../auth/token-service.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { ChatService } from '../chat/chat.service.js';
import type { ConversationService } from '../conversations/conversation.service.js';
import { toMessage } from '../conversations/message-view.js';

/** How many of a visitor's conversations the widget is given (newest first). */
const VISITOR_CONVERSATIONS = 20;

export type PublicEmit = <K extends PublicChatEventName>(event: K, data: PublicChatEventMap[K]) => void;

export const originNotAllowed = (origin: string | null) =>
  new AppError(
    403,
    'origin_not_allowed',
    origin
      ? `This site (${origin}) may not use this assistant: its owner has to add ${origin} to the publishable key's allowed origins`
      : "Publishable keys work only from a web page on one of the key's allowed origins",
  );

export class PublicWidgetService {
  /** Assistants as the widget shows them, by id; changes announce themselves (invalidations). */
  private readonly assistants = new LocalCache<Assistant>(10_000);
  private readonly keyPolicy: TokenBucketPolicy;
  private readonly visitorPolicy: TokenBucketPolicy;

  constructor(
    private readonly deps: {
      config: Pick<Config, 'widget'>;
      authenticator: Authenticator;
      assistants: AssistantService;
      conversations: ConversationService;
      chat: ChatService;
      rateLimiter: RateLimiter;
      visitorHashKey: Uint8Array;
      invalidations?: Invalidations;
    },
  ) {
    const perKey = deps.config.widget.keyRatePerMinute;
    const perVisitor = deps.config.widget.visitorMessagesPerMinute;
    this.keyPolicy = { capacity: perKey, refillPerSecond: perKey / 60 };
    this.visitorPolicy = { capacity: perVisitor, refillPerSecond: perVisitor / 60 };
    deps.invalidations?.on('assistant', (id) => this.assistants.delete(id));
  }

  /** The publishable key named by a path, or null when it is not a live publishable key (for CORS preflights). */
  async publishableKey(rawKey: string): Promise<ApiKeyPrincipal | null> {
    const key = await this.deps.authenticator.apiKeyPrincipal(rawKey).catch(() => null);
    return key?.keyKind === 'publishable' ? key : null;
  }

  /**
   * Admits a request: a live publishable key, called from one of its allowed origins, within the key's
   * rate limit. Every refusal is an AppError the widget can show.
   */
  async admit(rawKey: string, origin: string | null): Promise<ApiKeyPrincipal> {
    const key = await this.deps.authenticator.apiKeyPrincipal(rawKey);
    if (key.keyKind !== 'publishable') {
      throw new AppError(
        403,
        'wrong_key_kind',
        'This is a secret key (sk_…): it must never be put in a web page. Revoke it, and give the widget a publishable key (pk_…)',
      );
    }
    if (origin === null || !key.allowedOrigins.includes(origin)) throw originNotAllowed(origin);
    const limit = await this.deps.rateLimiter.consume(`widget-key:${key.apiKeyId}`, this.keyPolicy);
    if (!limit.allowed) throw rateLimited(limit.retryAfterMs, 'This assistant is busy right now; try again in a moment');
    return key;
  }

  /** The key acting for one visitor: their id is checked and kept only as a keyed hash. */
  forVisitor(key: ApiKeyPrincipal, visitorId: string | undefined): ApiKeyPrincipal {
    const parsed = visitorIdSchema.safeParse(visitorId);
    if (!parsed.success) {
      throw validationFailed([
        {
          path: 'headers.x-parley-visitor',
          message: visitorId === undefined ? 'required: the visitor id' : (parsed.error.issues[0]?.message ?? 'invalid'),
          code: visitorId === undefined ? 'required' : 'invalid_format',
        },
      ]);
    }
    return { ...key, visitorHash: hmac(this.deps.visitorHashKey, `${key.assistantId}:${parsed.data}`) };
  }

  /** Takes one message from the visitor's budget. */
  async limitMessages(visitor: ApiKeyPrincipal): Promise<void> {
    const limit = await this.deps.rateLimiter.consume(`widget-visitor:${visitor.apiKeyId}:${visitor.visitorHash}`, this.visitorPolicy);
    if (!limit.allowed) throw rateLimited(limit.retryAfterMs, 'You are sending messages too quickly; wait a moment and try again');
  }

  private async assistantOf(key: ApiKeyPrincipal): Promise<Assistant> {
    const cached = this.assistants.get(key.assistantId);
    if (cached) return cached;
    const assistant = await this.deps.assistants.get(key, key.assistantId).catch((err: unknown) => {
      // The key outlived its assistant only for the instant before the cascade: the key is gone too.
      if (err instanceof AppError && err.status === 404) throw unauthorized('Invalid or revoked API key');
      throw err;
    });
    this.assistants.set(key.assistantId, assistant);
    return assistant;
  }

  async config(key: ApiKeyPrincipal): Promise<PublicWidgetConfig> {
    const assistant = await this.assistantOf(key);
    return {
      assistant: { name: assistant.name, language: assistant.language, direction: assistant.direction },
      answerMode: assistant.answerMode,
      greeting: assistant.widget.greeting,
      color: assistant.widget.color,
      showBranding: assistant.widget.showBranding,
      maxMessageChars: MAX_MESSAGE_CHARS,
    };
  }

  async conversations(visitor: ApiKeyPrincipal): Promise<{ items: PublicConversation[] }> {
    const { items } = await this.deps.conversations.list(visitor, { archived: false, limit: VISITOR_CONVERSATIONS, offset: 0 });
    return { items: items.map(publicConversation) };
  }

  async createConversation(visitor: ApiKeyPrincipal): Promise<PublicConversation> {
    return publicConversation(await this.deps.conversations.create(visitor, visitor.assistantId, {}));
  }

  async messages(visitor: ApiKeyPrincipal, conversationId: string): Promise<{ items: PublicMessage[] }> {
    const [{ items }, assistant] = await Promise.all([
      this.deps.conversations.messages(visitor, conversationId),
      this.assistantOf(visitor),
    ]);
    return { items: items.map((m) => publicMessage(m, assistant.widget.sourceLinks)) };
  }

  /** Answers a visitor's message; events are mapped to their public form on the way out. */
  async send(
    visitor: ApiKeyPrincipal,
    conversationId: string,
    content: string,
    emit: PublicEmit,
    signal: AbortSignal,
    onAccepted?: () => void,
  ): Promise<{ userMessage: PublicMessage; assistantMessage: PublicMessage }> {
    const { sourceLinks } = (await this.assistantOf(visitor)).widget;
    const forward = <K extends ChatEventName>(event: K, data: ChatEventMap[K]) => {
      const mapped = publicEvent(event, data, sourceLinks);
      if (mapped) emit(mapped.event, mapped.data);
    };
    const turn = await this.deps.chat.send(visitor, conversationId, { content }, forward, signal, onAccepted);
    return {
      userMessage: publicMessage(toMessage(turn.user), sourceLinks),
      assistantMessage: publicMessage(toMessage(turn.assistant), sourceLinks),
    };
  }

  async cancel(visitor: ApiKeyPrincipal, conversationId: string, messageId: string): Promise<void> {
    await this.deps.chat.cancel(visitor, conversationId, messageId);
  }
}

function publicConversation(c: {
  id: string;
  title: string;
  messageCount: number;
  lastMessageAt: string | null;
  createdAt: string;
}): PublicConversation {
  return { id: c.id, title: c.title, messageCount: c.messageCount, lastMessageAt: c.lastMessageAt, createdAt: c.createdAt };
}

export function publicCitation(c: Citation, sourceLinks: boolean): PublicCitation {
  return { n: c.n, documentTitle: c.documentTitle, page: c.page, url: sourceLinks ? c.url : null, quote: c.quote };
}

export function publicMessage(m: Message, sourceLinks: boolean): PublicMessage {
  return {
    id: m.id,
    role: m.role,
    content: m.content,
    status: m.status,
    citations: m.citations.map((c) => publicCitation(c, sourceLinks)),
    error: m.error,
    createdAt: m.createdAt,
  };
}

type PublicEventOf<K extends PublicChatEventName = PublicChatEventName> = { [E in K]: { event: E; data: PublicChatEventMap[E] } }[K];

/** A chat event as a visitor may see it. */
export function publicEvent<K extends ChatEventName>(event: K, data: ChatEventMap[K], sourceLinks: boolean): PublicEventOf | null {
  const e = { event, data } as { [E in ChatEventName]: { event: E; data: ChatEventMap[E] } }[ChatEventName];
  switch (e.event) {
    case 'meta':
      return {
        event: 'meta',
        data: {
          conversationId: e.data.conversationId,
          userMessageId: e.data.userMessageId,
          assistantMessageId: e.data.assistantMessageId,
        },
      };
    case 'citations':
      return { event: 'citations', data: { messageId: e.data.messageId, items: e.data.items.map((c) => publicCitation(c, sourceLinks)) } };
    case 'done':
      return { event: 'done', data: { messageId: e.data.messageId, status: e.data.status } };
    case 'token':
    case 'error':
    case 'title':
      return e as PublicEventOf;
  }
}
