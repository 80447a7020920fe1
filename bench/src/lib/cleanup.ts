// Cleanup that must happen however a bench ends (normal exit, an error, Ctrl-C, SIGTERM): server
// processes killed and temp folders removed. Handlers here run synchronously from the 'exit' event,
// so they must not await anything.

const handlers = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const handler of [...handlers].reverse()) {
    try {
      handler();
    } catch {
      /* best effort: keep cleaning the rest */
    }
  }
  handlers.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping servers and removing temp data…`);
      // process.exit runs the 'exit' handlers (ours and startPostgres()'s), which clean up synchronously.
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Registers a synchronous cleanup; returns a function that unregisters it (after an orderly stop). */
export function onCleanup(handler: () => void): () => void {
  install();
  handlers.add(handler);
  return () => handlers.delete(handler);
}
