// The ingestion job (`document.ingest`: one document; bounded concurrency per worker; retries with
// backoff) and the recovery sweep every worker runs: documents whose worker died (lease ran out) go
// back to the queue, and queued documents whose job was lost are sent again. Claiming a document
// under a lease makes a duplicate job harmless.
import type { Logger } from 'pino';
import type { JobDefinition, JobQueue } from '../jobs/job-queue.js';
import type { Db } from '../db/client.js';
import type { DocumentIngestionService } from './document-ingestion.service.js';
import { IngestionRepository } from './ingestion.repository.js';

export const INGEST_JOB = 'document.ingest';

export function documentIngestJob(service: DocumentIngestionService, concurrency: number): JobDefinition<{ documentId: string }> {
  return {
    name: INGEST_JOB,
    localConcurrency: concurrency,
    pollingIntervalSeconds: 1,
    retryLimit: 3,
    expireInSeconds: 60 * 60,
    handle: (data, ctx) => service.ingest(data.documentId, ctx.logger),
  };
}

/** Sends the documents that need a worker back to the queue; returns how many. */
export async function recoverDocuments(db: Db, jobs: JobQueue, opts: { all: boolean; leaseSeconds: number }): Promise<number> {
  const repo = new IngestionRepository(db);
  const ids = new Set([...(await repo.recoverable(opts)), ...(await repo.staleQueued(opts.all ? 0 : opts.leaseSeconds))].map((r) => r.id));
  for (const documentId of ids) await jobs.send(INGEST_JOB, { documentId });
  return ids.size;
}

/** Runs the recovery sweep now and then every `everyMs`; returns a function that stops it. */
export function startRecoverySweep(
  db: Db,
  jobs: JobQueue,
  logger: Logger,
  opts: { everyMs: number; firstAll: boolean; leaseSeconds: number },
): () => void {
  let stopped = false;
  const sweep = async (all: boolean) => {
    try {
      const recovered = await recoverDocuments(db, jobs, { all, leaseSeconds: opts.leaseSeconds });
      if (recovered > 0) logger.info({ recovered }, 'documents sent back to the queue');
    } catch (err) {
      if (!stopped) logger.warn({ err }, 'document recovery sweep failed');
    }
  };
  const first = sweep(opts.firstAll);
  const timer = setInterval(() => void sweep(false), opts.everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    void first;
  };
}
