// Starts a real Parley process for a bench, the way `npm start` does (the CLI), on embedded PGlite in a
// temp data folder or on a throwaway PostgreSQL 15 + pgvector, and stops it again. The process is
// killed and its temp data removed even when the bench dies or is interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../../../apps/server/test/services/postgres-server.js';
import { freePort } from '../../../apps/server/test/services/free-port.js';
import { onCleanup } from './cleanup.js';
import { repoRoot } from './paths.js';

export type DbKind = 'pglite' | 'postgres';
export const dbKinds: readonly DbKind[] = ['pglite', 'postgres'];

export interface ParleyServer {
  readonly db: DbKind;
  readonly baseUrl: string;
  /** Process id of the server (for sampling its memory in /proc). */
  readonly pid: number;
  /** Milliseconds from spawn to /health and /ready both answering 200. */
  readonly readyAfterMs: number;
  /** The last lines the process wrote (stdout and stderr), for error reports. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  db: DbKind;
  /** Extra server environment (wins over the bench defaults). */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

/** Variables a developer's shell may carry that would point the bench server somewhere else. */
const STRIPPED_ENV = ['DATABASE_URL', 'REDIS_URL', 'PARLEY_SECRET', 'PARLEY_DATA_DIR', 'PORT', 'HOST', 'PARLEY_ROLE'];
const OUTPUT_KEEP = 20_000;

export async function startParley(options: StartOptions): Promise<ParleyServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-bench-'));
  const unregisterDir = onCleanup(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));
  let stopPostgres: (() => Promise<void>) | undefined;
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !STRIPPED_ENV.includes(key)) env[key] = value;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_LOG_LEVEL: 'warn',
    PARLEY_RATE_LIMIT_PER_MINUTE: '100000000',
    PARLEY_ACCESS_TOKEN_TTL_SECONDS: '86400',
    PARLEY_SHUTDOWN_GRACE_MS: '2000',
    PARLEY_DOCS_ENABLED: 'false',
  });
  if (options.db === 'postgres') {
    const pg = await startPostgres().catch(async (err: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      unregisterDir();
      throw err;
    });
    stopPostgres = pg.stop;
    Object.assign(env, { DATABASE_URL: pg.url, PARLEY_SECRET: randomBytes(32).toString('hex') });
  }
  Object.assign(env, options.env ?? {});

  const started = performance.now();
  // PARLEY_BENCH_NODE_ARGS adds Node options to the server only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const nodeArgs = process.env.PARLEY_BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', '--conditions=source', 'apps/server/src/cli.ts', 'start'],
    {
      // PARLEY_BENCH_SERVER_ROOT runs another checkout's server (to compare versions) with these benches.
      cwd: process.env.PARLEY_BENCH_SERVER_ROOT ?? repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const unregisterChild = onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      // Wait (synchronously: this runs in the 'exit' handler) until it is gone, so it cannot write into the
      // data folder while that is being removed.
      if (child.pid) waitForDeath(child.pid, 3000);
    }
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEEP);
    if (process.env.PARLEY_BENCH_VERBOSE) process.stderr.write(chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const baseUrl = `http://127.0.0.1:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      unregisterChild();
      await stopPostgres?.();
      await rm(dataDir, { recursive: true, force: true });
      unregisterDir();
    })());

  try {
    await waitReady(baseUrl, child, options.readyTimeoutMs ?? 120_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- server output ---\n${output.slice(-4000)}`);
  }
  return { db: options.db, baseUrl, pid: child.pid!, readyAfterMs: performance.now() - started, output: () => output, stop };
}

/** Blocks until the process is gone or a zombie (Linux /proc), at most `timeoutMs`. */
function waitForDeath(pid: number, timeoutMs: number): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let state: string | undefined;
    try {
      state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    } catch {
      return; // gone (or no /proc: the short sleeps below are the fallback)
    }
    if (state === 'Z' || state === 'X') return;
    Atomics.wait(sleeper, 0, 0, 20);
  }
}

async function waitReady(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Parley exited during start (code ${child.exitCode ?? child.signalCode})`);
    }
    try {
      const [health, ready] = await Promise.all([fetch(`${baseUrl}/health`), fetch(`${baseUrl}/ready`)]);
      await Promise.all([health.arrayBuffer(), ready.arrayBuffer()]);
      if (health.status === 200 && ready.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`Parley did not become ready within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
