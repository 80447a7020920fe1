// The HTTP surface every route shares: request ids, security headers, CORS allowlist, body limits,
// the general per-IP rate limit, health, readiness and Prometheus metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ PARLEY_CORS_ORIGINS: 'https://app.example', PARLEY_RATE_LIMIT_PER_MINUTE: '40' });
});
afterAll(async () => t?.close());

describe('http surface', () => {
  it('answers /health and /ready with the database check', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: [{ name: expect.stringMatching(/^database/), ok: true }] });
  });

  it('puts a request id on every response, honouring a sane incoming one', async () => {
    const own = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'trace-abc.123' } });
    expect(own.headers['x-request-id']).toBe('trace-abc.123');
    const bad = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id with spaces <script>' } });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'route_not_found', message: 'No route GET /api/v1/nope' },
      requestId: missing.headers['x-request-id'],
    });
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('answers CORS for allowed origins only, with credentials', async () => {
    const allowed = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/assistants',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const denied = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/assistants',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses oversize bodies with 413 and non-JSON bodies with 415, in the error shape', async () => {
    const user = await registerUser(t.app);
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assistants',
      headers: { ...user.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x', systemPrompt: 'a'.repeat(1_100_000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assistants',
      headers: { ...user.headers, 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assistants',
      headers: { ...user.headers, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid_json');
  });

  it('serves Prometheus metrics with request counts and durations by route and status', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/assistants' }); // 401
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('process_cpu_user_seconds_total');
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/assistants",status="401"\} \d+/);
    expect(res.body).toContain('http_request_duration_seconds_bucket');
  });

  it('limits requests per client IP with 429 and Retry-After (health probes exempt)', async () => {
    const ip = '203.0.113.9';
    let last;
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      last = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json', remoteAddress: ip });
      statuses.push(last.statusCode);
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(38);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(41);
    expect(last!.statusCode).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(last!.json().error.code).toBe('rate_limited');
    expect((await t.app.inject({ method: 'GET', url: '/health', remoteAddress: ip })).statusCode).toBe(200);
    // Another client is unaffected.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json', remoteAddress: '203.0.113.10' })).statusCode).toBe(200);
  });
});
