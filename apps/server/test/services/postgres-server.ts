// Starts a throwaway PostgreSQL 15 + pgvector server for the `postgres` test tier, and hands each
// test file a fresh database of its own on it.
// The server lives in a temp folder, listens on 127.0.0.1 at a random port and runs with durability
// off (fsync, synchronous_commit, full_page_writes): its data is thrown away, so speed is all we want.
// PostgreSQL refuses to run as root, so under root (CI containers) it runs as the `postgres` OS user.
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, appendFile, chown, constants, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { inject } from 'vitest';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    parleyTestPgUrl: string;
    parleyTestPgAdminUrl: string;
  }
}

const execFileAsync = promisify(execFile);

const PG_BIN = process.env.PARLEY_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const INSTALL_HINT = 'run `bash scripts/install-services.sh` to install PostgreSQL 15 and pgvector';
const USER = 'parley';
const DATABASE = 'parley';
const START_ATTEMPTS = 5;

export interface PostgresServer {
  /** The `parley` database, with the vector extension created. */
  url: string;
  /** The `postgres` maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

export async function startPostgres(): Promise<PostgresServer> {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    try {
      await access(join(PG_BIN, tool), constants.X_OK);
    } catch {
      throw new Error(`PostgreSQL 15 is not installed (${join(PG_BIN, tool)} is missing): ${INSTALL_HINT}`);
    }
  }
  const runAs = process.getuid?.() === 0 ? await lookupUser('postgres') : null;

  const baseDir = await mkdtemp(join(tmpdir(), 'parley-pg-'));
  const dataDir = join(baseDir, 'data');
  const socketDir = join(baseDir, 'sock');
  const logFile = join(baseDir, 'postgres.log');
  await mkdir(socketDir);
  if (runAs) {
    await chown(baseDir, runAs.uid, runAs.gid);
    await chown(socketDir, runAs.uid, runAs.gid);
  }
  const pgTool = (tool: string, args: string[]) => runTool(runAs, join(PG_BIN, tool), args, baseDir);

  // If the test process dies without calling stop(), do not leave a postmaster behind.
  const onExit = () => {
    const [cmd, args] = commandFor(runAs, join(PG_BIN, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
    spawnSync(cmd, args, { cwd: baseDir, stdio: 'ignore' });
    rmSync(baseDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  let started = false;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', onExit);
      if (started) await pgTool('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      await rm(baseDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    await initCluster(pgTool, dataDir);
    await appendFile(
      join(dataDir, 'postgresql.conf'),
      [
        '',
        '# parley throwaway test server',
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${socketDir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        // Every test file gets its own database and pool, and files run in parallel.
        'max_connections = 300',
        '',
      ].join('\n'),
    );

    let port = 0;
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      try {
        await pgTool('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port}`, 'start']);
        started = true;
      } catch (err) {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        // Another process took the port between freePort() and bind: try another one.
        if (attempt < START_ATTEMPTS && /could not bind|address already in use/i.test(log)) continue;
        throw new Error(`PostgreSQL did not start: ${messageOf(err)}\n${log.slice(-2000)}`);
      }
    }

    const adminUrl = `postgres://${USER}@127.0.0.1:${port}/postgres`;
    const url = `postgres://${USER}@127.0.0.1:${port}/${DATABASE}`;
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${DATABASE}`));
    await createVectorExtension(url);
    return { url, adminUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Creates a uniquely named database with the vector extension, so each test file has its own. */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `parley_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  const url = target.toString();
  try {
    await createVectorExtension(url);
  } catch (err) {
    await dropDatabase(adminUrl, name);
    throw err;
  }
  let dropping: Promise<void> | undefined;
  return { url, drop: () => (dropping ??= dropDatabase(adminUrl, name)) };
}

/**
 * The server started by the `postgres` project's globalSetup. The environment is checked first so a
 * throwaway script can point it anywhere; inside vitest workers the provided value is the fallback.
 */
export function testPostgresUrls(): { url: string; adminUrl: string } {
  const url = process.env.PARLEY_TEST_PG_URL ?? provided('parleyTestPgUrl');
  const adminUrl = process.env.PARLEY_TEST_PG_ADMIN_URL ?? provided('parleyTestPgAdminUrl');
  if (!url || !adminUrl) {
    throw new Error('no test PostgreSQL server: run these tests with `vitest --project postgres`');
  }
  return { url, adminUrl };
}

function provided(key: 'parleyTestPgUrl' | 'parleyTestPgAdminUrl'): string | undefined {
  try {
    return inject(key);
  } catch {
    return undefined; // outside a vitest worker
  }
}

async function initCluster(pgTool: (tool: string, args: string[]) => Promise<unknown>, dataDir: string) {
  const base = ['-D', dataDir, '-A', 'trust', '-U', USER, '--encoding=UTF8', '--no-sync', '--no-instructions'];
  try {
    await pgTool('initdb', [...base, '--locale=C.UTF-8']);
  } catch (first) {
    // Machines without the C.UTF-8 locale still have plain C, which accepts UTF8 too.
    await rm(dataDir, { recursive: true, force: true });
    try {
      await pgTool('initdb', [...base, '--locale=C']);
    } catch (second) {
      throw new Error(`initdb failed with C.UTF-8 (${messageOf(first)}) and with C (${messageOf(second)})`);
    }
  }
}

async function createVectorExtension(url: string): Promise<void> {
  try {
    await withClient(url, (client) => client.query('CREATE EXTENSION IF NOT EXISTS vector'));
  } catch (err) {
    throw new Error(`pgvector is not available in PostgreSQL 15 (${messageOf(err)}): ${INSTALL_HINT}`);
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  // FORCE ends connections a test left open (an unclosed pool would otherwise block the drop).
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function lookupUser(name: string): Promise<OsUser> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', name]).then((r) => Number(r.stdout.trim())),
      execFileAsync('id', ['-g', name]).then((r) => Number(r.stdout.trim())),
    ]);
    return { name, uid, gid };
  } catch {
    throw new Error(`running as root needs the '${name}' OS user to run PostgreSQL: ${INSTALL_HINT}`);
  }
}

function commandFor(runAs: OsUser | null, bin: string, args: string[]): [string, string[]] {
  return runAs ? ['runuser', ['-u', runAs.name, '--', bin, ...args]] : [bin, args];
}

async function runTool(runAs: OsUser | null, bin: string, args: string[], cwd: string): Promise<void> {
  const [cmd, cmdArgs] = commandFor(runAs, bin, args);
  try {
    // cwd in the temp folder: the postgres user may not be allowed into the caller's working folder.
    await execFileAsync(cmd, cmdArgs, { cwd, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const { stderr, stdout } = err as { stderr?: string; stdout?: string };
    const output = `${stderr ?? ''}${stdout ?? ''}`.trim().slice(-2000);
    throw new Error(`${[cmd, ...cmdArgs].join(' ')} failed${output ? `: ${output}` : ''}`);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
