// /api/v1/usage: the active organization's model usage and chat answers, aggregated.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { usageQuerySchema, usageReportSchema } from '@parley/contracts';
import type { Deps } from '../../deps.js';
import { errorResponses } from '../../http/error-responses.js';

export const usageRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/usage',
      {
        config: { auth: 'user' },
        schema: {
          tags: ['usage'],
          summary: 'Model calls, tokens, cache hits, errors, latency and answers per UTC day, assistant or model',
          description:
            'The window is [from, to), 30 days up to now by default and at most 366 days. Groups without calls or answers are left out. ' +
            'Grouped by assistant, calls whose assistant was deleted have the key `none`. `errors` counts calls with status `error`. ' +
            '`messages` counts the answers written in chat conversations, extractive ones included (they call no model). ' +
            '`p50LatencyMs`, `p95LatencyMs` and `p95TtftMs` are percentiles over the answers a model wrote (chat and ' +
            'OpenAI-compatible; titles, condensing and summaries left out); in `totals`, over the whole window.',
          querystring: usageQuerySchema,
          response: { 200: usageReportSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => deps.usage.report(request.principal!, request.query),
    );
  };
