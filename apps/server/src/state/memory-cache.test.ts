// What only the in-memory cache has: an injectable clock (exact expiry) and LRU eviction past
// maxEntries. The shared contract is in cache.state.test.ts.
import { describe, expect, it } from 'vitest';
import { MemoryCache } from './memory-cache.js';

describe('MemoryCache', () => {
  it('expires an entry exactly at its TTL', async () => {
    let now = 5_000;
    const cache = new MemoryCache({ now: () => now });
    await cache.set('k', 'v', 1_000);
    now += 999;
    expect(await cache.get('k')).toBe('v');
    now += 1;
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0); // an expired entry is dropped when noticed
  });

  it('evicts the least recently used entry past maxEntries', async () => {
    const cache = new MemoryCache({ maxEntries: 3 });
    await cache.set('a', 1, 60_000);
    await cache.set('b', 2, 60_000);
    await cache.set('c', 3, 60_000);
    expect(await cache.get('a')).toBe(1); // 'a' is now the most recently used
    await cache.set('d', 4, 60_000);

    expect(cache.size).toBe(3);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe(1);
    expect(await cache.get('c')).toBe(3);
    expect(await cache.get('d')).toBe(4);
  });

  it('counts an overwrite as one entry', async () => {
    const cache = new MemoryCache({ maxEntries: 2 });
    await cache.set('a', 1, 60_000);
    await cache.set('b', 2, 60_000);
    await cache.set('b', 3, 60_000);
    expect(cache.size).toBe(2);
    expect(await cache.get('a')).toBe(1);
  });
});
