// Cross-cutting request hooks, in pipeline order: request id → rate limit → authentication,
// and on the way out: request id header and metrics.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { ACCESS_COOKIE, ORGANIZATION_HEADER } from '../modules/auth/authenticator.js';
import { rateLimited } from './errors.js';

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Honours a sane incoming X-Request-Id (for tracing across proxies); otherwise makes one. */
export function genRequestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

export function registerRequestHooks(app: FastifyInstance, deps: Deps): void {
  const { config, state, metrics, authenticator } = deps;
  const perMinute = config.rateLimitPerMinute;
  const generalPolicy = { capacity: perMinute, refillPerSecond: perMinute / 60 };

  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.routeOptions.config?.skipRateLimit) return;
    const result = await state.rateLimiter.consume(`ip:${request.ip}`, generalPolicy);
    reply.header('ratelimit-limit', String(perMinute));
    reply.header('ratelimit-remaining', String(Math.max(0, Math.floor(result.remaining))));
    if (!result.allowed) throw rateLimited(result.retryAfterMs);
  });

  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const requirement = request.routeOptions.config?.auth ?? 'user';
    const org = request.headers[ORGANIZATION_HEADER];
    request.principal = await authenticator.authenticate(requirement, {
      bearer: bearerToken(request),
      accessCookie: request.cookies[ACCESS_COOKIE] ?? null,
      organizationId: typeof org === 'string' && org !== '' ? org : null,
      sessionOnly: requirement === 'session',
    });
  });

  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
}
