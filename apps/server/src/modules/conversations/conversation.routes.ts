// /api/v1/conversations: start one on an assistant, list and search, read, rename, pin, archive, file into
// a folder, delete, read its messages, and rate an answer. People see their own; a secret API key sees its assistant's
// API conversations. Anything else answers 404, as if it did not exist.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assistantConversationParamsSchema,
  conversationListSchema,
  listAssistantConversationsQuerySchema,
  conversationSchema,
  createConversationBodySchema,
  idParamsSchema,
  listConversationsQuerySchema,
  messageFeedbackBodySchema,
  messageListSchema,
  messageParamsSchema,
  messageSchema,
  updateConversationBodySchema,
} from '@parley/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { auditActor } from '../../http/audit-actor.js';
import { errorResponses } from '../../http/error-responses.js';

const errors = errorResponses(400, 401, 403, 404);

export const conversationRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const svc = deps.conversations;
    const tags = ['conversations'];

    app.post(
      '/assistants/:id/conversations',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'Start a conversation with an assistant',
          params: idParamsSchema,
          body: createConversationBodySchema.nullish(),
          response: { 201: conversationSchema, ...errors },
        },
      },
      async (request, reply) => reply.code(201).send(await svc.create(request.principal!, request.params.id, request.body ?? {})),
    );

    app.get(
      '/assistants/:id/conversations',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: "An assistant's conversations with website visitors (widget) and programs (API keys): owners and admins",
          description:
            'Newest activity first. People’s own conversations in the app are never listed here. `q` searches titles and ' +
            'message text like GET /conversations. Members answer 403.',
          params: idParamsSchema,
          querystring: listAssistantConversationsQuerySchema,
          response: { 200: conversationListSchema, ...errors },
        },
      },
      async (request) => svc.listOfAssistant(request.principal!, request.params.id, request.query),
    );

    app.get(
      '/assistants/:id/conversations/:conversationId/messages',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'The messages of a widget or API conversation of the assistant, oldest first: owners and admins',
          params: assistantConversationParamsSchema,
          response: { 200: messageListSchema, ...errors },
        },
      },
      async (request) => svc.messagesOfAssistant(request.principal!, request.params.id, request.params.conversationId),
    );

    app.delete(
      '/assistants/:id/conversations/:conversationId',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: "Erase a visitor's or program's conversation and its messages: owners and admins (audited)",
          params: assistantConversationParamsSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await svc.deleteOfAssistant(request.principal!, request.params.id, request.params.conversationId, auditActor(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/conversations',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'List conversations, pinned first, then by latest activity',
          description:
            '`q` matches titles (substring) and message text (every word, as a prefix); matches by message text carry a `snippet`.',
          querystring: listConversationsQuerySchema,
          response: { 200: conversationListSchema, ...errors },
        },
      },
      async (request) => svc.list(request.principal!, request.query),
    );

    app.get(
      '/conversations/:id',
      {
        config: { auth: 'user_or_secret_key' },
        schema: { tags, params: idParamsSchema, response: { 200: conversationSchema, ...errors } },
      },
      async (request) => svc.get(request.principal!, request.params.id),
    );

    app.patch(
      '/conversations/:id',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'Rename, pin, archive or file a conversation (`folderId: null` takes it out of its folder)',
          params: idParamsSchema,
          body: updateConversationBodySchema,
          response: { 200: conversationSchema, ...errors },
        },
      },
      async (request) => svc.update(request.principal!, request.params.id, request.body),
    );

    app.delete(
      '/conversations/:id',
      {
        config: { auth: 'user_or_secret_key' },
        schema: { tags, summary: 'Delete a conversation and its messages', params: idParamsSchema, response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        await svc.delete(request.principal!, request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/conversations/:id/messages',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'The messages of a conversation, oldest first',
          params: idParamsSchema,
          response: { 200: messageListSchema, ...errors },
        },
      },
      async (request) => svc.messages(request.principal!, request.params.id),
    );

    app.put(
      '/conversations/:id/messages/:messageId/feedback',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'Rate an answer: thumbs up or down, with an optional comment',
          description:
            'Replaces the feedback on an assistant message (`rating: null` and no comment clears it) and answers the message. ' +
            'A user message answers 400 `invalid_request`.',
          params: messageParamsSchema,
          body: messageFeedbackBodySchema,
          response: { 200: messageSchema, ...errors },
        },
      },
      async (request) => svc.setFeedback(request.principal!, request.params.id, request.params.messageId, request.body),
    );
  };
