// Picks the shared-state backend the *.state.test.ts suites run against: `memory` in the unit
// project, `redis` in the redis project (whose globalSetup starts the server). Each call gets its
// own key prefix, so suites running in parallel on one Redis never see each other's keys.
import { randomUUID } from 'node:crypto';
import { createSharedState, type SharedState } from '../src/state/state.js';
import { testRedisUrl } from './services/redis-server.js';

export type TestStateBackend = SharedState['kind'];

export function testStateBackend(): TestStateBackend {
  const backend = process.env.PARLEY_TEST_STATE ?? 'memory';
  if (backend !== 'memory' && backend !== 'redis') {
    throw new Error(`PARLEY_TEST_STATE must be memory or redis, got ${backend}`);
  }
  return backend;
}

/** `keyPrefix` lets two states act as two instances of one deployment. */
export function createTestState(keyPrefix = `parley-test:${randomUUID()}:`): Promise<SharedState> {
  const backend = testStateBackend();
  return createSharedState({
    redisUrl: backend === 'redis' ? testRedisUrl() : null,
    keyPrefix,
  });
}
