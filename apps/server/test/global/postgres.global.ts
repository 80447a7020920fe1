// globalSetup of the `postgres` test project: starts one throwaway PostgreSQL 15 + pgvector server
// for the whole run and tells the test workers where it is. Test files then make a database each
// with createTestDatabase(testPostgresUrls().adminUrl).
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../services/postgres-server.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  // Both channels: the environment reaches workers (and anything they spawn) in vitest 4, and
  // provide/inject is the documented contract should a pool stop inheriting it.
  process.env.PARLEY_TEST_PG_URL = server.url;
  process.env.PARLEY_TEST_PG_ADMIN_URL = server.adminUrl;
  project.provide('parleyTestPgUrl', server.url);
  project.provide('parleyTestPgAdminUrl', server.adminUrl);
  return async () => {
    // Watch mode runs setup again; a stale URL must not outlive its server.
    delete process.env.PARLEY_TEST_PG_URL;
    delete process.env.PARLEY_TEST_PG_ADMIN_URL;
    await server.stop();
  };
}
