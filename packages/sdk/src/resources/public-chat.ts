// The public API behind the website widget (/api/v1/public/{key}/…), for building your own chat UI on a
// web page: a publishable key (pk_…) in the path and an anonymous visitor id in `x-parley-visitor`; the
// page's origin must be in the key's allowed origins. No credential or custom header besides the visitor
// is sent, so browsers' CORS preflights pass.
import type {
  CallOptions,
  PublicConversation,
  PublicConversationList,
  PublicMessageList,
  PublicSendMessageBody,
  PublicSendMessageResult,
  PublicWidgetConfig,
} from '../api-types.js';
import { EventStream } from '../event-stream.js';
import { chatEventNames, type PublicChatStreamEvent } from '../stream-events.js';
import type { Transport } from '../transport.js';

/** The header that names the visitor. */
export const VISITOR_HEADER = 'x-parley-visitor';

/** A new visitor id: 16 random bytes as base64url (22 characters). Keep it (localStorage) to find the visitor's conversations again. */
export function createVisitorId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export type PublicChatStream = EventStream<PublicChatStreamEvent>;

export class PublicChat {
  constructor(
    private readonly transport: Transport,
    /** The publishable key (`pk_…`). */
    readonly key: string,
    /** The visitor's id (22–64 characters of A–Z, a–z, 0–9, _ and -). */
    readonly visitorId: string,
  ) {}

  /** What a chat UI needs to draw itself: the assistant's name, language and direction, and the owner's settings. */
  widget(options?: CallOptions): Promise<PublicWidgetConfig> {
    // The one request without the visitor header: a simple request, so even a refused origin can read why.
    return this.transport.request('get', '/api/v1/public/{key}/widget', { params: { key: this.key }, ...options, auth: false });
  }

  /** The visitor's own conversations, newest first. */
  conversations(options?: CallOptions): Promise<PublicConversationList> {
    return this.transport.request('get', '/api/v1/public/{key}/conversations', { params: { key: this.key }, ...this.visitor(options) });
  }

  createConversation(options?: CallOptions): Promise<PublicConversation> {
    return this.transport.request('post', '/api/v1/public/{key}/conversations', {
      params: { key: this.key },
      body: {},
      ...this.visitor(options),
    });
  }

  /** The messages of one of the visitor's conversations, oldest first. */
  messages(conversationId: string, options?: CallOptions): Promise<PublicMessageList> {
    return this.transport.request('get', '/api/v1/public/{key}/conversations/{id}/messages', {
      params: { key: this.key, id: conversationId },
      ...this.visitor(options),
    });
  }

  /** Sends the visitor's message and waits for the whole answer. */
  send(conversationId: string, body: PublicSendMessageBody, options?: CallOptions): Promise<PublicSendMessageResult> {
    return this.transport.request('post', '/api/v1/public/{key}/conversations/{id}/messages', {
      params: { key: this.key, id: conversationId },
      body,
      ...this.visitor(options),
    });
  }

  /** Sends the visitor's message and streams the answer; ending the loop early cancels it. */
  stream(conversationId: string, body: PublicSendMessageBody, options?: CallOptions): PublicChatStream {
    return new EventStream<PublicChatStreamEvent>(
      (signal) =>
        this.transport.send('post', '/api/v1/public/{key}/conversations/{id}/messages', {
          params: { key: this.key, id: conversationId },
          body,
          ...this.visitor({ headers: options?.headers }),
          signal,
          accept: 'text/event-stream',
        }),
      chatEventNames,
      options?.signal,
    );
  }

  async cancel(conversationId: string, messageId: string, options?: CallOptions): Promise<void> {
    await this.transport.request('post', '/api/v1/public/{key}/conversations/{id}/messages/{messageId}/cancel', {
      params: { key: this.key, id: conversationId, messageId },
      ...this.visitor(options),
    });
  }

  private visitor(options: CallOptions | undefined): CallOptions & { auth: false } {
    return { ...options, headers: { ...options?.headers, [VISITOR_HEADER]: this.visitorId }, auth: false };
  }
}
