// Starts one of the relay bench's helper servers (paced upstream, pass-through proxy, Portkey gateway) as a
// child process, waits until it answers HTTP, and stops it again. Like the Parley server, the child is killed
// however the bench ends (lib/cleanup.ts).
import { spawn } from 'node:child_process';
import { onCleanup } from '../lib/cleanup.js';

export interface ChildServer {
  readonly name: string;
  readonly pid: number;
  readonly baseUrl: string;
  /** The last lines the process wrote (stdout and stderr), for error reports. */
  output(): string;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** The port the child listens on; when left out, the child prints `{"port":N}` as its first stdout line. */
  port?: number;
  /** A GET path that answers (any status) once the server is up. */
  readyPath?: string;
  readyTimeoutMs?: number;
}

const OUTPUT_KEEP = 20_000;

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    // stdin stays open: the helpers exit when it closes, i.e. when the bench dies without its cleanup.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const unregister = onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  let announcedPort: ((port: number) => void) | undefined;
  const portLine = new Promise<number>((resolve) => (announcedPort = resolve));
  let stdoutBuffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-OUTPUT_KEEP);
    if (process.env.PARLEY_BENCH_VERBOSE) process.stderr.write(`[${options.name}] ${text}`);
    if (announcedPort) {
      stdoutBuffer += text;
      const match = /\{"port":(\d+)\}/.exec(stdoutBuffer);
      if (match) {
        announcedPort(Number(match[1]));
        announcedPort = undefined;
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEEP);
    if (process.env.PARLEY_BENCH_VERBOSE) process.stderr.write(`[${options.name}] ${chunk.toString('utf8')}`);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const exitedEarly = exited.then(() => {
    throw new Error(`${options.name} exited during start (code ${child.exitCode ?? child.signalCode})\n${output.slice(-2000)}`);
  });
  exitedEarly.catch(() => undefined);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      unregister();
    })());

  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  try {
    const port = options.port ?? (await Promise.race([portLine, exitedEarly, rejectAfter(timeoutMs, `${options.name} announced no port`)]));
    const baseUrl = `http://127.0.0.1:${port}`;
    await Promise.race([waitForHttp(`${baseUrl}${options.readyPath ?? '/'}`, timeoutMs), exitedEarly]);
    return { name: options.name, pid: child.pid!, baseUrl, output: () => output, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function rejectAfter(ms: number, message: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref());
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
