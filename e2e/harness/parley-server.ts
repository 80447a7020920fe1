// Starts a real Parley process for a journey, from source the way `npm start` runs it (the CLI under
// tsx), on embedded PGlite in a fresh temp data folder, serving the built web app at /. With a fake
// OpenAI-compatible upstream it answers with a scripted, paced stream; without one it runs in the
// extractive mode (no model: quoted passages). stop() kills the process and removes its data.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../../apps/server/test/fixtures/fake-openai-upstream.js';
import { freePort } from '../../apps/server/test/services/free-port.js';
import { serverDir, webDistDir } from './paths.js';

export interface ParleyProcess {
  readonly baseUrl: string;
  /** The fake model server, when the instance has one. */
  readonly upstream: FakeOpenAIUpstream | null;
  /** The model the instance provider is configured with (null in the extractive mode). */
  readonly model: string | null;
  /** The last lines the process wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface ParleyOptions {
  /** `fake`: an instance provider backed by a fake upstream; `extractive`: no model at all. */
  readonly llm: 'fake' | 'extractive';
  /** Extra server environment. */
  readonly env?: Readonly<Record<string, string>>;
}

export const FAKE_MODEL = 'e2e-chat';
const OUTPUT_KEEP = 30_000;

/** Variables of the developer's shell that would point the server at something else. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('PARLEY_') || ['DATABASE_URL', 'REDIS_URL', 'PORT', 'HOST'].includes(key)) continue;
    env[key] = value;
  }
  return env;
}

export async function startParley(options: ParleyOptions): Promise<ParleyProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-'));
  const upstream = options.llm === 'fake' ? await startFakeOpenAIUpstream() : null;
  if (upstream) upstream.modelIds = [FAKE_MODEL];
  const port = await freePort();
  const env: Record<string, string> = {
    ...inheritedEnv(),
    PORT: String(port),
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_SECRET: randomBytes(32).toString('hex'),
    PARLEY_WEB_DIR: webDistDir,
    PARLEY_LOG_LEVEL: 'warn',
    PARLEY_RATE_LIMIT_PER_MINUTE: '100000',
    PARLEY_SHUTDOWN_GRACE_MS: '1000',
    PARLEY_DOCS_ENABLED: 'false',
    PARLEY_METRICS_ENABLED: 'false',
    ...(upstream ? { PARLEY_LLM_BASE_URL: `${upstream.url}/v1`, PARLEY_LLM_MODEL: FAKE_MODEL } : { PARLEY_LLM: 'extractive' }),
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/cli.ts', 'start'], {
    cwd: serverDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEEP);
    if (process.env.PARLEY_E2E_VERBOSE) process.stderr.write(chunk);
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
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await upstream?.close();
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    })());

  try {
    await waitReady(baseUrl, () => child.exitCode ?? child.signalCode, 90_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- server output ---\n${output.slice(-4000)}`);
  }
  return { baseUrl, upstream, model: upstream ? FAKE_MODEL : null, output: () => output, stop };
}

async function waitReady(baseUrl: string, exitStatus: () => number | string | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = exitStatus();
    if (status !== null) throw new Error(`Parley exited during start (${status})`);
    try {
      const res = await fetch(`${baseUrl}/ready`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Parley did not become ready within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
