// GET /api/v1/ws: chat over a WebSocket. Authenticated at the upgrade (access cookie, Bearer header,
// or `?access_token=` for clients that cannot set headers). The client sends `chat.send` and
// `chat.cancel`; the server answers with the chat events as `{type: "chat.<event>", ...data}`.
// Closing the socket cancels every answer it started.
import { wsClientMessageSchema, type WsServerMessage } from '@parley/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import type { WebSocket } from 'ws';
import type { Deps } from '../../deps.js';
import { messages } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';

/** Largest client message accepted, in bytes (a chat message is at most 32 000 characters). */
const MAX_PAYLOAD = 256 * 1024;

export const chatWsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/ws',
      {
        websocket: true,
        config: { auth: 'user_or_secret_key', queryToken: true },
        schema: {
          tags: ['chat'],
          summary: 'Chat over a WebSocket',
          description:
            'Send `{"type":"chat.send","conversationId","content","settings?","replaceFrom?","requestId?"}` or `{"type":"chat.cancel","messageId"}`; ' +
            'receive `chat.meta`, `chat.token`, `chat.citations`, `chat.error`, `chat.done`, `chat.title` (the SSE events, with `type`).',
        },
      },
      (socket: WebSocket, request) => {
        const principal = request.principal!;
        const running = new Map<string, AbortController>();
        const send = (message: WsServerMessage) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
        };

        socket.on('message', (data, isBinary) => {
          if (isBinary || (data as Buffer).length > MAX_PAYLOAD) {
            send({ type: 'error', code: 'bad_request', message: `Messages are JSON text of at most ${MAX_PAYLOAD} bytes` });
            return;
          }
          let parsed: ReturnType<typeof wsClientMessageSchema.safeParse>;
          try {
            parsed = wsClientMessageSchema.safeParse(JSON.parse((data as Buffer).toString('utf8')));
          } catch {
            send({ type: 'error', code: 'invalid_json', message: 'The message is not valid JSON' });
            return;
          }
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            send({ type: 'error', code: 'validation_error', message: `${issue.path.join('.') || 'message'}: ${issue.message}` });
            return;
          }
          const message = parsed.data;
          if (message.type === 'ping') {
            send({ type: 'pong' });
            return;
          }
          if (message.type === 'chat.cancel') {
            void cancel(message.messageId);
            return;
          }
          const requestId = message.requestId;
          const controller = new AbortController();
          const key = requestId ?? crypto.randomUUID();
          running.set(key, controller);
          void deps.chat
            .send(
              principal,
              message.conversationId,
              {
                content: message.content,
                ...(message.settings ? { settings: message.settings } : {}),
                ...(message.replaceFrom ? { replaceFrom: message.replaceFrom } : {}),
              },
              (event, payload) => send({ type: `chat.${event}`, ...(requestId ? { requestId } : {}), ...payload } as WsServerMessage),
              controller.signal,
            )
            .catch((err: unknown) => {
              const known = err instanceof AppError;
              if (!known) request.log.error({ err }, 'websocket chat failed');
              send({
                type: 'error',
                code: known ? err.code : 'internal_error',
                message: known ? err.message : 'The answer could not be completed',
                ...(requestId ? { requestId } : {}),
              });
            })
            .finally(() => running.delete(key));
        });

        const cancel = async (messageId: string) => {
          try {
            const [row] = await deps.database.db
              .select({ conversationId: messages.conversationId })
              .from(messages)
              .where(eq(messages.id, messageId));
            if (!row) throw new AppError(404, 'message_not_found', 'Message not found');
            await deps.chat.cancel(principal, row.conversationId, messageId);
          } catch (err) {
            const known = err instanceof AppError;
            send({ type: 'error', code: known ? err.code : 'internal_error', message: known ? err.message : 'Could not cancel' });
          }
        };

        socket.on('close', () => {
          for (const controller of running.values()) controller.abort();
          running.clear();
        });
      },
    );
  };
