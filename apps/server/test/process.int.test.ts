// The real process, started the way `npm start` starts it (the CLI): ready quickly, data and sessions
// survive a restart, SIGTERM stops it cleanly, the CLI's health-check, migrate and create-admin work,
// and a second process on the same embedded data folder is refused instead of corrupting it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKind } from './harness.js';
import { freePort } from './services/free-port.js';
import { createTestDatabase, testPostgresUrls } from './services/postgres-server.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const cliArgs = ['--import', 'tsx', '--conditions=source', 'src/cli.ts'];

let dataDir: string;
let env: Record<string, string>;
let dropDb: (() => Promise<void>) | undefined;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'parley-proc-'));
  env = {
    PARLEY_DATA_DIR: dataDir,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    PARLEY_LOG_LEVEL: 'info',
    PARLEY_SHUTDOWN_GRACE_MS: '5000',
  };
  if (testDbKind() === 'postgres') {
    const db = await createTestDatabase(testPostgresUrls().adminUrl);
    dropDb = db.drop;
    Object.assign(env, { DATABASE_URL: db.url, PARLEY_SECRET: randomBytes(32).toString('hex') });
  }
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await dropDb?.();
  await rm(dataDir, { recursive: true, force: true });
});

function runCli(args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...cliArgs, ...args], {
    cwd: serverDir,
    env: { ...process.env, ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const base = () => `http://127.0.0.1:${env.PORT}`;

async function waitReady(deadlineMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      const [health, ready] = await Promise.all([fetch(`${base()}/health`), fetch(`${base()}/ready`)]);
      if (health.status === 200 && ready.status === 200) return Date.now() - started;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - started > deadlineMs) throw new Error('Parley did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(`${base()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe(`parley process (${testDbKind()})`, () => {
  let token: string;
  let assistantId: string;

  it('starts, answers /health and /ready, and stops cleanly on SIGTERM', async () => {
    const proc = runCli(['start']);
    const readyAfterMs = await waitReady(30_000);
    console.log(`ready ${readyAfterMs} ms after spawn (${testDbKind()})`);
    const reg = await post('/api/v1/auth/register', { email: 'owner@example.test', password: 'long enough pw' });
    expect(reg.status).toBe(201);
    token = reg.body.accessToken;
    const created = await post('/api/v1/assistants', { name: 'Survivor', language: 'he', systemPrompt: 'שלום' }, token);
    expect(created.status).toBe(201);
    assistantId = created.body.id;

    const check = runCli(['health-check']);
    expect(await check.exited).toBe(0);
    expect(check.output()).toMatch(/✓ api .*\n✓ database/);

    if (testDbKind() === 'pglite') {
      const second = runCli(['start'], { PORT: String(await freePort()) });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/in use by process \d+/);
    }

    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('"msg":"stopped"');
    const down = runCli(['health-check']);
    expect(await down.exited).toBe(1);
    expect(down.output()).toMatch(/✗ api/);
  });

  it('keeps data, the secret and sessions across a restart', async () => {
    if (testDbKind() === 'pglite') {
      expect((await stat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
    }
    const migrate = runCli(['migrate']);
    expect(await migrate.exited).toBe(0);
    const admin = runCli(['create-admin', '--email', 'ops@example.test', '--password', 'ops password 1']);
    expect(await admin.exited).toBe(0);
    expect(admin.output()).toContain('created instance admin ops@example.test');

    const proc = runCli(['start']);
    await waitReady(30_000);
    // The access token issued before the restart still verifies: the secret was kept.
    const res = await fetch(`${base()}/api/v1/assistants/${assistantId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { systemPrompt: string }).systemPrompt).toBe('שלום');
    const login = await post('/api/v1/auth/login', { email: 'ops@example.test', password: 'ops password 1' });
    expect(login.status).toBe(200);
    expect(login.body.user.isInstanceAdmin).toBe(true);
    proc.child.kill('SIGINT');
    expect(await proc.exited).toBe(0);
  });

  it('refuses to start with an invalid variable, naming it', async () => {
    const bad = runCli(['start'], { PORT: 'not-a-port' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('PORT');
  });
});
