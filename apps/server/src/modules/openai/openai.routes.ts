// The OpenAI-compatible API: GET /v1/models (the assistants the caller can reach, id = slug) and
// POST /v1/chat/completions (streamed or not), so any OpenAI client can talk to an assistant.
// Errors use OpenAI's error format; citations ride along in an extra `parley` field (and, when
// streaming, in a last chunk before `[DONE]`).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { describeError } from '../../http/error-handler.js';
import { SSE_HEADERS } from '../../http/sse.js';
import { answerFailed } from '../chat/answer-engine.js';
import { disconnectSignal } from '../chat/chat-stream.js';
import { chatCompletionBodySchema, chatCompletionSchema, modelListSchema, openAIErrorSchema } from './openai-schemas.js';

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  409: 'invalid_request_error',
  413: 'invalid_request_error',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
};

function openAIError(status: number, code: string, message: string, param: string | null = null) {
  return { error: { message, type: errorTypes[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error'), param, code } };
}

function paramOf(details: unknown): string | null {
  const d = details as { param?: unknown; issues?: { path?: unknown }[] } | undefined;
  if (typeof d?.param === 'string') return d.param;
  const path = d?.issues?.[0]?.path;
  return typeof path === 'string' ? path.replace(/^body\./, '') : null;
}

const errorResponses = {
  400: openAIErrorSchema,
  401: openAIErrorSchema,
  403: openAIErrorSchema,
  404: openAIErrorSchema,
  429: openAIErrorSchema,
  502: openAIErrorSchema,
  504: openAIErrorSchema,
};

export const openAIRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['openai-compatible'];

    app.setErrorHandler((err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
      const described = describeError(err, request);
      if (described.headers) reply.headers(described.headers);
      const code = described.code === 'unauthorized' ? 'invalid_api_key' : described.code;
      return reply.code(described.status).send(openAIError(described.status, code, described.message, paramOf(described.details)));
    });

    app.get(
      '/models',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'The assistants this key or user can reach, as models (id = slug)',
          response: { 200: modelListSchema, ...errorResponses },
        },
      },
      async (request) => {
        const rows = await deps.openai.models(request.principal!);
        return {
          object: 'list' as const,
          data: rows.map((a) => ({
            id: a.slug,
            object: 'model' as const,
            created: Math.floor(a.createdAt.getTime() / 1000),
            owned_by: 'parley',
          })),
        };
      },
    );

    app.post(
      '/chat/completions',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'Chat completion by an assistant (model = its slug), grounded in its documents',
          body: chatCompletionBodySchema,
          response: { 200: chatCompletionSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const id = `chatcmpl-${crypto.randomUUID().replaceAll('-', '')}`;
        const created = Math.floor(Date.now() / 1000);
        const { signal, dispose } = disconnectSignal(reply);
        try {
          if (!body.stream) {
            const result = await deps.openai.complete(request.principal!, body, {
              signal,
              onToken: () => undefined,
            });
            if (result.status === 'error') throw answerFailed(result.error);
            return {
              id,
              object: 'chat.completion' as const,
              created,
              model: body.model,
              choices: [
                {
                  index: 0,
                  message: { role: 'assistant' as const, content: result.text, refusal: null },
                  finish_reason: result.finishReason ?? 'stop',
                  logprobs: null,
                },
              ],
              usage: {
                prompt_tokens: result.usage.promptTokens,
                completion_tokens: result.usage.completionTokens,
                total_tokens: result.usage.promptTokens + result.usage.completionTokens,
              },
              parley: { citations: result.citations, cached: result.cached, model: result.model },
            };
          }

          // Streaming: the response opens with the first token (after the model server has the request, so
          // writing our headers never delays it); errors before that are plain HTTP errors.
          const raw = reply.raw;
          const head = `{"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(body.model)},"system_fingerprint":null,"choices":`;
          let opened = false;
          const open = () => {
            if (opened) return;
            opened = true;
            reply.hijack();
            raw.writeHead(200, { ...(reply.getHeaders() as Record<string, string>), ...SSE_HEADERS });
            raw.write(`data: ${head}[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n`);
          };
          const write = (text: string) => {
            if (!raw.destroyed) raw.write(text);
          };
          try {
            const result = await deps.openai.complete(request.principal!, body, {
              signal,
              onToken: (text) => {
                open();
                write(`data: ${head}[{"index":0,"delta":{"content":${JSON.stringify(text)}},"logprobs":null,"finish_reason":null}]}\n\n`);
              },
            });
            if (!opened && result.status === 'error') throw answerFailed(result.error);
            open();
            if (result.status === 'error') {
              const code = result.error?.code ?? 'upstream_error';
              write(`data: ${JSON.stringify(openAIError(502, code, result.error?.message ?? 'The model failed'))}\n\n`);
            } else if (result.status === 'complete') {
              write(
                `data: ${head}[{"index":0,"delta":{},"logprobs":null,"finish_reason":${JSON.stringify(result.finishReason ?? 'stop')}}]}\n\n`,
              );
              write(
                `data: ${head}[],"parley":${JSON.stringify({ citations: result.citations, cached: result.cached, model: result.model })}}\n\n`,
              );
              if (body.stream_options?.include_usage) {
                const u = result.usage;
                write(
                  `data: ${head}[],"usage":{"prompt_tokens":${u.promptTokens},"completion_tokens":${u.completionTokens},"total_tokens":${u.promptTokens + u.completionTokens}}}\n\n`,
                );
              }
            }
            write('data: [DONE]\n\n');
          } catch (err) {
            if (!opened) throw err;
            const described = describeError(err as Error, request);
            write(`data: ${JSON.stringify(openAIError(described.status, described.code, described.message))}\n\n`);
          }
          if (!raw.writableEnded) raw.end();
          return reply;
        } finally {
          dispose();
        }
      },
    );
  };
