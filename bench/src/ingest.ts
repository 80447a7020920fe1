// Ingestion throughput. (a) Parse + chunk in-process: Parley's parseDocument + chunkDocument against a
// LangChain.js pipeline (PDFLoader/pdf-parse, DocxLoader/mammoth, TextLoader, RecursiveCharacterTextSplitter)
// on the same files. (b) End to end through the HTTP API: every corpus file uploaded as multipart and
// polled until indexed or failed, on embedded PGlite and on PostgreSQL, with the built-in hash embedder.
// Usage: npm run bench:ingest -- [--reps 3] [--backends pglite,postgres] [--skip-parse] [--skip-e2e]
//                                [--upload-concurrency 4] [--copies 1]
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { ParleyClient, errorText, mapConcurrent, type DocumentInfo } from './lib/api-client.js';
import { corpusKinds, ensureCorpus, mimeTypes, type CorpusFile, type CorpusKind } from './lib/corpus.js';
import {
  LANGCHAIN_CHUNKING,
  PARLEY_CHUNKING,
  pipelineNames,
  type FileRun,
  type PipelineName,
  type RunnerOutput,
} from './lib/parse-pipelines.js';
import { repoRoot } from './lib/paths.js';
import { printMachineInfo } from './lib/machine.js';
import { dbKinds, startParley, type DbKind } from './lib/parley-server.js';
import { resultsFile } from './lib/results.js';
import { perSecond } from './lib/stats.js';
import { fmt, printTable } from './lib/table.js';
import { waitForDocuments } from './lib/wait-for-documents.js';

const { values: args } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    backends: { type: 'string', default: dbKinds.join(',') },
    'skip-parse': { type: 'boolean', default: false },
    'skip-e2e': { type: 'boolean', default: false },
    'upload-concurrency': { type: 'string', default: '4' },
    copies: { type: 'string', default: '1' },
  },
});
const reps = Number(args.reps);
const backends = args.backends.split(',').map((b) => b.trim()) as DbKind[];
for (const b of backends) if (!dbKinds.includes(b)) throw new Error(`--backends takes ${dbKinds.join(',')} (got ${b})`);
const uploadConcurrency = Number(args['upload-concurrency']);
const copies = Number(args.copies);

const MB = 1024 * 1024;

interface Totals {
  files: number;
  bytes: number;
  pages: number;
  chunks: number;
  ms: number;
  loadMs: number;
}

/** Runs one pipeline over the corpus in a child process (see parse-chunk-runner.ts for why). */
function runPipeline(name: PipelineName): Promise<RunnerOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', 'bench/src/parse-chunk-runner.ts', '--pipeline', name, '--reps', String(reps)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as RunnerOutput);
      } catch {
        reject(new Error(`the ${name} pipeline exited with code ${code} without results:\n${out.slice(-2000)}`));
      }
    });
  });
}

function totals(runs: FileRun[], kind?: CorpusKind): Totals {
  const picked = kind ? runs.filter((r) => r.kind === kind) : runs;
  return {
    files: picked.length,
    bytes: picked.reduce((s, r) => s + r.bytes, 0),
    pages: picked.reduce((s, r) => s + r.pages, 0),
    chunks: picked.reduce((s, r) => s + r.chunks, 0),
    ms: picked.reduce((s, r) => s + r.ms, 0),
    loadMs: picked.reduce((s, r) => s + r.loadMs, 0),
  };
}

