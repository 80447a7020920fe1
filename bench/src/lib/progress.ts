// A progress line for long loops: rewritten in place on a terminal, printed every 10 s otherwise (logs, CI).

export interface Progress {
  tick(): void;
  done(): void;
}

export function progress(label: string, total: number): Progress {
  const tty = process.stderr.isTTY;
  const started = performance.now();
  let count = 0;
  let lastPrint = started;
  const line = () => `[${label}] ${count}/${total} (${((performance.now() - started) / 1000).toFixed(1)} s)`;
  return {
    tick() {
      count++;
      const now = performance.now();
      if (tty && now - lastPrint > 200) {
        process.stderr.write(`\r${line()}\x1b[K`);
        lastPrint = now;
      } else if (!tty && now - lastPrint > 10_000) {
        console.error(line());
        lastPrint = now;
      }
    },
    done() {
      if (tty) process.stderr.write(`\r\x1b[K`);
    },
  };
}
