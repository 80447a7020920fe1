// /api/v1/dashboard: per-assistant figures for the web app's home screen.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardSchema } from '@parley/contracts';
import type { Deps } from '../../deps.js';
import { errorResponses } from '../../http/error-responses.js';

export const dashboardRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/dashboard',
      {
        config: { auth: 'user' },
        schema: {
          tags: ['dashboard'],
          summary: 'Documents and last-7-days activity of every assistant of the active organization',
          description:
            'One item per assistant (by name), zeros included. `conversations7d` counts conversations with a message in the last ' +
            '7 days and `messages7d` those messages (questions and answers), over every member’s and API key’s conversations.',
          response: { 200: dashboardSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => deps.dashboard.summary(request.principal!),
    );
  };
