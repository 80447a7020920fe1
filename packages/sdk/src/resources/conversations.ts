// Conversations with an assistant: start, list and search, rename, pin, archive, file in folders, delete,
// read their messages and rate answers. A user sees their own; a secret key those started with API keys.
import type {
  CallOptions,
  Conversation,
  ConversationList,
  CreateConversationBody,
  FeedbackBody,
  Message,
  QueryParams,
  ResponseBody,
  UpdateConversationBody,
} from '../api-types.js';
import type { Transport } from '../transport.js';

export type MessageList = ResponseBody<'/api/v1/conversations/{id}/messages', 'get'>;

export class ConversationsResource {
  constructor(private readonly transport: Transport) {}

  /** Pinned first, then by latest activity; `q` searches titles and message text. */
  list(query?: QueryParams<'/api/v1/conversations', 'get'>, options?: CallOptions): Promise<ConversationList> {
    return this.transport.request('get', '/api/v1/conversations', { query, ...options });
  }

  /** Starts a conversation with an assistant; without a title, one is made from the first exchange. */
  create(assistantId: string, body: CreateConversationBody = {}, options?: CallOptions): Promise<Conversation> {
    return this.transport.request('post', '/api/v1/assistants/{id}/conversations', { params: { id: assistantId }, body, ...options });
  }

  get(id: string, options?: CallOptions): Promise<Conversation> {
    return this.transport.request('get', '/api/v1/conversations/{id}', { params: { id }, ...options });
  }

  /** Renames, pins, archives or moves it to a folder (`folderId: null` takes it out). */
  update(id: string, body: UpdateConversationBody, options?: CallOptions): Promise<Conversation> {
    return this.transport.request('patch', '/api/v1/conversations/{id}', { params: { id }, body, ...options });
  }

  async delete(id: string, options?: CallOptions): Promise<void> {
    await this.transport.request('delete', '/api/v1/conversations/{id}', { params: { id }, ...options });
  }

  /** The messages, oldest first, with each answer's status, citations, usage and feedback. */
  messages(id: string, options?: CallOptions): Promise<MessageList> {
    return this.transport.request('get', '/api/v1/conversations/{id}/messages', { params: { id }, ...options });
  }

  /** Rates an answer (`rating: null` without a comment clears it); returns the updated message. */
  feedback(id: string, messageId: string, body: FeedbackBody, options?: CallOptions): Promise<Message> {
    return this.transport.request('put', '/api/v1/conversations/{id}/messages/{messageId}/feedback', {
      params: { id, messageId },
      body,
      ...options,
    });
  }
}
