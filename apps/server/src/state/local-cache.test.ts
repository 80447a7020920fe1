import { describe, expect, it } from 'vitest';
import { MemoryEventBus } from './event-bus.js';
import { Invalidations, LocalCache } from './local-cache.js';

describe('LocalCache', () => {
  it('forgets entries after their TTL and evicts the oldest beyond its size', () => {
    let now = 0;
    const cache = new LocalCache<string>(100, 2, () => now);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.set('c', 'C');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe('B');
    now = 100;
    expect(cache.get('c')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('deletes by predicate', () => {
    const cache = new LocalCache<{ id: string }>(1000);
    cache.set('x', { id: '1' });
    cache.set('y', { id: '2' });
    cache.deleteWhere((v) => v.id === '1');
    expect(cache.get('x')).toBeUndefined();
    expect(cache.get('y')).toEqual({ id: '2' });
  });
});

describe('Invalidations', () => {
  it('reaches this instance at once and other instances through the event bus', async () => {
    const bus = new MemoryEventBus();
    const here = new Invalidations(bus);
    const there = new Invalidations(bus);
    const seenHere: string[] = [];
    const seenThere: string[] = [];
    here.on('assistant', (id) => seenHere.push(id));
    there.on('assistant', (id) => seenThere.push(id));
    const publishing = here.publish('assistant', 'a1');
    expect(seenHere).toContain('a1');
    await publishing;
    await new Promise((r) => setTimeout(r, 10));
    expect(seenThere).toEqual(['a1']);
    here.close();
    there.close();
  });
});
