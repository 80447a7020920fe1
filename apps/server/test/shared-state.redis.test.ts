// Two Parley instances on one Redis share their limits: what one instance counts, the other sees.
// Also: /ready reports Redis, and answers 503 naming it when Redis goes away; the API itself stays up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, registerUser, type TestApp } from './harness.js';
import { startRedis, type RedisServer } from './services/redis-server.js';

let redis: RedisServer;
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  // A server of this file's own, so stopping it below cannot disturb other suites.
  redis = await startRedis();
  const env = { REDIS_URL: redis.url, PARLEY_LOGIN_ATTEMPTS_PER_ACCOUNT: '4', PARLEY_RATE_LIMIT_PER_MINUTE: '1000' };
  a = await createTestApp(env);
  b = await createTestApp(env);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await redis?.stop();
});

describe('Parley on Redis', () => {
  it('shares login throttling between instances', async () => {
    const user = await registerUser(a.app);
    const attempt = (t: TestApp) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'wrong password' } });
    const statuses = [];
    for (const t of [a, b, a, b, a, b]) statuses.push((await attempt(t)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const refused = await attempt(b);
    expect(errorOf(refused).code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('reports Redis in /ready and answers 503 naming it when Redis is down', async () => {
    const ready = await a.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.map((c: { name: string }) => c.name)).toEqual([expect.stringMatching(/^database/), 'redis']);
    await redis.stop();
    const down = await a.app.inject({ method: 'GET', url: '/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', checks: [{ ok: true }, { name: 'redis', ok: false }] });
    // The general limit fails open (the API stays up); login throttling fails closed (503).
    expect((await a.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).statusCode).toBe(200);
    const login = await a.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'x@example.test', password: 'whatever1' },
    });
    expect(login.statusCode).toBe(503);
    expect(errorOf(login).code).toBe('service_unavailable');
  });
});
