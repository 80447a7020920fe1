// Test tiers (see docs/operations.md#tests):
//   unit      pure tests next to the code, plus the shared-state suites on their in-memory backends
//   pglite    integration tests (*.int.test.ts) against embedded PGlite
//   postgres  the same integration tests against a throwaway PostgreSQL 15 + pgvector server
//   redis     the shared-state suites (*.state.test.ts) and Redis-only suites (*.redis.test.ts)
//             against a throwaway Redis server
//   e2e       browser journeys (e2e/*.e2e.test.ts) in Debian's Chromium against real server processes
//             serving the built web app (built once by the global setup)
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const intTests = ['apps/server/src/**/*.int.test.ts', 'apps/server/test/**/*.int.test.ts', 'packages/sdk/src/**/*.int.test.ts'];
const stateTests = ['apps/server/src/**/*.state.test.ts'];
const redisOnlyTests = ['apps/server/src/**/*.redis.test.ts', 'apps/server/test/**/*.redis.test.ts'];

export default defineConfig({
  // Tests read the shared contracts from source, so they never run against a stale build.
  resolve: {
    alias: [
      { find: /^@parley\/contracts$/, replacement: fileURLToPath(new URL('./packages/contracts/src/index.ts', import.meta.url)) },
      { find: /^@parley\/contracts\/limits$/, replacement: fileURLToPath(new URL('./packages/contracts/src/limits.ts', import.meta.url)) },
    ],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...intTests, ...redisOnlyTests, '**/node_modules/**', '**/dist/**'],
          env: { PARLEY_TEST_STATE: 'memory' },
        },
      },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: intTests,
          env: { PARLEY_TEST_DB: 'pglite' },
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: intTests,
          env: { PARLEY_TEST_DB: 'postgres' },
          globalSetup: ['apps/server/test/global/postgres.global.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'redis',
          include: [...stateTests, ...redisOnlyTests],
          env: { PARLEY_TEST_STATE: 'redis', PARLEY_TEST_DB: 'pglite' },
          globalSetup: ['apps/server/test/global/redis.global.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/harness/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Pages answer over the network and a 2-core runner is busy: give conditions time to come true.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          // Each file runs a server and a browser: two at a time is what a 2-core runner holds.
          maxWorkers: 2,
        },
      },
    ],
  },
});
