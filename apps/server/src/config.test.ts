// loadConfig: defaults, validation messages that name the variable, and agreement between envSchema
// and the reference table in docs/configuration.md (a variable added to one but not the other fails here).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, envSchema, loadConfig } from './config.js';

const configurationDoc = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
const schemaVariables = Object.keys(envSchema.shape).sort();

/** Rows of the variables table: `| \`NAME\` | default | description | validation |`. */
function documentedRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of configurationDoc.split('\n')) {
    const match = /^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|(.*)\|\s*$/.exec(line);
    if (!match) continue;
    const cells = match[2]!.split('|').map((cell) => cell.trim());
    rows.set(match[1]!, cells);
  }
  return rows;
}

/** The ConfigError thrown for `env`; fails the test when loadConfig accepts it. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

const validSecret = 'x'.repeat(32);

describe('docs/configuration.md', () => {
  it('has a table row for every variable of envSchema', () => {
    const rows = documentedRows();
    const missing = schemaVariables.filter((name) => !rows.has(name));
    expect(missing, 'variables in envSchema without a row in docs/configuration.md').toEqual([]);
    for (const name of schemaVariables) expect(configurationDoc).toContain(`\`${name}\``);
  });

  it('names no PARLEY_/DATABASE_/REDIS_ variable that envSchema does not have', () => {
    const mentioned = new Set(configurationDoc.match(/\b(?:PARLEY|DATABASE|REDIS)_[A-Z0-9_]*[A-Z0-9]\b/g) ?? []);
    const unknown = [...mentioned].filter((name) => !schemaVariables.includes(name)).sort();
    expect(unknown, 'names in docs/configuration.md that envSchema does not define').toEqual([]);
    const extraRows = [...documentedRows().keys()].filter((name) => !schemaVariables.includes(name));
    expect(extraRows).toEqual([]);
  });

  it('states the default the schema applies', () => {
    const defaults = envSchema.parse({}) as Record<string, unknown>;
    const rows = documentedRows();
    for (const name of schemaVariables) {
      const cell = rows.get(name)?.[0] ?? '';
      const value = defaults[name];
      if (value === undefined) expect(cell, `${name} has no default`).toBe('unset');
      else if (Array.isArray(value) && value.length === 0) expect(cell, `${name} defaults to an empty list`).toBe('(empty)');
      else expect(cell, `default of ${name}`).toBe(`\`${String(value)}\``);
    }
  });
});

describe('loadConfig defaults', () => {
  it('runs embedded on port 3000 with in-memory shared state', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.role).toBe('both');
    expect(config.dataDir).toBe('./data');
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data/pglite' });
    expect(config.redisUrl).toBeNull();
    expect(config.secret).toBeNull();
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.cors).toEqual({ origins: [], anyOrigin: false });
    expect(config.trustProxy).toBe(false);
    expect(config.logLevel).toBe('info');
    expect(config.shutdownGraceMs).toBe(15_000);
    expect(config.auth).toEqual({
      accessTokenTtlSeconds: 900,
      refreshTokenTtlDays: 30,
      allowRegistration: true,
      loginAttemptsPerAccount: 10,
      loginAttemptsPerIp: 50,
      invitationTtlDays: 7,
    });
    expect(config.rateLimitPerMinute).toBe(600);
    expect(config.smtp).toBeNull();
    expect(config.metricsEnabled).toBe(true);
    expect(config.docsEnabled).toBe(true);
  });

  it('pools 5 to 20 connections on PostgreSQL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://parley@db.internal/parley', PARLEY_SECRET: validSecret });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://parley@db.internal/parley', poolMin: 5, poolMax: 20 });
    expect(config.secret).toBe(validSecret);
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', REDIS_URL: '' });
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('pglite');
    expect(config.redisUrl).toBeNull();
  });

  it('puts the embedded database inside the data folder and derives the public URL from the port', () => {
    const config = loadConfig({ PARLEY_DATA_DIR: '/var/lib/parley/', PORT: '8080' });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/var/lib/parley/pglite' });
    expect(config.publicUrl).toBe('http://localhost:8080');
  });

  it('parses booleans, proxy settings, SMTP and a trailing slash on the public URL', () => {
    const config = loadConfig({
      PARLEY_ALLOW_REGISTRATION: 'no',
      PARLEY_METRICS_ENABLED: '0',
      PARLEY_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      PARLEY_PUBLIC_URL: 'https://assist.example.com/',
      PARLEY_SMTP_URL: 'smtp://mail.example:587',
    });
    expect(config.auth.allowRegistration).toBe(false);
    expect(config.metricsEnabled).toBe(false);
    expect(config.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(config.publicUrl).toBe('https://assist.example.com');
    expect(config.smtp).toEqual({ url: 'smtp://mail.example:587', from: 'Parley <parley@localhost>' });
    expect(loadConfig({ PARLEY_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ PARLEY_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });
});

describe('the web app folder', () => {
  it('defaults to apps/web/dist of this installation', () => {
    expect(loadConfig({}).webDir).toBe(fileURLToPath(new URL('../../web/dist', import.meta.url)));
    expect(loadConfig({}).webDir.replace(/\\/g, '/')).toMatch(/\/apps\/web\/dist$/);
  });

  it('takes PARLEY_WEB_DIR, relative to the working directory', () => {
    expect(loadConfig({ PARLEY_WEB_DIR: '/srv/parley/web' }).webDir).toBe(resolve('/srv/parley/web'));
    expect(loadConfig({ PARLEY_WEB_DIR: 'web-build' }).webDir).toBe(resolve(process.cwd(), 'web-build'));
  });
});

describe('loadConfig rejects bad values, naming the variable', () => {
  const cases: { env: Record<string, string>; variable: string }[] = [
    { env: { PORT: 'abc' }, variable: 'PORT' },
    { env: { PORT: '70000' }, variable: 'PORT' },
    { env: { DATABASE_URL: 'mysql://x', PARLEY_SECRET: validSecret }, variable: 'DATABASE_URL' },
    { env: { REDIS_URL: 'http://x' }, variable: 'REDIS_URL' },
    { env: { PARLEY_SECRET: 'too-short' }, variable: 'PARLEY_SECRET' },
    { env: { DATABASE_URL: 'postgres://parley@db.internal/parley' }, variable: 'PARLEY_SECRET' },
    { env: { PARLEY_CORS_ORIGINS: 'not-an-origin' }, variable: 'PARLEY_CORS_ORIGINS' },
    { env: { PARLEY_CORS_ORIGINS: 'https://app.example/path' }, variable: 'PARLEY_CORS_ORIGINS' },
    { env: { DATABASE_POOL_MIN: '30', DATABASE_POOL_MAX: '10' }, variable: 'DATABASE_POOL_MIN' },
    { env: { PARLEY_ROLE: 'scheduler' }, variable: 'PARLEY_ROLE' },
    { env: { PARLEY_ALLOW_REGISTRATION: 'maybe' }, variable: 'PARLEY_ALLOW_REGISTRATION' },
  ];

  it.each(cases)('$env → $variable', ({ env, variable }) => {
    const err = configError(env);
    expect(err.issues.map((i) => i.variable)).toContain(variable);
    expect(err.message).toMatch(new RegExp(`^\\s+${variable}: \\S`, 'm'));
  });

  it('reports every bad variable at once', () => {
    const err = configError({ PORT: 'abc', REDIS_URL: 'http://x', PARLEY_LOG_LEVEL: 'loud' });
    expect(err.issues.map((i) => i.variable).sort()).toEqual(['PARLEY_LOG_LEVEL', 'PORT', 'REDIS_URL']);
  });
});

describe('the returned config', () => {
  it('is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
    expect(config.port).toBe(3000);
  });

  it('reads only the variables it is given, not process.env', () => {
    const before = process.env.PORT;
    process.env.PORT = '4321';
    try {
      expect(loadConfig({}).port).toBe(3000);
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
  });
});

describe('CORS origins', () => {
  it('lists exact origins', () => {
    const config = loadConfig({ PARLEY_CORS_ORIGINS: 'https://app.example, http://localhost:5173' });
    expect(config.cors).toEqual({ origins: ['https://app.example', 'http://localhost:5173'], anyOrigin: false });
  });

  it('treats * as any origin', () => {
    expect(loadConfig({ PARLEY_CORS_ORIGINS: '*' }).cors).toEqual({ origins: [], anyOrigin: true });
    expect(loadConfig({ PARLEY_CORS_ORIGINS: '*,https://app.example' }).cors).toEqual({
      origins: ['https://app.example'],
      anyOrigin: true,
    });
  });
});
