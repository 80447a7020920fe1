// POST /api/v1/conversations/:id/messages: ask, and get the answer streamed as server-sent events
// (`Accept: text/event-stream`) or as one JSON reply; and cancel an answer being written.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendMessageBodySchema, sendMessageResponseSchema } from '@parley/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorResponses } from '../../http/error-responses.js';
import { toMessage } from '../conversations/message-view.js';
import { answerFailed } from './answer-engine.js';
import { disconnectSignal, SseChatStream } from './chat-stream.js';

const errors = errorResponses(400, 401, 403, 404, 409, 429, 502, 504);

export const chatRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['chat'];

    app.post(
      '/conversations/:id/messages',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'Send a message and get the answer',
          description:
            'With `Accept: text/event-stream` the answer streams as server-sent events: `meta`, `token`…, `citations`, ' +
            '`error` (when the answer failed), `done`, and `title` when the conversation gets its name. Otherwise the reply ' +
            "is JSON with both stored messages. The person's message is stored before the answer starts; the answer is " +
            'stored as it streams (`streaming` → `complete` | `error` | `cancelled`, partial text kept). A client that ' +
            'disconnects cancels the answer. With `replaceFrom` (a user message of this conversation) that message and every ' +
            'later one are deleted before this one is stored: edit and resend, or regenerate by resending the same text. ' +
            'It answers 404 when the message is not in the conversation, 400 `invalid_request` for an assistant message, ' +
            'and 409 `answer_in_progress` while an answer in the conversation is being written.',
          params: z.strictObject({ id: z.uuid() }),
          body: sendMessageBodySchema,
          response: { 200: sendMessageResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const wantsStream = (request.headers.accept ?? '').includes('text/event-stream');
        const { signal, dispose } = disconnectSignal(reply);
        try {
          if (wantsStream) {
            const stream = new SseChatStream(reply);
            await stream.run(request.log, () =>
              deps.chat.send(
                request.principal!,
                request.params.id,
                request.body,
                (event, data) => stream.send(event, data),
                signal,
                () => stream.open(),
              ),
            );
            return reply;
          }
          const turn = await deps.chat.send(request.principal!, request.params.id, request.body, () => undefined, signal);
          const assistantMessage = toMessage(turn.assistant);
          if (assistantMessage.status === 'error') {
            throw answerFailed(assistantMessage.error, {
              userMessageId: turn.user.id,
              assistantMessageId: turn.assistant.id,
              partialContent: assistantMessage.content,
            });
          }
          return { userMessage: toMessage(turn.user), assistantMessage };
        } finally {
          dispose();
        }
      },
    );

    app.post(
      '/conversations/:id/messages/:messageId/cancel',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'Stop an answer being written (its partial text is kept, status `cancelled`)',
          params: z.strictObject({ id: z.uuid(), messageId: z.uuid() }),
          response: { 204: z.null(), ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) => {
        await deps.chat.cancel(request.principal!, request.params.id, request.params.messageId);
        return reply.code(204).send(null);
      },
    );
  };
