// Business rules for conversations: who may start one on which assistant, filing into the owner's folders,
// naming (a title given by a person is final; otherwise the chat engine may generate one), and search.
import type {
  Conversation,
  Message,
  createConversationBodySchema,
  listAssistantConversationsQuerySchema,
  listConversationsQuerySchema,
  messageFeedbackBodySchema,
  updateConversationBodySchema,
} from '@parley/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import { isManager, scopeOf, type Principal, type UserPrincipal } from '../../http/principal.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import { AssistantRepository } from '../assistants/assistant.repository.js';
import { ConversationRepository, type ConversationChanges } from './conversation.repository.js';
import { FolderRepository } from './folder.repository.js';
import { toConversation, toMessage } from './message-view.js';
import { searchWords, snippetOf } from './search-snippet.js';

type CreateInput = z.output<typeof createConversationBodySchema>;
type UpdateInput = z.output<typeof updateConversationBodySchema>;
type ListInput = z.output<typeof listConversationsQuerySchema>;
type AssistantListInput = z.output<typeof listAssistantConversationsQuerySchema>;
type FeedbackInput = z.output<typeof messageFeedbackBodySchema>;

export const DEFAULT_CONVERSATION_TITLE = 'New conversation';

export class ConversationService {
  private readonly conversations: ConversationRepository;

  constructor(private readonly deps: { db: Db; audit?: AuditService }) {
    this.conversations = new ConversationRepository(deps.db);
  }

  /** A folder id from a request must name one of the caller's own folders (API keys have none). */
  private async checkFolder(principal: Principal, folderId: string | null | undefined): Promise<void> {
    if (!folderId) return;
    const folder =
      principal.kind === 'user'
        ? await new FolderRepository(this.deps.db, { organizationId: principal.organizationId, userId: principal.userId }).findById(
            folderId,
          )
        : undefined;
    if (!folder) throw notFound('folder');
  }

  async create(principal: Principal, assistantId: string, input: CreateInput): Promise<Conversation> {
    const assistant = await new AssistantRepository(this.deps.db, scopeOf(principal)).findById(assistantId);
    if (!assistant) throw notFound('assistant');
    await this.checkFolder(principal, input.folderId);
    const row = await this.conversations.insert(principal, {
      assistantId,
      title: input.title ?? DEFAULT_CONVERSATION_TITLE,
      titled: input.title !== undefined,
      folderId: input.folderId ?? null,
    });
    return toConversation(row);
  }

  async list(principal: Principal, query: ListInput) {
    const { items, total } = await this.conversations.list(principal, { ...query, archived: query.archived ?? false });
    const words = query.q ? searchWords(query.q) : [];
    return {
      items: items.map((row) => ({
        ...toConversation(row),
        snippet: row.matchedContent !== null ? snippetOf(row.matchedContent, words) : null,
      })),
      total,
    };
  }

  /** A manager of the organization, and the assistant theirs: the scope of the assistant's API and widget conversations. */
  private async managedAssistant(
    principal: Principal,
    assistantId: string,
  ): Promise<{ organizationId: string; assistantId: string; manager: UserPrincipal }> {
    const assistant = await new AssistantRepository(this.deps.db, scopeOf(principal)).findById(assistantId);
    if (!assistant) throw notFound('assistant');
    if (!isManager(principal)) throw forbidden("Only owners and admins can read visitors' and programs' conversations");
    return { organizationId: assistant.organizationId, assistantId, manager: principal };
  }

  /** The conversations website visitors and programs had with an assistant, for its managers. */
  async listOfAssistant(principal: Principal, assistantId: string, query: AssistantListInput) {
    const scope = await this.managedAssistant(principal, assistantId);
    const { items, total } = await this.conversations.listOfAssistant(scope, query);
    const words = query.q ? searchWords(query.q) : [];
    return {
      items: items.map((row) => ({
        ...toConversation(row),
        snippet: row.matchedContent !== null ? snippetOf(row.matchedContent, words) : null,
      })),
      total,
    };
  }

  async messagesOfAssistant(principal: Principal, assistantId: string, conversationId: string): Promise<{ items: Message[] }> {
    const scope = await this.managedAssistant(principal, assistantId);
    if (!(await this.conversations.findOfAssistant(scope, conversationId))) throw notFound('conversation');
    return { items: (await this.conversations.messagesOf(conversationId)).map(toMessage) };
  }

  /** Erases a visitor's or program's conversation (a visitor asking to be forgotten); audited. */
  async deleteOfAssistant(principal: Principal, assistantId: string, conversationId: string, actor: AuditActor): Promise<void> {
    const scope = await this.managedAssistant(principal, assistantId);
    const row = await this.conversations.findOfAssistant(scope, conversationId);
    if (!row) throw notFound('conversation');
    await this.conversations.deleteById(conversationId);
    await this.deps.audit?.record(
      { ...actor, userId: scope.manager.userId },
      {
        organizationId: scope.organizationId,
        action: 'conversation.deleted',
        targetType: 'conversation',
        targetId: conversationId,
        metadata: { assistantId, source: row.source },
      },
    );
  }

  async get(principal: Principal, id: string): Promise<Conversation> {
    const row = await this.conversations.findVisible(principal, id);
    if (!row) throw notFound('conversation');
    return toConversation(row);
  }

  async update(principal: Principal, id: string, input: UpdateInput): Promise<Conversation> {
    const current = await this.conversations.findVisible(principal, id);
    if (!current) throw notFound('conversation');
    await this.checkFolder(principal, input.folderId);
    const changes: ConversationChanges = {
      ...(input.title !== undefined ? { title: input.title, titled: true } : {}),
      ...(input.pinned !== undefined ? { pinned: input.pinned } : {}),
      ...(input.archived !== undefined ? { archived: input.archived } : {}),
      ...(input.folderId !== undefined ? { folderId: input.folderId } : {}),
    };
    if (Object.keys(changes).length === 0) return toConversation(current);
    const row = await this.conversations.update(principal, id, changes);
    if (!row) throw notFound('conversation');
    return toConversation(row);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    if (!(await this.conversations.delete(principal, id))) throw notFound('conversation');
  }

  async messages(principal: Principal, id: string): Promise<{ items: Message[] }> {
    const rows = await this.conversations.messages(principal, id);
    if (!rows) throw notFound('conversation');
    return { items: rows.map(toMessage) };
  }

  /**
   * Stores the caller's thumbs up or down, and comment, on an answer of one of their conversations. The
   * body replaces what was there; no rating and no comment clears it. Like renaming a conversation, this
   * is the caller's own note on their own data, so it is not audited.
   */
  async setFeedback(principal: Principal, conversationId: string, messageId: string, input: FeedbackInput): Promise<Message> {
    if (!(await this.conversations.findVisible(principal, conversationId))) throw notFound('conversation');
    const message = await this.conversations.message(conversationId, messageId);
    if (!message) throw notFound('message');
    if (message.role !== 'assistant') throw badRequest('invalid_request', 'Feedback can only be given on answers (assistant messages)');
    const comment = input.comment ? input.comment : null;
    const rating = input.rating ?? null;
    const row = await this.conversations.setFeedback(
      messageId,
      rating === null && comment === null ? { rating, comment, at: null } : { rating, comment, at: new Date() },
    );
    if (!row) throw notFound('message');
    return toMessage(row);
  }
}
