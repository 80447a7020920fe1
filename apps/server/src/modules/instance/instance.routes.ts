// /api/v1/instance: what this instance runs with (version, models, limits), for any signed-in caller.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { instanceInfoSchema } from '@parley/contracts';
import type { Deps } from '../../deps.js';
import { errorResponses } from '../../http/error-responses.js';

export const instanceRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/instance',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags: ['instance'],
          summary: 'Server version, language and embedding models, and limits',
          description:
            '`llm.extractiveOnly` is true with PARLEY_LLM=extractive. Whether a given assistant answers with a model is its own ' +
            '`answerMode` (it may use an organization provider even without an instance provider). API keys never appear here.',
          response: { 200: instanceInfoSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async () => deps.instance.describe(),
    );
  };
