// The Cache contract, run against the backend PARLEY_TEST_STATE picks: memory in the unit project,
// a real redis-server in the redis project.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestState, testStateBackend } from '../../test/state-backend.js';
import type { Cache } from './cache.js';
import type { SharedState } from './state.js';

const backend = testStateBackend();
const MINUTE = 60_000;

describe(`Cache (${backend})`, () => {
  let state: SharedState;
  let cache: Cache;

  beforeAll(async () => {
    state = await createTestState();
    cache = state.cache;
    expect(state.kind).toBe(backend);
  });

  afterAll(async () => {
    await state.close();
  });

  it('returns undefined for a missing key', async () => {
    expect(await cache.get('missing')).toBeUndefined();
  });

  it('stores and returns scalar values, falsy ones included', async () => {
    const values: Record<string, unknown> = { str: 'hello', num: 42.5, zero: 0, empty: '', no: false, nil: null };
    for (const [key, value] of Object.entries(values)) await cache.set(`scalar:${key}`, value, MINUTE);
    for (const [key, value] of Object.entries(values)) expect(await cache.get(`scalar:${key}`)).toEqual(value);
  });

  it('round-trips nested JSON values, and hands back copies', async () => {
    const value = {
      id: 'asst_1',
      tags: ['faq', 'billing'],
      limits: { perMinute: 60, burst: 10, nested: { deep: [1, [2, { three: 3 }]] } },
      enabled: true,
      parent: null,
    };
    await cache.set('complex', value, MINUTE);
    const read = await cache.get<typeof value>('complex');
    expect(read).toEqual(value);

    read!.tags.push('mutated');
    value.limits.perMinute = 1;
    expect(await cache.get('complex')).toEqual({ ...value, limits: { ...value.limits, perMinute: 60 } });
  });

  it('applies JSON semantics to values JSON cannot keep as they are', async () => {
    await cache.set('json', { at: new Date('2024-01-02T03:04:05.000Z'), gone: undefined }, MINUTE);
    expect(await cache.get('json')).toEqual({ at: '2024-01-02T03:04:05.000Z' });
    await expect(cache.set('undef', undefined, MINUTE)).rejects.toThrow(TypeError);
    expect(await cache.get('undef')).toBeUndefined();
  });

  it('keeps Hebrew and Persian keys and values intact', async () => {
    const entries: [string, unknown][] = [
      ['שאלה:מה שעות הפתיחה?', { answer: 'א׳–ה׳ 09:00–17:00', lang: 'he' }],
      ['پرسش:ساعت کاری؟', { answer: 'شنبه تا چهارشنبه ۹ تا ۱۷', lang: 'fa' }],
      // A zero-width non-joiner (common in Persian) makes a different key.
      ['می\u200cخواهم', 'with ZWNJ'],
      ['میخواهم', 'without ZWNJ'],
      ['emoji:👋🏽', '👍'],
    ];
    for (const [key, value] of entries) await cache.set(key, value, MINUTE);
    for (const [key, value] of entries) expect(await cache.get(key)).toEqual(value);
  });

  it('overwrites a value and its TTL', async () => {
    await cache.set('overwrite', { v: 1 }, 80);
    await cache.set('overwrite', { v: 2 }, MINUTE);
    await sleep(150);
    expect(await cache.get('overwrite')).toEqual({ v: 2 });

    await cache.set('shorten', 'long-lived', MINUTE);
    await cache.set('shorten', 'short-lived', 80);
    await sleep(150);
    expect(await cache.get('shorten')).toBeUndefined();
  });

  it('expires a value after its TTL', async () => {
    await cache.set('ttl', 'soon gone', 250);
    expect(await cache.get('ttl')).toBe('soon gone');
    await sleep(350);
    expect(await cache.get('ttl')).toBeUndefined();
  });

  it('rejects a TTL that is not positive', async () => {
    await expect(cache.set('bad-ttl', 1, 0)).rejects.toThrow(RangeError);
    await expect(cache.set('bad-ttl', 1, -5)).rejects.toThrow(RangeError);
    await expect(cache.set('bad-ttl', 1, Number.NaN)).rejects.toThrow(RangeError);
  });

  it('deletes a key, and deleting a missing key is fine', async () => {
    await cache.set('delete-me', [1, 2, 3], MINUTE);
    await cache.delete('delete-me');
    expect(await cache.get('delete-me')).toBeUndefined();
    await expect(cache.delete('delete-me')).resolves.toBeUndefined();
  });

  it('does not collide with rate-limit buckets of the same name', async () => {
    await state.rateLimiter.consume('same-name', { capacity: 2, refillPerSecond: 1 });
    await cache.set('same-name', 'cached', MINUTE);
    expect(await cache.get('same-name')).toBe('cached');
    expect((await state.rateLimiter.consume('same-name', { capacity: 2, refillPerSecond: 0.01 })).remaining).toBe(0);
  });
});
