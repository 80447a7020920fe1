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
  /** How often an idle worker looks for new jobs; jobs sent by this process wake it at once. */
  readonly pollingIntervalSeconds?: number;
  handle(data: T, ctx: { jobId: string; logger: Logger }): Promise<unknown>;
}

export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<never>>();
  private started = false;
  private working = false;
  private stopping = false;
  private readonly loops: Promise<void>[] = [];
  /** Idle workers of each queue, woken when this process sends a job to it. */
  private readonly sleepers = new Map<string, Set<() => void>>();

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
    this.stopping = false;
    for (const def of this.definitions.values()) {
      if (def.schedule) await this.boss.schedule(def.name, def.schedule, {}, { tz: 'UTC' });
      const concurrency = def.localConcurrency ?? 1;
      for (let i = 0; i < concurrency; i++) this.loops.push(this.loop(def));
    }
    this.working = true;
  }

  /**
   * One worker: fetch a job, run it, complete or fail it, and fetch the next at once; sleep only when
   * the queue is empty. (pg-boss's own work() waits a full polling interval between jobs, which caps
   * a worker at one small document per interval.)
   */
  private async loop(def: JobDefinition<never>): Promise<void> {
    const idleMs = (def.pollingIntervalSeconds ?? 2) * 1000;
    while (!this.stopping) {
      let job: PgBoss.Job<object> | undefined;
      try {
        [job] = await this.boss.fetch<object>(def.name, { batchSize: 1 });
      } catch (err) {
        if (this.stopping) return;
        this.logger.error({ err, job: def.name }, 'fetching a job failed');
      }
      if (!job) {
        await this.sleep(def.name, idleMs);
        continue;
      }
      const log = this.logger.child({ job: def.name, jobId: job.id });
      try {
        const output = await def.handle(job.data as never, { jobId: job.id, logger: log });
        await this.boss.complete(def.name, job.id, toOutput(output));
      } catch (err) {
        log.warn({ err }, 'job failed');
        await this.boss
          .fail(def.name, job.id, toOutput({ message: err instanceof Error ? err.message : String(err) }))
          .catch((e: unknown) => {
            log.error({ err: e }, 'recording a job failure failed');
          });
      }
    }
  }

  private sleep(name: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.sleepers.get(name) ?? new Set();
      this.sleepers.set(name, set);
      const wake = () => {
        clearTimeout(timer);
        set.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      set.add(wake);
    });
  }

  private wake(name: string): void {
    for (const wake of [...(this.sleepers.get(name) ?? [])]) wake();
  }

  async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`unknown job "${name}"`);
    await this.start();
    const id = await this.boss.send(name, data, options);
    this.wake(name);
    return id;
  }

  async getJob(name: string, id: string) {
    return this.boss.getJobById(name, id);
  }

  /** Stops polling, lets running jobs finish within the grace period, then releases the database. */
  async stop(graceMs: number): Promise<void> {
    if (!this.started) return;
    this.stopping = true;
    for (const name of this.sleepers.keys()) this.wake(name);
    const loops = Promise.all(this.loops.splice(0));
    await Promise.race([loops, new Promise((resolve) => setTimeout(resolve, Math.max(graceMs, 1)).unref())]);
    await this.boss.stop({ graceful: true, wait: true, timeout: Math.max(graceMs, 1) });
    this.started = false;
    this.working = false;
  }
}

/** pg-boss stores outputs as JSON objects. */
function toOutput(value: unknown): object {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  return value === undefined ? {} : { value };
}
