// `parley ingest <path|url>… --assistant <slug>`: adds files (folders recursively) and web pages to an
// assistant straight through the database, indexes them with an in-process worker, draws a progress
// bar per document, and prints a summary. Exit code 1 when any document failed.
// On the embedded database the server must be stopped (one process per data folder); on PostgreSQL
// it can run beside live servers, whose workers may pick up some of the documents.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { assistants, documents, memberships, organizations } from '../db/schema.js';
import type { UserPrincipal } from '../http/principal.js';

export interface IngestCommandOptions {
  inputs: string[];
  assistant: string;
  organization?: string;
  crawlDepth?: number;
  maxPages?: number;
  out?: NodeJS.WritableStream & { isTTY?: boolean };
}

interface Tracked {
  id: string;
  label: string;
  status: string;
  progress: number;
  chunks: number;
  error: string | null;
  duplicate: boolean;
}

const BAR = 24;

async function* walk(path: string): AsyncGenerator<string> {
  const info = await stat(path);
  if (!info.isDirectory()) {
    yield path;
    return;
  }
  for (const entry of (await readdir(path)).sort()) {
    if (entry.startsWith('.')) continue;
    yield* walk(join(path, entry));
  }
}

function bar(progress: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, progress)) * BAR);
  return `[${'█'.repeat(filled)}${'·'.repeat(BAR - filled)}]`;
}

/** Runs the command; returns the process exit code. */
export async function runIngestCommand(deps: Deps, opts: IngestCommandOptions): Promise<number> {
  const out = opts.out ?? process.stdout;
  const write = (s: string) => out.write(s);
  const db = deps.database.db;

  const candidates = await db
    .select({ id: assistants.id, organizationId: assistants.organizationId, orgSlug: organizations.slug, createdBy: assistants.createdBy })
    .from(assistants)
    .innerJoin(organizations, eq(organizations.id, assistants.organizationId))
    .where(and(eq(assistants.slug, opts.assistant), opts.organization ? eq(organizations.slug, opts.organization) : undefined));
  if (candidates.length === 0) {
    write(`✗ no assistant with slug "${opts.assistant}"${opts.organization ? ` in organization "${opts.organization}"` : ''}\n`);
    return 1;
  }
  if (candidates.length > 1) {
    write(
      `✗ several organizations have an assistant "${opts.assistant}"; pick one with --organization (${candidates.map((c) => c.orgSlug).join(', ')})\n`,
    );
    return 1;
  }
  const target = candidates[0]!;
  const [owner] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, target.organizationId), eq(memberships.role, 'owner')))
    .limit(1);
  // The command acts as the organization's owner: it runs with access to the database itself.
  const principal: UserPrincipal = {
    kind: 'user',
    userId: target.createdBy ?? owner?.userId ?? '00000000-0000-0000-0000-000000000000',
    sessionId: 'cli',
    isInstanceAdmin: true,
    organizationId: target.organizationId,
    role: 'owner',
  };
  const actor = { userId: principal.userId, ip: null, requestId: 'cli-ingest' };

  const tracked: Tracked[] = [];
  for (const input of opts.inputs) {
    if (/^https?:\/\//i.test(input)) {
      const crawl =
        opts.crawlDepth !== undefined || opts.maxPages !== undefined
          ? { maxDepth: opts.crawlDepth ?? 2, maxPages: opts.maxPages ?? 50, sameSite: true }
          : undefined;
      const { document, created } = await deps.documents.createFromUrl(
        principal,
        target.id,
        { url: input, ...(crawl ? { crawl } : {}) },
        actor,
      );
      tracked.push({ id: document.id, label: input, status: document.status, progress: 0, chunks: 0, error: null, duplicate: !created });
      continue;
    }
    let files: string[];
    try {
      files = [];
      for await (const f of walk(input)) files.push(f);
    } catch (err) {
      write(`✗ ${input}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}\n`);
      return 1;
    }
    for (const file of files) {
      try {
        const { document, created } = await deps.documents.upload(
          principal,
          target.id,
          { filename: basename(file), mimeType: null, stream: createReadStream(file) },
          actor,
        );
        tracked.push({
          id: document.id,
          label: file,
          status: document.status,
          progress: 0,
          chunks: document.chunkCount,
          error: null,
          duplicate: !created,
        });
      } catch (err) {
        const details = (err as { details?: { documentId?: string } }).details;
        tracked.push({
          id: details?.documentId ?? '',
          label: file,
          status: 'failed',
          progress: 1,
          chunks: 0,
          error: (err as Error).message,
          duplicate: false,
        });
      }
    }
  }
  if (tracked.length === 0) {
    write('✗ nothing to ingest\n');
    return 1;
  }

  const started = Date.now();
  await deps.startWorker();
  const width = Math.min(48, Math.max(...tracked.map((t) => t.label.length)));
  const label = (t: Tracked) => (t.label.length > width ? `…${t.label.slice(-(width - 1))}` : t.label.padEnd(width));
  const line = (t: Tracked) =>
    `${label(t)} ${bar(t.progress)} ${t.status.padEnd(10)} ${t.status === 'failed' ? (t.error ?? '') : t.duplicate ? 'already there' : `${t.chunks} chunks`}`;
  const tty = Boolean(out.isTTY);
  let drawn = 0;
  const lastPrinted = new Map<string, string>();
  const render = () => {
    if (tty) {
      if (drawn > 0) write(`\x1b[${drawn}A`);
      for (const t of tracked) write(`\x1b[2K${line(t)}\n`);
      drawn = tracked.length;
      return;
    }
    for (const t of tracked) {
      if ((t.status === 'indexed' || t.status === 'failed') && lastPrinted.get(t.label) !== t.status) {
        lastPrinted.set(t.label, t.status);
        write(`${line(t)}\n`);
      }
    }
  };

  const ids = tracked.map((t) => t.id).filter(Boolean);
  for (;;) {
    const rows = ids.length ? await db.select().from(documents).where(inArray(documents.id, ids)) : [];
    for (const row of rows) {
      for (const t of tracked.filter((x) => x.id === row.id)) {
        t.status = row.status;
        t.progress = row.progress;
        t.chunks = row.chunkCount;
        t.error = row.error;
      }
    }
    render();
    if (tracked.every((t) => t.status === 'indexed' || t.status === 'failed')) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  const seconds = (Date.now() - started) / 1000;
  const indexed = tracked.filter((t) => t.status === 'indexed');
  const failed = tracked.filter((t) => t.status === 'failed');
  const chunks = indexed.reduce((n, t) => n + t.chunks, 0);
  write(
    `\n${failed.length === 0 ? '✓' : '✗'} ${indexed.length} indexed (${tracked.filter((t) => t.duplicate).length} already there), ${failed.length} failed, ${chunks} chunks in ${seconds.toFixed(1)} s\n`,
  );
  for (const t of failed) write(`  ✗ ${t.label}: ${t.error}\n`);
  return failed.length === 0 ? 0 : 1;
}
