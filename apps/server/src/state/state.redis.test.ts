// How shared state reports a Redis that is missing at start-up or goes away later (what the /ready
// check relies on). Runs in the redis project only.
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/services/free-port.js';
import { startRedis } from '../../test/services/redis-server.js';
import { createSharedState } from './state.js';

describe('createSharedState on an unreachable Redis', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('fails start-up with the URL, password hidden', async () => {
    const port = await freePort(); // nothing listens there
    const attempt = createSharedState({ redisUrl: `redis://:hunter2@127.0.0.1:${port}`, onError: () => {} });
    await expect(attempt).rejects.toThrow(`cannot connect to Redis at redis://:***@127.0.0.1:${port}`);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it('ping() throws at once when Redis goes away', async () => {
    const server = await startRedis();
    cleanups.push(server.stop);
    const state = await createSharedState({ redisUrl: server.url, onError: () => {} });
    cleanups.push(state.close);
    await expect(state.ping()).resolves.toBeUndefined();

    await server.stop();
    const started = Date.now();
    await expect(state.ping()).rejects.toThrow(/Redis is unreachable/);
    await expect(state.rateLimiter.consume('k', { capacity: 1, refillPerSecond: 1 })).rejects.toThrow();
    await expect(state.cache.get('k')).rejects.toThrow();
    // No offline queue: an outage fails calls fast instead of holding requests.
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
