// The RateLimiter contract, run against the backend PARLEY_TEST_STATE picks: memory in the unit
// project, a real redis-server in the redis project. Waits are real and short, so both backends
// are held to the same clock.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestState, testStateBackend } from '../../test/state-backend.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SharedState } from './state.js';

const backend = testStateBackend();

describe(`RateLimiter (${backend})`, () => {
  let state: SharedState;
  let limiter: RateLimiter;

  beforeAll(async () => {
    state = await createTestState();
    limiter = state.rateLimiter;
    expect(state.kind).toBe(backend);
  });

  afterAll(async () => {
    await state.close();
  });

  it('allows a burst up to capacity, then refuses until the next token', async () => {
    const policy = { capacity: 5, refillPerSecond: 1 };
    const burst = [];
    for (let i = 0; i < 5; i++) burst.push(await limiter.consume('burst', policy));
    expect(burst).toEqual([4, 3, 2, 1, 0].map((remaining) => ({ allowed: true, remaining, retryAfterMs: 0 })));

    const refused = await limiter.consume('burst', policy);
    expect(refused.allowed).toBe(false);
    expect(refused.remaining).toBe(0);
    // One token per second, and little time has passed since the bucket emptied.
    expect(refused.retryAfterMs).toBeGreaterThan(500);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1000);
  });

  it('refills at the policy rate, and a refusal tells how long to wait', async () => {
    const policy = { capacity: 1, refillPerSecond: 10 }; // one token per 100 ms
    expect((await limiter.consume('refill', policy)).allowed).toBe(true);
    const refused = await limiter.consume('refill', policy);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(100);

    await sleep(refused.retryAfterMs + 20);
    expect(await limiter.consume('refill', policy)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
  });

  it('never refills past capacity', async () => {
    const policy = { capacity: 2, refillPerSecond: 50 }; // full again 40 ms after emptying
    await limiter.consume('cap', policy);
    await limiter.consume('cap', policy);
    await sleep(150); // worth 7.5 tokens, but the bucket holds 2
    expect((await limiter.consume('cap', policy)).remaining).toBe(1);
    expect((await limiter.consume('cap', policy)).remaining).toBe(0);
    expect((await limiter.consume('cap', policy)).allowed).toBe(false);
  });

  it('charges a cost above 1, and a refused cost takes nothing', async () => {
    const policy = { capacity: 10, refillPerSecond: 1 };
    expect(await limiter.consume('cost', policy, 4)).toMatchObject({ allowed: true, remaining: 6 });
    expect(await limiter.consume('cost', policy, 4)).toMatchObject({ allowed: true, remaining: 2 });

    const refused = await limiter.consume('cost', policy, 4);
    expect(refused).toMatchObject({ allowed: false, remaining: 2 });
    // Two more tokens are needed at one per second.
    expect(refused.retryAfterMs).toBeGreaterThan(1500);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(2000);

    expect(await limiter.consume('cost', policy, 2)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('rejects policies and costs no bucket could honour', async () => {
    await expect(limiter.consume('bad', { capacity: 3, refillPerSecond: 1 }, 4)).rejects.toThrow(RangeError);
    await expect(limiter.consume('bad', { capacity: 3, refillPerSecond: 1 }, 0)).rejects.toThrow(RangeError);
    await expect(limiter.consume('bad', { capacity: 0, refillPerSecond: 1 })).rejects.toThrow(RangeError);
    await expect(limiter.consume('bad', { capacity: 3, refillPerSecond: 0 })).rejects.toThrow(RangeError);
    await expect(limiter.consume('bad', { capacity: Infinity, refillPerSecond: 1 })).rejects.toThrow(RangeError);
  });

  it('keeps keys independent, unicode keys included', async () => {
    const policy = { capacity: 2, refillPerSecond: 0.01 };
    const keys = ['ip:203.0.113.7', 'ip:203.0.113.8', 'کلید:سلام', 'מפתח:שלום', 'کلید:سلام\u200c'];
    for (const key of keys) {
      expect(await limiter.consume(key, policy, 2)).toMatchObject({ allowed: true, remaining: 0 });
    }
    for (const key of keys) expect((await limiter.consume(key, policy)).allowed).toBe(false);
    expect((await limiter.consume('ip:203.0.113.9', policy)).remaining).toBe(1);
  });

  it('reset() gives the key a full bucket again', async () => {
    const policy = { capacity: 3, refillPerSecond: 0.01 };
    await limiter.consume('reset', policy, 3);
    expect((await limiter.consume('reset', policy)).allowed).toBe(false);
    await limiter.reset('reset');
    expect(await limiter.consume('reset', policy)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
    await expect(limiter.reset('never-used')).resolves.toBeUndefined();
  });

  it('spends each token once under concurrent calls', async () => {
    const policy = { capacity: 10, refillPerSecond: 0.001 };
    const results = await Promise.all(Array.from({ length: 50 }, () => limiter.consume('parallel', policy)));
    const allowed = results.filter((r) => r.allowed);
    expect(allowed).toHaveLength(10);
    // Each allowed call saw a different bucket level: no two read the same state.
    expect(allowed.map((r) => r.remaining).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const refused of results.filter((r) => !r.allowed)) {
      expect(refused.remaining).toBe(0);
      expect(refused.retryAfterMs).toBeGreaterThan(0);
    }
  });
});
