// The event bus on the backend PARLEY_TEST_STATE picks: two instances (two SharedStates on one
// Redis) see each other's events; unsubscribing stops delivery.
import { afterAll, describe, expect, it } from 'vitest';
import { createTestState, testStateBackend } from '../../test/state-backend.js';

const backend = testStateBackend();

function nextMessage(subscribe: (fn: (m: unknown) => void) => () => void, timeoutMs = 3000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message')), timeoutMs);
    const off = subscribe((m) => {
      clearTimeout(timer);
      off();
      resolve(m);
    });
  });
}

describe(`EventBus (${backend})`, async () => {
  const prefix = `parley-test:${crypto.randomUUID()}:`;
  const a = await createTestState(prefix);
  // In memory one process is one instance; on Redis a second connection set stands for another instance.
  const b = backend === 'redis' ? await createTestState(prefix) : a;
  afterAll(async () => {
    await a.close();
    if (b !== a) await b.close();
  });

  it('delivers a published message to subscribers of the channel only', async () => {
    const other: unknown[] = [];
    const offOther = b.events.subscribe('assistant:2', (m) => other.push(m));
    const received = nextMessage((fn) => b.events.subscribe('assistant:1', fn));
    await new Promise((r) => setTimeout(r, 100)); // let the Redis SUBSCRIBE land
    await a.events.publish('assistant:1', { type: 'document.updated', title: 'שלום' });
    expect(await received).toEqual({ type: 'document.updated', title: 'שלום' });
    expect(other).toEqual([]);
    offOther();
  });

  it('stops delivering after unsubscribe', async () => {
    const got: unknown[] = [];
    const off = b.events.subscribe('c', (m) => got.push(m));
    await new Promise((r) => setTimeout(r, 100));
    await a.events.publish('c', 1);
    await expect.poll(() => got.length).toBe(1);
    off();
    await new Promise((r) => setTimeout(r, 100));
    await a.events.publish('c', 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual([1]);
  });
});
