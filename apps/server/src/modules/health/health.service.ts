// Dependency checks shared by GET /ready and `parley health-check`.
import type { Database } from '../../db/client.js';
import type { SharedState } from '../../state/state.js';

export interface DependencyCheck {
  name: string;
  ok: boolean;
  latencyMs: number;
  error?: string;
}

const CHECK_TIMEOUT_MS = 3_000;

async function timed(name: string, fn: () => Promise<unknown>): Promise<DependencyCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { name, ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { name, ok: false, latencyMs: Math.round(performance.now() - started), error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkDependencies(deps: { database: Database; state: SharedState }): Promise<DependencyCheck[]> {
  const checks = [timed(`database (${deps.database.kind})`, () => deps.database.ping())];
  if (deps.state.kind === 'redis') checks.push(timed('redis', () => deps.state.ping()));
  return Promise.all(checks);
}
