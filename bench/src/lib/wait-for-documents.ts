// Polls an assistant's documents until every one the bench added is indexed or failed, printing a
// progress line (rewritten in place on a terminal, every 10 s otherwise).
import { ApiError, mapConcurrent, type DocumentInfo, type ParleyClient } from './api-client.js';

export interface WaitOptions {
  label: string;
  timeoutMs?: number;
  intervalMs?: number;
}

export interface WaitResult {
  documents: Map<string, DocumentInfo>;
  indexed: number;
  failed: number;
  /** performance.now() when the last document reached a final state (as seen by polling). */
  doneAt: number;
}

const isFinal = (d: DocumentInfo | undefined) => d?.status === 'indexed' || d?.status === 'failed';

/** Waits for the documents of one assistant, or of several (`{assistantId: ids}`) under one progress line. */
export async function waitForDocuments(
  client: ParleyClient,
  targets: Record<string, Iterable<string>> | Map<string, Iterable<string>>,
  options: WaitOptions,
): Promise<WaitResult> {
  const byAssistant = new Map<string, Set<string>>(
    [...(targets instanceof Map ? targets.entries() : Object.entries(targets))].map(([a, ids]) => [a, new Set(ids)]),
  );
  const wanted = new Set([...byAssistant.values()].flatMap((ids) => [...ids]));
  const owner = new Map([...byAssistant].flatMap(([a, ids]) => [...ids].map((id) => [id, a] as const)));
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const intervalMs = options.intervalMs ?? 250;
  const started = performance.now();
  const latest = new Map<string, DocumentInfo>();
  let useList = true;
  let lastLine = 0;
  const tty = process.stderr.isTTY;

  for (;;) {
    if (useList) {
      try {
        for (const [assistantId, ids] of byAssistant) {
          // Assistants whose documents are all final need no more polling.
          if ([...ids].every((id) => isFinal(latest.get(id)))) continue;
          for (const doc of await client.listDocuments(assistantId)) if (ids.has(doc.id)) latest.set(doc.id, doc);
        }
      } catch (err) {
        if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 405)) throw err;
        console.error(`(listing documents failed with ${err.status}; polling each document instead)`);
        useList = false;
      }
    }
    if (!useList) {
      const pending = [...wanted].filter((id) => !isFinal(latest.get(id)));
      const docs = await mapConcurrent(pending, 8, (id) => client.getDocument(owner.get(id)!, id));
      for (const doc of docs) latest.set(doc.id, doc);
    }

    const counts = { queued: 0, processing: 0, indexed: 0, failed: 0, missing: 0 };
    for (const id of wanted) {
      const doc = latest.get(id);
      if (!doc) counts.missing++;
      else counts[doc.status]++;
    }
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const line =
      `[${options.label}] indexed ${counts.indexed}/${wanted.size}, failed ${counts.failed}, ` +
      `processing ${counts.processing}, queued ${counts.queued + counts.missing} (${secs} s)`;
    const done = counts.indexed + counts.failed === wanted.size;
    if (tty) process.stderr.write(`\r${line}\x1b[K${done ? '\n' : ''}`);
    else if (done || performance.now() - lastLine > 10_000) {
      console.error(line);
      lastLine = performance.now();
    }
    if (done) return { documents: latest, indexed: counts.indexed, failed: counts.failed, doneAt: performance.now() };
    if (performance.now() - started > timeoutMs) {
      if (tty) process.stderr.write('\n');
      throw new Error(`[${options.label}] documents not indexed after ${timeoutMs / 1000} s: ${line}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
