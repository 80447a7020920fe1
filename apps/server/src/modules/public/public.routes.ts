// /api/v1/public/{key}/…: the website widget's API. The publishable key is in the path so that a CORS
// preflight, which carries no credentials, can still be answered for exactly that key's origins
// (docs/adr/0009-widget-public-api.md). Every request is admitted by the hook below: a live
// publishable key, from one of its allowed origins, within its rate limit; visitor routes also need the
// visitor id header. Refusals carry Access-Control-Allow-Origin for the asking page, so the widget can
// show why it was refused; they carry nothing else.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  VISITOR_HEADER,
  publicConversationListSchema,
  publicConversationParamsSchema,
  publicConversationSchema,
  publicKeyParamsSchema,
  publicMessageListSchema,
  publicMessageParamsSchema,
  publicSendMessageBodySchema,
  publicSendMessageResponseSchema,
  publicWidgetConfigSchema,
  type PublicChatEventMap,
} from '@parley/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorResponses } from '../../http/error-responses.js';
import { unauthorized } from '../../http/errors.js';
import type { ApiKeyPrincipal } from '../../http/principal.js';
import { answerFailed } from '../chat/answer-engine.js';
import { disconnectSignal, SseChatStream } from '../chat/chat-stream.js';

/** The headers a widget page may read on any public response (the limit's wait, and the id to quote). */
export const PUBLIC_EXPOSED_HEADERS = 'retry-after, x-request-id';
/** The characters of a key after its `pk_`/`sk_` prefix, as the public routes accept them in the path. */
const KEY_BODY = '[A-Za-z0-9_-]{8,190}';
// Secret keys are let through to `admit`, which refuses them with the reason (they must never be in a page).
const KEY_IN_PATH = new RegExp(`^(?:pk|sk)_${KEY_BODY}$`);
const PUBLISHABLE_KEY_OF_URL = new RegExp(`^/api/v1/public/(pk_${KEY_BODY})/`);

/** The publishable key named by a public route's URL (for answering CORS preflights per key), or null. */
export function publishableKeyOfUrl(url: string): string | null {
  return PUBLISHABLE_KEY_OF_URL.exec(url)?.[1] ?? null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A public widget route acting for one visitor: needs the x-parley-visitor header. */
    visitor?: boolean;
  }
}

/**
 * The origin of the page calling: its Origin header; for a same-origin GET, which browsers send without
 * one, this server's own origin (the page is then served by Parley itself). `null` (sandboxed frames,
 * file:// pages) and a missing origin are refused.
 */
export function requestOrigin(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '' && origin !== 'null') return origin;
  if (origin === undefined && request.headers['sec-fetch-site'] === 'same-origin') return `${request.protocol}://${request.host}`;
  return null;
}

const errors = errorResponses(400, 401, 403, 404, 429);

