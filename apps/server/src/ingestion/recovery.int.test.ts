// The recovery sweep sends a queued document back to the queue only when no job will pick it up: its job
// was lost, or the job that took it died before claiming it. A document with a job waiting is left alone.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { createAssistant, createTestApp, registerUser, type TestApp, type TestUser } from '../../test/harness.js';
import { INGEST_JOB, recoverDocuments } from './ingestion.jobs.js';

let t: TestApp;
let owner: TestUser;
let assistantId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await registerUser(t.app);
  assistantId = (await createAssistant(t.app, owner)).id;
  // The queue exists (producers create it) but no worker runs here: jobs stay `created`.
});
afterAll(async () => t?.close());

async function push(title: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${assistantId}/documents`,
    headers: owner.headers,
    payload: { title, text: `${title} text` },
  });
  expect(res.statusCode).toBe(202);
  return res.json().id;
}

const db = () => t.deps.database.db;
const jobsFor = (id: string) =>
  queryRows<{ state: string }>(db(), sql`select state from pgboss.job where name = ${INGEST_JOB} and data->>'documentId' = ${id}`);

describe('recovery sweep', () => {
  it('re-sends a queued document whose job was lost or died unclaimed, and leaves one with a waiting job alone', async () => {
    const waiting = await push('waiting');
    const lost = await push('lost');
    const orphaned = await push('orphaned');
    await t.deps.database.db.execute(
      sql`update documents set updated_at = now() - interval '1 hour' where id in (${waiting}, ${lost}, ${orphaned})`,
    );
    await t.deps.database.db.execute(sql`delete from pgboss.job where data->>'documentId' = ${lost}`);
    await t.deps.database.db.execute(
      sql`update pgboss.job set state = 'active', started_on = now() - interval '1 hour' where data->>'documentId' = ${orphaned}`,
    );

    expect(await recoverDocuments(db(), t.deps.jobs, { all: false, leaseSeconds: 60 })).toBe(2);
    expect((await jobsFor(lost)).map((j) => j.state)).toEqual(['created']);
    expect((await jobsFor(orphaned)).map((j) => j.state).sort()).toEqual(['active', 'created']);
    expect((await jobsFor(waiting)).map((j) => j.state)).toEqual(['created']);
    // Nothing left to recover: every queued document now has a job waiting.
    expect(await recoverDocuments(db(), t.deps.jobs, { all: false, leaseSeconds: 60 })).toBe(0);
  });
});