async function parseAndChunk() {
  console.log('## (a) parse + chunk in-process (no server), one file at a time');
  console.log(
    `Parley: parseDocument + chunkDocument, chunkSize ${PARLEY_CHUNKING.chunkSize} tokens, overlap ${PARLEY_CHUNKING.chunkOverlap} tokens`,
  );
  console.log(
    `LangChain.js: PDFLoader (pdf-parse 2, one Document per page), DocxLoader (mammoth), TextLoader for TXT and for HTML (raw markup), ` +
      `RecursiveCharacterTextSplitter chunkSize ${LANGCHAIN_CHUNKING.chunkSize} chars / overlap ${LANGCHAIN_CHUNKING.chunkOverlap} chars ` +
      `(a rough character equivalent of 512/64 tokens); HTML split with RecursiveCharacterTextSplitter.fromLanguage('html')`,
  );
  console.log(
    `each pipeline in its own process: one warm-up pass, then ${reps} timed passes; times are the sum of per-file times (file read included)\n`,
  );

  const runs = {} as Record<PipelineName, FileRun[]>;
  const failures: string[] = [];
  for (const name of pipelineNames) {
    const output = await runPipeline(name);
    runs[name] = output.runs;
    failures.push(...output.failures);
  }
  if (failures.length) {
    for (const f of failures) console.error(`warm-up failure: ${f}`);
    throw new Error('parse + chunk failed on some files (see above)');
  }

  const rows: (string | number)[][] = [];
  for (const name of pipelineNames) {
    for (const kind of [...corpusKinds, undefined]) {
      const t = totals(runs[name], kind);
      rows.push([
        name,
        kind ?? 'all',
        t.files / reps,
        fmt(t.bytes / reps / MB, 2),
        t.pages / reps || '—',
        t.chunks / reps,
        fmt(t.ms / reps / 1000, 3),
        `${fmt((100 * t.loadMs) / t.ms, 0)}%`,
        fmt(perSecond(t.bytes / MB, t.ms), 2),
        kind === 'pdf' || kind === undefined ? fmt(perSecond(t.pages, t.ms), 1) : '—',
        fmt(perSecond(t.chunks, t.ms), 0),
      ]);
    }
  }
  printTable(['pipeline', 'kind', 'files', 'MB', 'PDF pages', 'chunks', 's/pass', 'parse %', 'MB/s', 'pages/s', 'chunks/s'], rows);
  console.log('(parse % = share of the time spent reading and parsing/loading the file; the rest is chunking)');

  const ratios = [...corpusKinds, undefined].map((kind) => {
    const p = totals(runs.parley, kind);
    const l = totals(runs.langchain, kind);
    return { kind: kind ?? 'all', ratio: l.ms / p.ms };
  });
  console.log('');
  printTable(
    ['kind', 'Parley ÷ LangChain throughput'],
    ratios.map((r) => [r.kind, `${fmt(r.ratio, 2)}×`]),
  );
  const all = ratios.at(-1)!.ratio;
  console.log(
    `goal (Parley parse + chunk ≥ 2× LangChain.js on the same files, MB/s over all files): ${all >= 2 ? 'PASS' : 'FAIL'} — ${fmt(all, 2)}×`,
  );
  console.log('(chunk counts differ by design: token-sized chunks with headings vs character-sized chunks)\n');
  return {
    chunking: { parley: PARLEY_CHUNKING, langchain: LANGCHAIN_CHUNKING },
    reps,
    perPass: Object.fromEntries(
      pipelineNames.map((name) => [
        name,
        Object.fromEntries([...corpusKinds, undefined].map((kind) => [kind ?? 'all', scale(totals(runs[name], kind), reps)])),
      ]),
    ),
    ratios,
  };
}

function scale(t: Totals, by: number): Totals {
  return { files: t.files / by, bytes: t.bytes / by, pages: t.pages / by, chunks: t.chunks / by, ms: t.ms / by, loadMs: t.loadMs / by };
}

interface EndToEnd {
  db: DbKind;
  skipped?: string;
  files?: number;
  bytes?: number;
  pdfPages?: number;
  serverPdfPages?: number;
  chunks?: number;
  uploadMs?: number;
  wallMs?: number;
  failures?: { file: string; error: string }[];
}

async function endToEnd(db: DbKind, files: CorpusFile[]): Promise<EndToEnd> {
  let server;
  try {
    server = await startParley({ db });
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0]!;
    console.log(`### ${db}: SKIPPED — could not start (${reason})\n`);
    return { db, skipped: reason };
  }
  try {
    console.log(`### ${db} (ready in ${fmt(server.readyAfterMs / 1000, 1)} s)`);
    const client = new ParleyClient(server.baseUrl);
    await client.register('bench@example.test', 'bench password 1', 'Bench');
    // One assistant per language and copy: Parley deduplicates identical content within an assistant.
    const assistants = new Map<string, string>();
    const assistantKey = (lang: string, copy: number) => `${lang}#${copy}`;
    for (let copy = 0; copy < copies; copy++) {
      for (const lang of new Set(files.map((f) => f.language))) {
        const suffix = copies > 1 ? ` copy ${copy + 1}` : '';
        assistants.set(
          assistantKey(lang, copy),
          (await client.createAssistant(`Ingest bench (${lang})${suffix}`, lang, PARLEY_CHUNKING)).id,
        );
      }
    }
    const uploads = Array.from({ length: copies }, (_, copy) => files.map((file) => ({ file, copy }))).flat();
    const bytesOf = new Map(await Promise.all(files.map(async (f) => [f.path, new Uint8Array(await readFile(f.path))] as const)));

    const started = performance.now();
    const docs = await mapConcurrent(uploads, uploadConcurrency, async ({ file, copy }) => {
      const name = copies > 1 ? file.name.replace(/(\.\w+)$/, `-copy${copy + 1}$1`) : file.name;
      const assistantId = assistants.get(assistantKey(file.language, copy))!;
      const doc = await client.uploadFile(assistantId, name, bytesOf.get(file.path)!, mimeTypes[file.kind]);
      return { doc, file, name, assistantId };
    });
    const uploadMs = performance.now() - started;
    const targets = new Map<string, string[]>();
    for (const { doc, assistantId } of docs) targets.set(assistantId, [...(targets.get(assistantId) ?? []), doc.id]);
    const waited = await waitForDocuments(client, targets, { label: db, intervalMs: 200 });
    const wallMs = waited.doneAt - started;

    const final = (id: string) => waited.documents.get(id) as DocumentInfo;
    const failures = docs
      .filter(({ doc }) => final(doc.id).status === 'failed')
      .map(({ doc, name }) => ({ file: name, error: errorText(final(doc.id).error) }));
    const indexed = docs.filter(({ doc }) => final(doc.id).status === 'indexed');
    const result: EndToEnd = {
      db,
      files: docs.length,
      bytes: docs.reduce((s, d) => s + d.file.bytes, 0),
      pdfPages: indexed.filter((d) => d.file.kind === 'pdf').reduce((s, d) => s + (d.file.pages ?? 0), 0),
      serverPdfPages: indexed.filter((d) => d.file.kind === 'pdf').reduce((s, d) => s + (final(d.doc.id).pages ?? 0), 0),
      chunks: indexed.reduce((s, d) => s + (final(d.doc.id).chunkCount ?? 0), 0),
      uploadMs,
      wallMs,
      failures,
    };
    for (const f of failures) console.log(`  failed: ${f.file}: ${f.error}`);
    return result;
  } finally {
    await server.stop();
  }
}

