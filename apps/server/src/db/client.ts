// Opens the system-of-record database: embedded PGlite (with pgvector) in the data folder by default,
// or a PostgreSQL server through a connection pool when DATABASE_URL is set. Both speak the same SQL
// and run the same migrations; the rest of the code sees only `Database`.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import * as schema from './schema.js';
import type { SQL } from 'drizzle-orm';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The minimal SQL surface pg-boss needs (its `db` option). */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount?: number }>;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Executor for pg-boss on PGlite; null on PostgreSQL, where pg-boss opens its own small pool. */
  readonly jobsExecutor: SqlExecutor | null;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Serialises calls: PGlite has one connection, and pg-boss must not interleave with itself on it. */
function createPgliteExecutor(client: PGlite): SqlExecutor {
  let tail: Promise<unknown> = Promise.resolve();
  const run = async (text: string, values?: unknown[]) => {
    if (!values || values.length === 0) {
      // PGlite rejects several statements in one prepared query; exec runs a script and we keep the last result.
      const results = await client.exec(text);
      const last = results.at(-1);
      return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0 };
    }
    const result = await client.query(text, values);
    return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
  };
  return {
    executeSql(text, values) {
      const next = tail.then(() => run(text, values));
      tail = next.catch(() => undefined);
      return next;
    },
  };
}

export async function openPglite(dataDir: string | null): Promise<Database> {
  let unlock = () => undefined as void;
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const client = await PGlite.create(dataDir ?? undefined, { extensions: { vector } }).catch((err: unknown) => {
    unlock();
    throw err;
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    jobsExecutor: createPgliteExecutor(client),
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      if (client.closed) return;
      // A checkpoint keeps the WAL small, so the next start replays little.
      await client.exec('CHECKPOINT').catch(() => undefined);
      await client.close();
      unlock();
    },
  };
}

const MIGRATION_LOCK_ID = 7_219_004_401; // arbitrary, stable: serialises migrations across instances

export async function openPostgres(opts: { url: string; poolMin: number; poolMax: number }): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    min: opts.poolMin,
    max: opts.poolMax,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    application_name: 'parley',
  });
  // An idle client losing its connection emits on the pool; without a listener that would crash the process.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    jobsExecutor: null,
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        try {
          await migratePg(drizzlePg(client), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
        }
      } finally {
        client.release();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      await pool.end();
    },
  };
}

/** Rows of a raw SQL query; both drivers (PGlite and node-postgres) answer `{ rows }`. */
export async function queryRows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
