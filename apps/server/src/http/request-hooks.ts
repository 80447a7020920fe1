// Cross-cutting request hooks, in pipeline order: request id → rate limit → authentication,
// and on the way out: request id header and metrics.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FieldIssue } from '@parley/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { ACCESS_COOKIE, ORGANIZATION_HEADER, type Credentials } from '../modules/auth/authenticator.js';
import { rateLimited, serviceUnavailable, validationFailed } from './errors.js';

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Honours a sane incoming X-Request-Id (for tracing across proxies); otherwise makes one. */
export function genRequestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
}

/** The credentials a request carries: a Bearer token or key, the access cookie, and the organization header. */
export function requestCredentials(request: FastifyRequest, sessionOnly: boolean): Credentials {
  let bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
  if (bearer === null && request.routeOptions.config?.queryToken) {
    const fromQuery = (request.query as Record<string, unknown> | undefined)?.access_token;
    if (typeof fromQuery === 'string' && fromQuery !== '') bearer = fromQuery;
  }
  const org = request.headers[ORGANIZATION_HEADER];
  return {
    bearer,
    accessCookie: request.cookies[ACCESS_COOKIE] ?? null,
    organizationId: typeof org === 'string' && org !== '' ? org : null,
    sessionOnly,
  };
}

export function registerRequestHooks(app: FastifyInstance, deps: Deps): void {
  const { config, state, metrics, authenticator } = deps;
  const perMinute = config.rateLimitPerMinute;
  const generalPolicy = { capacity: perMinute, refillPerSecond: perMinute / 60 };

  app.decorateRequest('principal', null);

  // Once shutdown starts, new requests are turned away (with Connection: close) while in-flight ones finish.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw serviceUnavailable('Parley is shutting down; retry on another instance or in a moment');
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.routeOptions.config?.skipRateLimit) return;
    // The general limit fails open: a Redis outage must not take the whole API down with it.
    const result = await state.rateLimiter.consume(`ip:${request.ip}`, generalPolicy).catch((err: unknown) => {
      request.log.warn({ err }, 'rate limiter unavailable; request allowed');
      return null;
    });
    if (!result) return;
    reply.header('ratelimit-limit', String(perMinute));
    reply.header('ratelimit-remaining', String(Math.max(0, Math.floor(result.remaining))));
    if (!result.allowed) throw rateLimited(result.retryAfterMs);
  });

  app.addHook('onRequest', async (request) => {
    // Preflights carry no credentials; CORS answers them (or leaves them unanswered) on its own.
    if (request.is404 || request.method === 'OPTIONS') return;
    // API routes are closed unless they say otherwise; the rest (docs UI assets) is public.
    const requirement = request.routeOptions.config?.auth ?? (request.routeOptions.url?.startsWith('/api/') ? 'user' : 'none');
    request.principal = await authenticator.authenticate(requirement, requestCredentials(request, requirement === 'session'));
  });

  // PostgreSQL text cannot hold NUL, and an unpaired UTF-16 surrogate cannot be stored faithfully:
  // refuse both up front as field errors rather than fail in the database or silently alter the text.
  app.addHook('preValidation', async (request) => {
    const issues: FieldIssue[] = [];
    findIllFormedText(request.params, 'params', issues);
    findIllFormedText(request.query, 'querystring', issues);
    findIllFormedText(request.body, 'body', issues);
    if (issues.length > 0) throw validationFailed(issues);
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

const UNPAIRED_SURROGATE = /\p{Cs}/u;

function findIllFormedText(value: unknown, path: string, issues: FieldIssue[], depth = 0): void {
  if (issues.length >= 20 || depth > 32) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) issues.push({ path, message: 'must not contain NUL characters', code: 'invalid_string' });
    else if (UNPAIRED_SURROGATE.test(value))
      issues.push({ path, message: 'must be well-formed Unicode (unpaired surrogate)', code: 'invalid_string' });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findIllFormedText(item, `${path}.${i}`, issues, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) findIllFormedText(item, `${path}.${key}`, issues, depth + 1);
  }
}