export const publicRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const svc = deps.publicWidget;
    const tags = ['public'];
    const security: { [name: string]: string[] }[] = [];

    app.addHook('onRequest', async (request, reply) => {
      if (request.method === 'OPTIONS') return;
      const origin = requestOrigin(request);
      if (origin) {
        reply.header('access-control-allow-origin', origin);
        reply.header('access-control-expose-headers', PUBLIC_EXPOSED_HEADERS);
        reply.header('vary', 'Origin');
      }
      // Responses are for one visitor and one page: never kept by shared caches.
      reply.header('cache-control', 'private, no-store');
      const rawKey = (request.params as { key?: unknown }).key;
      if (typeof rawKey !== 'string' || !KEY_IN_PATH.test(rawKey)) throw unauthorized('Invalid API key');
      const key = await svc.admit(rawKey, origin);
      const visitorId = request.headers[VISITOR_HEADER];
      request.principal = request.routeOptions.config?.visitor
        ? svc.forVisitor(key, typeof visitorId === 'string' ? visitorId : undefined)
        : key;
    });
    const visitorOf = (request: FastifyRequest) => request.principal as ApiKeyPrincipal;

    app.get(
      '/public/:key/widget',
      {
        config: { auth: 'publishable_key' },
        schema: {
          tags,
          security,
          summary: 'What the widget needs to draw itself: the assistant’s name, language and direction, and the owner’s settings',
          params: publicKeyParamsSchema,
          response: { 200: publicWidgetConfigSchema, ...errors },
        },
      },
      async (request) => svc.config(visitorOf(request)),
    );

    app.get(
      '/public/:key/conversations',
      {
        config: { auth: 'publishable_key', visitor: true },
        schema: {
          tags,
          security,
          summary: "The visitor's own conversations with the assistant, newest first",
          params: publicKeyParamsSchema,
          response: { 200: publicConversationListSchema, ...errors },
        },
      },
      async (request) => svc.conversations(visitorOf(request)),
    );

    app.post(
      '/public/:key/conversations',
      {
        config: { auth: 'publishable_key', visitor: true },
        schema: {
          tags,
          security,
          summary: 'Start a conversation for the visitor',
          params: publicKeyParamsSchema,
          body: z.strictObject({}).nullish(),
          response: { 201: publicConversationSchema, ...errors },
        },
      },
      async (request, reply) => reply.code(201).send(await svc.createConversation(visitorOf(request))),
    );

    app.get(
      '/public/:key/conversations/:id/messages',
      {
        config: { auth: 'publishable_key', visitor: true },
        schema: {
          tags,
          security,
          summary: "The messages of one of the visitor's conversations, oldest first",
          params: publicConversationParamsSchema,
          response: { 200: publicMessageListSchema, ...errors },
        },
      },
      async (request) => svc.messages(visitorOf(request), request.params.id),
    );

    app.post(
      '/public/:key/conversations/:id/messages',
      {
        config: { auth: 'publishable_key', visitor: true },
        schema: {
          tags,
          security,
          summary: 'Send the visitor’s message and get the answer (server-sent events with `Accept: text/event-stream`)',
          description:
            'Events: `meta`, `token`…, `citations`, `error` (when the answer failed), `done`, and `title`. Citations carry ' +
            'titles, pages and quotes, and a `url` for web pages when the owner allows links. A client that disconnects ' +
            'cancels the answer. Each visitor may send PARLEY_WIDGET_VISITOR_MESSAGES_PER_MINUTE messages a minute (429 with Retry-After).',
          params: publicConversationParamsSchema,
          body: publicSendMessageBodySchema,
          response: { 200: publicSendMessageResponseSchema, ...errorResponses(400, 401, 403, 404, 409, 429, 502, 504) },
        },
      },
      async (request, reply) => {
        const visitor = visitorOf(request);
        await svc.limitMessages(visitor);
        const wantsStream = (request.headers.accept ?? '').includes('text/event-stream');
        const { signal, dispose } = disconnectSignal(reply);
        try {
          if (wantsStream) {
            const stream = new SseChatStream<PublicChatEventMap>(reply);
            await stream.run(request.log, () =>
              svc.send(
                visitor,
                request.params.id,
                request.body.content,
                (event, data) => stream.send(event, data),
                signal,
                () => stream.open(),
              ),
            );
            return reply;
          }
          const turn = await svc.send(visitor, request.params.id, request.body.content, () => undefined, signal);
          if (turn.assistantMessage.status === 'error') {
            throw answerFailed(turn.assistantMessage.error, {
              userMessageId: turn.userMessage.id,
              assistantMessageId: turn.assistantMessage.id,
              partialContent: turn.assistantMessage.content,
            });
          }
          return turn;
        } finally {
          dispose();
        }
      },
    );

    app.post(
      '/public/:key/conversations/:id/messages/:messageId/cancel',
      {
        config: { auth: 'publishable_key', visitor: true },
        schema: {
          tags,
          security,
          summary: 'Stop an answer being written (its partial text is kept)',
          params: publicMessageParamsSchema,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request, reply) => {
        await svc.cancel(visitorOf(request), request.params.id, request.params.messageId);
        return reply.code(204).send(null);
      },
    );
  };
