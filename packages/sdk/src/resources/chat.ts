// Asking: send a message and get the answer whole (JSON) or as it is written (server-sent events), and
// cancel an answer from elsewhere. Ending a stream early cancels its answer on the server.
import type { CallOptions, SendMessageBody, SendMessageResult } from '../api-types.js';
import { EventStream } from '../event-stream.js';
import { chatEventNames, type ChatStreamEvent } from '../stream-events.js';
import type { Transport } from '../transport.js';

/** A streamed answer: iterate it once with `for await`; `abort()` (or breaking out) cancels the answer. */
export type ChatStream = EventStream<ChatStreamEvent>;

export class ChatResource {
  constructor(private readonly transport: Transport) {}

  /**
   * Sends a message and waits for the whole answer. A failed answer throws ParleyError (502, or 504 for a
   * timeout) with `details.assistantMessageId` and the partial text.
   */
  send(conversationId: string, body: SendMessageBody, options?: CallOptions): Promise<SendMessageResult> {
    return this.transport.request('post', '/api/v1/conversations/{id}/messages', { params: { id: conversationId }, body, ...options });
  }

  /**
   * Sends a message and streams the answer: `meta`, `token`…, `citations`, `error` (when it failed), `done`,
   * and `title` when the conversation gets its name. The request starts when iteration starts; a refusal
   * (404, 400, 429…) is thrown from the loop before any event.
   */
  stream(conversationId: string, body: SendMessageBody, options?: CallOptions): ChatStream {
    return new EventStream<ChatStreamEvent>(
      (signal) =>
        this.transport.send('post', '/api/v1/conversations/{id}/messages', {
          params: { id: conversationId },
          body,
          headers: options?.headers,
          signal,
          accept: 'text/event-stream',
        }),
      chatEventNames,
      options?.signal,
    );
  }

  /** Stops an answer being written, from anywhere (its partial text is kept, status `cancelled`). */
  async cancel(conversationId: string, messageId: string, options?: CallOptions): Promise<void> {
    await this.transport.request('post', '/api/v1/conversations/{id}/messages/{messageId}/cancel', {
      params: { id: conversationId, messageId },
      ...options,
    });
  }
}
