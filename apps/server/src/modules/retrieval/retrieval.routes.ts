// POST /api/v1/assistants/:id/search: the passages an assistant would ground its answer in.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, searchBodySchema, searchResponseSchema } from '@parley/contracts';
import type { Deps } from '../../deps.js';
import { errorResponses } from '../../http/error-responses.js';

export const retrievalRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/assistants/:id/search',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags: ['retrieval'],
          summary: 'Search the assistant’s knowledge: hybrid (default), vector or full text',
          params: idParamsSchema,
          body: searchBodySchema,
          response: { 200: searchResponseSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => deps.retrieval.search(request.principal!, request.params.id, request.body),
    );
  };
