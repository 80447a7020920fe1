// Assistants of the active organization: list, read, create, change, delete (a secret key sees only its
// own), and, for owners and admins, the conversations website visitors and programs had with one.
import type {
  Assistant,
  AssistantConversationsQuery,
  AssistantList,
  CallOptions,
  ConversationList,
  CreateAssistantBody,
  QueryParams,
  UpdateAssistantBody,
} from '../api-types.js';
import type { Transport } from '../transport.js';
import type { MessageList } from './conversations.js';

/** An assistant's widget (visitor) and API conversations, for its owners and admins; never people's own. */
export class AssistantConversationsResource {
  constructor(private readonly transport: Transport) {}

  /** Newest activity first; `source` picks `widget` or `api` (default both), `q` searches titles and messages. */
  list(assistantId: string, query?: AssistantConversationsQuery, options?: CallOptions): Promise<ConversationList> {
    return this.transport.request('get', '/api/v1/assistants/{id}/conversations', { params: { id: assistantId }, query, ...options });
  }

  messages(assistantId: string, conversationId: string, options?: CallOptions): Promise<MessageList> {
    return this.transport.request('get', '/api/v1/assistants/{id}/conversations/{conversationId}/messages', {
      params: { id: assistantId, conversationId },
      ...options,
    });
  }

  /** Erases the conversation and its messages (audited). */
  async delete(assistantId: string, conversationId: string, options?: CallOptions): Promise<void> {
    await this.transport.request('delete', '/api/v1/assistants/{id}/conversations/{conversationId}', {
      params: { id: assistantId, conversationId },
      ...options,
    });
  }
}

export class AssistantsResource {
  /** The conversations visitors and programs had with an assistant (owners and admins). */
  readonly conversations: AssistantConversationsResource;

  constructor(private readonly transport: Transport) {
    this.conversations = new AssistantConversationsResource(transport);
  }

  /** Sorted by name; `q` filters name or slug. */
  list(query?: QueryParams<'/api/v1/assistants', 'get'>, options?: CallOptions): Promise<AssistantList> {
    return this.transport.request('get', '/api/v1/assistants', { query, ...options });
  }

  get(id: string, options?: CallOptions): Promise<Assistant> {
    return this.transport.request('get', '/api/v1/assistants/{id}', { params: { id }, ...options });
  }

  create(body: CreateAssistantBody, options?: CallOptions): Promise<Assistant> {
    return this.transport.request('post', '/api/v1/assistants', { body, ...options });
  }

  /** Changes only the fields given; `generation` and `retrieval` are merged into the stored settings. */
  update(id: string, body: UpdateAssistantBody, options?: CallOptions): Promise<Assistant> {
    return this.transport.request('patch', '/api/v1/assistants/{id}', { params: { id }, body, ...options });
  }

  /** Deletes the assistant with its documents, conversations and API keys. */
  async delete(id: string, options?: CallOptions): Promise<void> {
    await this.transport.request('delete', '/api/v1/assistants/{id}', { params: { id }, ...options });
  }
}
