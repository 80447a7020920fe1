// Logs are JSON lines with the request id, and never contain passwords, tokens, keys or cookies.
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createDeps } from '../deps.js';
import { openTestDatabase, testScryptParams } from '../../test/harness.js';
import { loggerOptions } from './logger.js';

describe('logging', () => {
  it('writes JSON lines with request ids and redacts credentials', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        cb();
      },
    });
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-log-'));
    const handle = await openTestDatabase();
    const secret = randomBytes(32).toString('hex');
    const config = loadConfig({ PARLEY_DATA_DIR: dataDir, PARLEY_SECRET: secret, ...handle.env });
    const logger = pino(loggerOptions('info'), sink);
    const deps = await createDeps(config, {
      logger,
      scryptParams: testScryptParams,
      ...(handle.database ? { database: handle.database } : {}),
    });
    const app = await buildApp(deps);
    try {
      const password = 'super secret password 42';
      const reg = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email: 'log@example.test', password } });
      const token = reg.json().accessToken as string;
      const refresh = reg.cookies.find((c) => c.name === 'parley_refresh')!.value;
      await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${token}`, cookie: `parley_refresh=${refresh}` },
      });
      logger.info({ config }, 'config at start');
      logger.info({ body: { password, refreshToken: refresh, apiKey: 'sk_abc', key: 'sk_def' } }, 'nested');

      const all = lines.join('\n');
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      expect(lines.some((l) => JSON.parse(l).requestId === reg.headers['x-request-id'])).toBe(true);
      expect(all).toContain('[redacted]');
      for (const secretValue of [password, token, refresh, secret, 'sk_abc', 'sk_def']) expect(all).not.toContain(secretValue);
    } finally {
      await app.close();
      await deps.close();
      await handle.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
