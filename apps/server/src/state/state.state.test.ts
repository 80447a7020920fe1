// createSharedState on the backend PARLEY_TEST_STATE picks, and, on Redis, how it reports a Redis
// that is missing at start-up or goes away later (what the /ready check relies on).
import { describe, expect, it } from 'vitest';
import { createTestState, testStateBackend } from '../../test/state-backend.js';
import { createSharedState } from './state.js';

const backend = testStateBackend();

describe(`createSharedState (${backend})`, () => {
  it('builds the chosen backend, answers ping and closes', async () => {
    const state = await createTestState();
    expect(state.kind).toBe(backend);
    await expect(state.ping()).resolves.toBeUndefined();
    await state.cache.set('k', 'v', 1000);
    expect(await state.cache.get('k')).toBe('v');
    await state.close();
    await expect(state.close()).resolves.toBeUndefined();
  });

  it('keeps state in memory when no Redis URL is given', async () => {
    const state = await createSharedState({ redisUrl: null });
    expect(state.kind).toBe('memory');
    await state.close();
  });
});
