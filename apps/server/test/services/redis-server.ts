// Starts a throwaway redis-server for the `redis` test tier (the shared-state suites).
// It listens on 127.0.0.1 at a random port with persistence off (no RDB snapshots, no AOF) and
// keeps its working folder and log in a temp folder that stop() removes.
import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants, mkdtemp, readFile, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    parleyTestRedisUrl: string;
  }
}

const REDIS_SERVER = process.env.PARLEY_REDIS_SERVER ?? '/usr/bin/redis-server';
const INSTALL_HINT = 'run `bash scripts/install-services.sh` to install redis-server';
const START_ATTEMPTS = 5;
const READY_TIMEOUT_MS = 10_000;

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  try {
    await access(REDIS_SERVER, constants.X_OK);
  } catch {
    throw new Error(`redis-server is not installed (${REDIS_SERVER} is missing): ${INSTALL_HINT}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'parley-redis-'));
  const logFile = join(dir, 'redis.log');

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--logfile',
        logFile,
        '--daemonize',
        'no',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    // A forgotten stop() should not keep the test process alive; the exit hook still kills it.
    child.unref();
    // A failed spawn may emit only 'error', never 'exit'.
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
    const onExit = () => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', onExit);

    const ready = await Promise.race([waitForPong(port), exited.then(() => false)]);
    if (ready) {
      let stopping: Promise<void> | undefined;
      const stop = () => {
        stopping ??= (async () => {
          process.off('exit', onExit);
          await killAndWait(child, exited);
          await rm(dir, { recursive: true, force: true });
        })();
        return stopping;
      };
      return { url: `redis://127.0.0.1:${port}`, stop };
    }

    process.off('exit', onExit);
    await killAndWait(child, exited);
    const log = await readFile(logFile, 'utf8').catch(() => '');
    // Another process took the port between freePort() and bind: try another one.
    if (attempt < START_ATTEMPTS && /address already in use/i.test(log)) continue;
    await rm(dir, { recursive: true, force: true });
    throw new Error(`redis-server did not answer PING on port ${port}\n${log.slice(-2000)}`);
  }
}

/**
 * The server started by the `redis` project's globalSetup. The environment is checked first so a
 * throwaway script can point it anywhere; inside vitest workers the provided value is the fallback.
 */
export function testRedisUrl(): string {
  const url = process.env.PARLEY_TEST_REDIS_URL ?? provided();
  if (!url) throw new Error('no test Redis server: run these tests with `vitest --project redis`');
  return url;
}

function provided(): string | undefined {
  try {
    return inject('parleyTestRedisUrl');
  } catch {
    return undefined; // outside a vitest worker
  }
}

/** Polls with a raw PING until the server answers +PONG, or gives up after READY_TIMEOUT_MS. */
async function waitForPong(port: number): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await pingOnce(port)) return true;
    await sleep(25);
  }
  return false;
}

function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}

async function killAndWait(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
