#!/usr/bin/env node
// The `parley` command: start | migrate | create-admin | health-check | ingest.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { emailSchema, passwordSchema } from '@parley/contracts';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openPglite, openPostgres, type Database } from './db/client.js';
import { createDeps } from './deps.js';
import { handleSignals, startParley } from './main.js';
import { checkDependencies } from './modules/health/health.service.js';
import { createSharedState } from './state/state.js';
import { runIngestCommand } from './ingestion/ingest-command.js';

const USAGE = `Usage: parley <command> [options]

Commands:
  start [--role api|worker|both]   Run the API, the job worker, or both (default: PARLEY_ROLE or both)
  migrate                          Apply database migrations and exit
  create-admin --email E [--password P] [--name N]
                                   Create an instance admin, or promote an existing user.
                                   The password may also come from PARLEY_ADMIN_PASSWORD.
  health-check [--url URL] [--direct]
                                   Ask a running Parley's /ready (default http://127.0.0.1:PORT) and print
                                   each dependency; --direct checks the database and Redis from here instead
                                   (never use --direct on the embedded database while Parley runs).
  ingest <path|url>... --assistant SLUG [--organization SLUG] [--crawl-depth N] [--max-pages N]
                                   Add files, folders (recursively) and web pages to an assistant and index
                                   them here, with a progress bar per document. On the embedded database,
                                   stop the server first (one process per data folder).
Configuration comes from environment variables: see docs/configuration.md.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function config(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
}

async function openDatabase(cfg: Config): Promise<Database> {
  return cfg.database.kind === 'pglite' ? openPglite(cfg.database.dataDir) : openPostgres(cfg.database);
}

function printChecks(checks: { name: string; ok: boolean; latencyMs?: number; error?: string }[]): boolean {
  for (const c of checks) {
    const detail = c.ok ? `${c.latencyMs ?? 0} ms` : (c.error ?? 'down');
    process.stdout.write(`${c.ok ? '✓' : '✗'} ${c.name} (${detail})\n`);
  }
  return checks.every((c) => c.ok);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { role: { type: 'string' } } });
      const role = values.role ?? undefined;
      if (role !== undefined && role !== 'api' && role !== 'worker' && role !== 'both')
        fail(`--role must be api, worker or both (got "${role}")`);
      const cfg = config();
      const running = await startParley(cfg, role ?? cfg.role).catch((err: unknown) =>
        fail(`Parley could not start: ${(err as Error).message}`),
      );
      handleSignals(running);
      return;
    }
    case 'migrate': {
      const cfg = config();
      const db = await openDatabase(cfg);
      try {
        await db.migrate();
        process.stdout.write(`✓ migrations applied (${cfg.database.kind})\n`);
      } finally {
        await db.close();
      }
      return;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
      });
      const email = emailSchema.safeParse(values.email ?? '');
      if (!email.success) fail('--email must be a valid email address');
      const password = values.password ?? process.env.PARLEY_ADMIN_PASSWORD;
      if (password !== undefined && !passwordSchema.safeParse(password).success) fail('the password must be 8 to 256 characters');
      const cfg = config();
      const deps = await createDeps(cfg, { logger: pino({ level: 'warn' }) });
      try {
        const result = await deps.auth.ensureAdmin({
          email: email.data,
          ...(password ? { password } : {}),
          ...(values.name ? { name: values.name } : {}),
        });
        process.stdout.write(`✓ ${result.created ? 'created' : 'promoted'} instance admin ${result.user.email}\n`);
      } catch (err) {
        fail(`✗ ${(err as Error).message}`);
      } finally {
        await deps.close();
      }
      return;
    }
    case 'health-check': {
      const { values } = parseArgs({ args: rest, options: { url: { type: 'string' }, direct: { type: 'boolean' } } });
      const cfg = config();
      let ok: boolean;
      if (values.direct) {
        const database = await openDatabase(cfg).catch((err: unknown) => ({ error: (err as Error).message }));
        if ('error' in database) {
          printChecks([{ name: `database (${cfg.database.kind})`, ok: false, error: database.error }]);
          process.exit(1);
        }
        const state = await createSharedState(cfg.redisUrl ? { redisUrl: cfg.redisUrl } : {}).catch(() => null);
        const checks = state
          ? await checkDependencies({ database, state })
          : [
              ...(await checkDependencies({ database, state: { kind: 'memory', ping: async () => undefined } as never })),
              { name: 'redis', ok: false, latencyMs: 0, error: 'unreachable' },
            ];
        ok = printChecks(checks);
        await state?.close();
        await database.close();
      } else {
        const url = `${(values.url ?? `http://127.0.0.1:${cfg.port}`).replace(/\/+$/, '')}/ready`;
        try {
          const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
          const body = (await res.json()) as { checks?: { name: string; ok: boolean; latencyMs: number; error?: string }[] };
          ok = printChecks([{ name: `api ${url}`, ok: true, latencyMs: 0 }, ...(body.checks ?? [])]) && res.ok;
        } catch (err) {
          ok = printChecks([{ name: `api ${url}`, ok: false, error: (err as Error).message }]);
        }
      }
      return process.exit(ok ? 0 : 1);
    }
    case 'ingest': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          assistant: { type: 'string' },
          organization: { type: 'string' },
          'crawl-depth': { type: 'string' },
          'max-pages': { type: 'string' },
        },
      });
      if (!values.assistant) fail('--assistant SLUG is required');
      if (positionals.length === 0) fail('name at least one file, folder or URL to ingest');
      const number = (name: string, raw: string | undefined) => {
        if (raw === undefined) return undefined;
        if (!/^\d+$/.test(raw)) fail(`--${name} must be a whole number`);
        return Number(raw);
      };
      const crawlDepth = number('crawl-depth', values['crawl-depth']);
      const maxPages = number('max-pages', values['max-pages']);
      const cfg = config();
      const deps = await createDeps(cfg, { logger: pino({ level: 'warn' }) }).catch((err: unknown) => fail(`✗ ${(err as Error).message}`));
      let code = 1;
      try {
        code = await runIngestCommand(deps, {
          inputs: positionals,
          assistant: values.assistant,
          ...(values.organization ? { organization: values.organization } : {}),
          ...(crawlDepth !== undefined ? { crawlDepth } : {}),
          ...(maxPages !== undefined ? { maxPages } : {}),
        });
      } finally {
        await deps.close();
      }
      return process.exit(code);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      fail(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => fail(`parley: ${(err as Error).stack ?? String(err)}`));
