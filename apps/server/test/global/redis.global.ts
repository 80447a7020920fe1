// globalSetup of the `redis` test project: starts one throwaway redis-server for the whole run and
// tells the test workers where it is. Suites keep apart by key prefix (see test/state-backend.ts).
import type { TestProject } from 'vitest/node';
import { startRedis } from '../services/redis-server.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startRedis();
  // Both channels: the environment reaches workers (and anything they spawn) in vitest 4, and
  // provide/inject is the documented contract should a pool stop inheriting it.
  process.env.PARLEY_TEST_REDIS_URL = server.url;
  project.provide('parleyTestRedisUrl', server.url);
  return async () => {
    // Watch mode runs setup again; a stale URL must not outlive its server.
    delete process.env.PARLEY_TEST_REDIS_URL;
    await server.stop();
  };
}
