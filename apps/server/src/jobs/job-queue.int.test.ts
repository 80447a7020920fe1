// pg-boss on the system-of-record database (PGlite through the custom adapter, PostgreSQL through its
// pool): a job sent is worked and completed, a failing job is retried, and the maintenance job purges
// expired credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { eq } from 'drizzle-orm';
import { createTestApp, registerUser, type TestApp } from '../../test/harness.js';
import { refreshTokens } from '../db/schema.js';
import { JobQueue } from './job-queue.js';
import { MAINTENANCE_JOB, maintenanceJob } from './maintenance.job.js';

let t: TestApp;
let queue: JobQueue;
const seen: string[] = [];
let failuresLeft = 1;

beforeAll(async () => {
  t = await createTestApp();
  queue = new JobQueue(
    t.deps.database,
    pino({ level: 'silent' }),
    t.config.database.kind === 'postgres' ? { connectionString: t.config.database.url } : {},
  );
  queue.register(maintenanceJob(t.deps.database.db));
  queue.register<{ word: string }>({
    name: 'echo',
    retryLimit: 2,
    async handle(data) {
      if (data.word === 'flaky' && failuresLeft-- > 0) throw new Error('first attempt fails');
      seen.push(data.word);
      return { echoed: data.word };
    },
  });
  await queue.work();
}, 120_000);
afterAll(async () => {
  await queue?.stop(2_000);
  await t?.close();
});

async function waitForState(name: string, id: string, state: string) {
  await expect.poll(async () => (await queue.getJob(name, id))?.state, { timeout: 60_000, interval: 250 }).toBe(state);
  return queue.getJob(name, id);
}

describe(`job queue`, () => {
  it('works a job to completion with its output stored', async () => {
    const id = await queue.send('echo', { word: 'שלום' });
    const job = await waitForState('echo', id!, 'completed');
    expect(job!.output).toEqual({ echoed: 'שלום' });
    expect(seen).toContain('שלום');
  });

  it('retries a failing job and completes it', async () => {
    const id = await queue.send('echo', { word: 'flaky' }, { retryDelay: 1, retryBackoff: false });
    const job = await waitForState('echo', id!, 'completed');
    expect(job!.retryCount).toBe(1);
  });

  it('refuses unknown job names', async () => {
    await expect(queue.send('nope', {})).rejects.toThrow('unknown job "nope"');
  });

  it('runs the maintenance job, which purges expired refresh tokens', async () => {
    const user = await registerUser(t.app);
    const db = t.deps.database.db;
    await db
      .update(refreshTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(refreshTokens.userId, user.id));
    const id = await queue.send(MAINTENANCE_JOB, {});
    const job = await waitForState(MAINTENANCE_JOB, id!, 'completed');
    expect((job!.output as { refreshTokens: number }).refreshTokens).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id))).toEqual([]);
  });
});
