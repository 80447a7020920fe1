// /api/v1/assistants/:id/api-keys: create (key shown once), list, revoke.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiKeyParamsSchema, apiKeySchema, createApiKeyBodySchema, createdApiKeySchema, idParamsSchema } from '@parley/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { auditActor } from '../../http/audit-actor.js';
import { errorResponses } from '../../http/error-responses.js';

const errors = errorResponses(400, 401, 403, 404);

export const apiKeyRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const svc = deps.apiKeys;
    const tags = ['api-keys'];

    app.post(
      '/assistants/:id/api-keys',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Create a secret (sk_) or publishable (pk_) key; the full key is in this response only',
          params: idParamsSchema,
          body: createApiKeyBodySchema,
          response: { 201: createdApiKeySchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await svc.create(request.principal!, request.params.id, request.body, auditActor(request))),
    );

    app.get(
      '/assistants/:id/api-keys',
      {
        config: { auth: 'user' },
        schema: { tags, params: idParamsSchema, response: { 200: z.object({ items: z.array(apiKeySchema) }), ...errors } },
      },
      async (request) => ({ items: await svc.list(request.principal!, request.params.id) }),
    );

    app.delete(
      '/assistants/:id/api-keys/:keyId',
      {
        config: { auth: 'user' },
        schema: { tags, summary: 'Revoke a key at once', params: apiKeyParamsSchema, response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        await svc.revoke(request.principal!, request.params.id, request.params.keyId, auditActor(request));
        return reply.code(204).send(null);
      },
    );
  };
