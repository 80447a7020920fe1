// Starts Parley in one of its roles (api, worker, both) and shuts it down gracefully:
// on SIGTERM/SIGINT stop accepting, drain in-flight requests and jobs for the grace period, close the database.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { createDeps, type Deps } from './deps.js';

export interface RunningParley {
  deps: Deps;
  app: FastifyInstance | null;
  url: string | null;
  stop(reason?: string): Promise<void>;
}

export async function startParley(config: Config, role: Config['role'] = config.role): Promise<RunningParley> {
  const deps = await createDeps(config);
  const { logger } = deps;
  let app: FastifyInstance | null = null;
  let url: string | null = null;
  try {
    if (role === 'api' || role === 'both') {
      app = await buildApp(deps);
      url = await app.listen({ port: config.port, host: config.host });
    }
    if (role === 'worker' || role === 'both') await deps.startWorker();
  } catch (err) {
    await app?.close().catch(() => undefined);
    await deps.close().catch(() => undefined);
    throw err;
  }
  logger.info({ role, url, database: config.database.kind, sharedState: deps.state.kind, publicUrl: config.publicUrl }, 'parley started');

  let stopping: Promise<void> | null = null;
  const stop = (reason = 'stop') => {
    stopping ??= (async () => {
      logger.info({ reason, graceMs: config.shutdownGraceMs }, 'shutting down');
      const deadline = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), config.shutdownGraceMs).unref());
      // app.close() stops accepting at once and resolves when in-flight requests have finished.
      const drained = await Promise.race([
        app ? app.close().then(() => 'drained' as const) : Promise.resolve('drained' as const),
        deadline,
      ]);
      if (drained === 'timeout') {
        logger.warn('grace period over; closing remaining connections');
        app?.server.closeAllConnections();
      }
      await deps.close();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { deps, app, url, stop };
}

/** Wires process signals to a graceful stop; a second signal exits at once. */
export function handleSignals(running: RunningParley): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      running.deps.logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    signalled = true;
    running
      .stop(signal)
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        running.deps.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