function printEndToEnd(results: EndToEnd[]) {
  printTable(
    ['backend', 'files', 'MB', 'PDF pages', 'chunks', 'upload s', 'wall s', 'PDF pages/s', 'chunks/s', 'MB/s', 'failures'],
    results.map((r) =>
      r.skipped
        ? [r.db, '—', '—', '—', '—', '—', '—', '—', '—', '—', `skipped: ${r.skipped.slice(0, 60)}`]
        : [
            r.db,
            r.files!,
            fmt(r.bytes! / MB, 2),
            r.pdfPages!,
            r.chunks!,
            fmt(r.uploadMs! / 1000, 2),
            fmt(r.wallMs! / 1000, 2),
            fmt(perSecond(r.pdfPages!, r.wallMs!), 1),
            fmt(perSecond(r.chunks!, r.wallMs!), 0),
            fmt(perSecond(r.bytes! / MB, r.wallMs!), 2),
            r.failures!.length,
          ],
    ),
  );
  console.log(
    '(wall = first upload sent → last document seen indexed or failed; PDF pages/s counts pages of indexed PDFs; ' +
      'rates are over the whole mixed corpus, not PDFs alone)',
  );
  for (const r of results.filter((r) => !r.skipped && r.serverPdfPages !== r.pdfPages)) {
    console.log(`note (${r.db}): the server reported ${r.serverPdfPages} PDF pages, the corpus has ${r.pdfPages}`);
  }
  const pg = results.find((r) => r.db === 'postgres');
  if (pg && !pg.skipped) {
    const rate = perSecond(pg.pdfPages!, pg.wallMs!);
    console.log(
      `goal (PostgreSQL, hash embedder: ≥100 PDF pages/s end to end): ${rate >= 100 ? 'PASS' : 'FAIL'} — ${fmt(rate, 1)} pages/s`,
    );
  } else {
    console.log('goal (PostgreSQL ≥100 PDF pages/s): not checked (PostgreSQL not run)');
  }
}

async function main() {
  const machine = printMachineInfo('Parley ingestion throughput');
  const { manifest, files } = await ensureCorpus();
  const byKind = corpusKinds.map((kind) => {
    const f = files.filter((x) => x.kind === kind);
    return `${f.length} ${kind} (${fmt(f.reduce((s, x) => s + x.bytes, 0) / MB, 2)} MB${kind === 'pdf' ? `, ${f.reduce((s, x) => s + (x.pages ?? 0), 0)} pages` : ''})`;
  });
  console.log(`corpus: bench/.corpus — ${byKind.join(', ')}; languages ${[...new Set(files.map((f) => f.language))].join(', ')}`);
  console.log(`made with: ${manifest.generator}\n`);

  const results = resultsFile('ingest');
  const parse = args['skip-parse'] ? undefined : await parseAndChunk();
  const e2e: EndToEnd[] = [];
  const snapshot = () => ({ bench: 'ingest', machine, corpus: manifest, parseAndChunk: parse, endToEnd: e2e });
  await results.write(snapshot());
  if (!args['skip-e2e']) {
    console.log(
      `## (b) end to end through the HTTP API: multipart uploads (concurrency ${uploadConcurrency}, ${copies} ${copies === 1 ? 'copy' : 'copies'} ` +
        `of the corpus), one assistant per language, chunkSize 512 / overlap 64, hash embedder`,
    );
    for (const db of backends) {
      e2e.push(await endToEnd(db, files));
      await results.write(snapshot());
    }
    printEndToEnd(e2e);
  }
  await results.finish(snapshot());
}

await main();
