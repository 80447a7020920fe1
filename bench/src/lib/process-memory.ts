// Resident memory of a process, read from Linux /proc (VmRSS), for benches that report memory per open
// connection or stream. Elsewhere (no /proc) it answers NaN and the figure prints as "—".
import { readFileSync } from 'node:fs';

/** Resident set size of `pid` in bytes; NaN when it cannot be read. */
export function residentBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
