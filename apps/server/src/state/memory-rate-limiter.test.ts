// What only the in-memory limiter has: an injectable clock (exact refill arithmetic) and a bound
// on how many buckets it keeps. The shared contract is in rate-limiter.state.test.ts.
import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from './memory-rate-limiter.js';

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (ms: number) => void (now = ms) };
}

describe('MemoryRateLimiter', () => {
  it('refills fractional tokens exactly on the injected clock', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ now: time.now });
    const policy = { capacity: 3, refillPerSecond: 2 }; // a token every 500 ms
    await limiter.consume('k', policy, 3);

    time.advance(250); // half a token
    expect(await limiter.consume('k', policy)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 250 });
    time.advance(249);
    expect(await limiter.consume('k', policy)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1 });
    time.advance(1);
    expect(await limiter.consume('k', policy)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });

    time.advance(1_250); // 2.5 tokens
    expect(await limiter.consume('k', policy, 3)).toEqual({ allowed: false, remaining: 2, retryAfterMs: 250 });
    expect(await limiter.consume('k', policy, 2)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
  });

  it('adds no tokens when the clock steps back', async () => {
    const time = clock(10_000);
    const limiter = new MemoryRateLimiter({ now: time.now });
    const policy = { capacity: 1, refillPerSecond: 1 };
    await limiter.consume('k', policy);
    time.set(0);
    expect((await limiter.consume('k', policy)).allowed).toBe(false);
    time.advance(1_000);
    expect((await limiter.consume('k', policy)).allowed).toBe(true);
  });

  it('keeps at most maxKeys buckets', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ now: time.now, maxKeys: 100 });
    const policy = { capacity: 5, refillPerSecond: 0.001 };
    for (let i = 0; i < 1_000; i++) await limiter.consume(`ip:${i}`, policy);
    expect(limiter.size).toBeLessThanOrEqual(100);
    expect(limiter.size).toBeGreaterThanOrEqual(90);
  });

  it('drops full buckets before evicting ones that still limit someone', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ now: time.now, maxKeys: 10 });
    const slow = { capacity: 2, refillPerSecond: 0.001 };
    const fast = { capacity: 2, refillPerSecond: 1_000 };
    await limiter.consume('abuser', slow, 2); // empty, oldest entry
    for (let i = 0; i < 9; i++) await limiter.consume(`visitor:${i}`, fast);
    time.advance(10); // the visitors' buckets are full again; the abuser's is not
    await limiter.consume('newcomer', fast);

    expect(limiter.size).toBe(2);
    expect((await limiter.consume('abuser', slow)).allowed).toBe(false);
  });

  it('evicts the least recently used bucket when none is full', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ now: time.now, maxKeys: 3 });
    const policy = { capacity: 1, refillPerSecond: 0.001 };
    await limiter.consume('a', policy);
    await limiter.consume('b', policy);
    await limiter.consume('c', policy);
    await limiter.consume('a', policy); // refused, but marks 'a' as recently used
    await limiter.consume('d', policy); // over the limit: 'b' is the oldest

    expect((await limiter.consume('a', policy)).allowed).toBe(false);
    expect((await limiter.consume('b', policy)).allowed).toBe(true); // forgotten, so full again
  });

  it('rejects a maxKeys below 1', () => {
    expect(() => new MemoryRateLimiter({ maxKeys: 0 })).toThrow(RangeError);
  });
});
