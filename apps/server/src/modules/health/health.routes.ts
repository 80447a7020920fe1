// Liveness (/health), readiness (/ready: 503 naming what is down) and Prometheus metrics (/metrics).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { checkDependencies } from './health.service.js';

const readySchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() })),
});

export const healthRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const started = Date.now();
    app.get(
      '/health',
      {
        config: { auth: 'none', skipRateLimit: true },
        schema: {
          tags: ['operations'],
          summary: 'Liveness: the process is up',
          response: { 200: z.object({ status: z.literal('ok'), uptimeSeconds: z.number() }) },
        },
      },
      async () => ({ status: 'ok' as const, uptimeSeconds: Math.round((Date.now() - started) / 1000) }),
    );

    app.get(
      '/ready',
      {
        config: { auth: 'none', skipRateLimit: true },
        schema: {
          tags: ['operations'],
          summary: 'Readiness: database and configured dependencies reachable',
          response: { 200: readySchema, 503: readySchema },
        },
      },
      async (_request, reply) => {
        const checks = await checkDependencies(deps);
        const ok = checks.every((c) => c.ok);
        return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'unavailable', checks });
      },
    );

    if (deps.config.metricsEnabled) {
      app.get('/metrics', { config: { auth: 'none', skipRateLimit: true }, schema: { hide: true } }, async (_request, reply) => {
        reply.type(deps.metrics.registry.contentType);
        return deps.metrics.registry.metrics();
      });
    }
  };
