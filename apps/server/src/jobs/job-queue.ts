// pg-boss on the system-of-record database: on PostgreSQL through its own small pool, on PGlite through
// the custom `db` adapter. Jobs register here by name; later features add jobs, not queue plumbing.
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';

export interface JobDefinition<T extends object = object> {
  readonly name: string;
  /** Cron expression (UTC) for recurring jobs. */
  readonly schedule?: string;
  readonly retryLimit?: number;
  readonly expireInSeconds?: number;
  readonly localConcurrency?: number;
  handle(data: T, ctx: { jobId: string; logger: Logger }): Promise<unknown>;
}

export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<never>>();
  private started = false;
  private working = false;

  constructor(
    database: Database,
    private readonly logger: Logger,
    opts: { connectionString?: string },
  ) {
    const common = {
      schema: 'pgboss',
      // Archive and purge quickly: this is a job log, not a history of record.
      archiveCompletedAfterSeconds: 3_600,
      deleteAfterDays: 7,
      monitorStateIntervalSeconds: 60,
    };
    this.boss =
      database.jobsExecutor !== null
        ? new PgBoss({ ...common, db: database.jobsExecutor as PgBoss.Db })
        : new PgBoss({ ...common, connectionString: opts.connectionString!, max: 4, application_name: 'parley-jobs' });
    this.boss.on('error', (err) => this.logger.error({ err }, 'job queue error'));
  }

  register<T extends object>(definition: JobDefinition<T>): void {
    this.definitions.set(definition.name, definition as JobDefinition<never>);
  }

  /** Creates pg-boss's schema (first start) and the queues. Needed by producers and workers alike. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const def of this.definitions.values()) {
      await this.boss.createQueue(def.name, {
        name: def.name,
        retryLimit: def.retryLimit ?? 3,
        retryBackoff: true,
        retryDelay: 5,
        expireInSeconds: def.expireInSeconds ?? 15 * 60,
      });
    }
    this.started = true;
  }

  /** Starts consuming jobs (the worker role) and installs schedules. */
  async work(): Promise<void> {
    await this.start();
    if (this.working) return;
    for (const def of this.definitions.values()) {
      if (def.schedule) await this.boss.schedule(def.name, def.schedule, {}, { tz: 'UTC' });
      const concurrency = def.localConcurrency ?? 1;
      for (let i = 0; i < concurrency; i++) {
        // batchSize 1: pg-boss stores the handler's return value as the job's output.
        await this.boss.work(def.name, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([job]) => {
          if (!job) return undefined;
          const log = this.logger.child({ job: def.name, jobId: job.id });
          return def.handle(job.data as never, { jobId: job.id, logger: log });
        });
      }
    }
    this.working = true;
  }

  async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`unknown job "${name}"`);
    await this.start();
    return this.boss.send(name, data, options);
  }

  async getJob(name: string, id: string) {
    return this.boss.getJobById(name, id);
  }

  /** Stops polling, lets running jobs finish within the grace period, then releases the database. */
  async stop(graceMs: number): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: Math.max(graceMs, 1) });
    this.started = false;
    this.working = false;
  }
}
