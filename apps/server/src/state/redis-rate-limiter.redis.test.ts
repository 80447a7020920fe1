// Redis-only behaviour of the rate limiter: several instances share one bucket, keys expire, the
// Lua script survives SCRIPT FLUSH. Runs in the redis project only (it starts the server).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../../test/services/redis-server.js';
import type { TokenBucketPolicy } from './rate-limiter.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';

describe('RedisRateLimiter', () => {
  const keyPrefix = `parley-test:${randomUUID()}:rl:`;
  let clients: Redis[];

  beforeAll(async () => {
    clients = [new Redis(testRedisUrl()), new Redis(testRedisUrl())];
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('shares one bucket between instances', async () => {
    const a = new RedisRateLimiter(clients[0]!, { keyPrefix });
    const b = new RedisRateLimiter(clients[1]!, { keyPrefix });
    const policy = { capacity: 4, refillPerSecond: 0.01 };
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).consume('shared', policy)));
    expect(results.filter((r) => r.allowed)).toHaveLength(4);
    expect((await a.consume('shared', policy)).allowed).toBe(false);
    expect((await b.consume('shared', policy)).allowed).toBe(false);
  });

  it('lets a bucket expire once it would be full again', async () => {
    const client = clients[0]!;
    const limiter = new RedisRateLimiter(client, { keyPrefix });
    const policy: TokenBucketPolicy = { capacity: 10, refillPerSecond: 5 };
    await limiter.consume('ttl', policy, 3); // 3 tokens short of full at 5 per second: 600 ms
    const ttl = await client.pttl(`${keyPrefix}ttl`);
    expect(ttl).toBeGreaterThan(300);
    expect(ttl).toBeLessThanOrEqual(600);

    await limiter.consume('short', { capacity: 1, refillPerSecond: 20 }); // full again in 50 ms
    await sleep(120);
    expect(await client.exists(`${keyPrefix}short`)).toBe(0);
  });

  it('reloads its script after the server forgets it', async () => {
    const client = clients[0]!;
    const limiter = new RedisRateLimiter(client, { keyPrefix });
    await client.script('FLUSH');
    expect(await limiter.consume('flushed', { capacity: 2, refillPerSecond: 1 })).toMatchObject({ allowed: true });
    expect(await limiter.consume('flushed', { capacity: 2, refillPerSecond: 1 })).toMatchObject({ remaining: 0 });
  });
});
