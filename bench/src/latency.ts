// Retrieval latency at scale: one assistant filled to 10k and then 100k chunks (generated multilingual
// text, small chunk size so each document yields ~100 chunks), on embedded PGlite and on PostgreSQL;
// then sequential /search calls in the text, vector and hybrid modes, timed from the client.
// Usage: npm run bench:latency -- [--sizes 10000,100000] [--backends pglite,postgres] [--queries 200]
//                                 [--chunk-size 64] [--words-per-doc 2500] [--upload-concurrency 4] [--top-k 10]
//                                 [--budget-s 300]
import { parseArgs } from 'node:util';
import { ParleyClient, mapConcurrent, searchModes, shortError, type SearchMode } from './lib/api-client.js';
import { seededRandom } from './lib/corpus.js';
import { evalLanguages, loadQa } from './lib/eval-data.js';
import { printMachineInfo } from './lib/machine.js';
import { progress } from './lib/progress.js';
import { dbKinds, startParley, type DbKind } from './lib/parley-server.js';
import { resultsFile } from './lib/results.js';
import { perSecond, summarize, type LatencySummary } from './lib/stats.js';
import { fmt, printTable } from './lib/table.js';
import { waitForDocuments } from './lib/wait-for-documents.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    backends: { type: 'string', default: dbKinds.join(',') },
    queries: { type: 'string', default: '200' },
    'chunk-size': { type: 'string', default: '64' },
    'words-per-doc': { type: 'string', default: '2500' },
    'upload-concurrency': { type: 'string', default: '4' },
    'top-k': { type: 'string', default: '10' },
    'budget-s': { type: 'string', default: '300' },
  },
});
const sizes = args.sizes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const backends = args.backends.split(',').map((b) => b.trim()) as DbKind[];
for (const b of backends) if (!dbKinds.includes(b)) throw new Error(`--backends takes ${dbKinds.join(',')} (got ${b})`);
const queryCount = Number(args.queries);
const chunkSize = Number(args['chunk-size']);
const wordsPerDoc = Number(args['words-per-doc']);
const uploadConcurrency = Number(args['upload-concurrency']);
const topK = Number(args['top-k']);
const budgetMs = Number(args['budget-s']) * 1000;
const WARMUP = 5;

interface SizeRun {
  backend: DbKind;
  targetChunks: number;
  chunks: number;
  documents: number;
  /** Time to add the documents for this stage (upload + indexing), on top of the previous stage. */
  loadMs: number;
  addedChunks: number;
  modes: Partial<Record<SearchMode, LatencySummary & { error?: string }>>;
}

/** Unigram samplers per language: drawing a random token position of the real passages keeps word frequencies realistic. */
async function textGenerator() {
  const tokens = new Map<string, string[]>();
  const questions: string[] = [];
  for (const lang of evalLanguages) {
    const qa = await loadQa(lang);
    tokens.set(
      lang,
      qa.passages.flatMap((p) => p.text.split(/\s+/).filter(Boolean)),
    );
    questions.push(...qa.questions.map((q) => q.question));
  }
  const random = seededRandom(42);
  const shuffled = questions
    .map((q) => ({ q, k: random() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.q);
  let docNo = 0;
  return {
    questions: shuffled,
    nextDocument(): { title: string; text: string } {
      const lang = evalLanguages[docNo % evalLanguages.length]!;
      const words = tokens.get(lang)!;
      const paragraphs: string[] = [];
      for (let n = 0; n < wordsPerDoc;) {
        const length = 40 + Math.floor(random() * 80);
        paragraphs.push(Array.from({ length }, () => words[Math.floor(random() * words.length)]!).join(' '));
        n += length;
      }
      docNo++;
      return { title: `Generated ${lang} document ${docNo}`, text: paragraphs.join('\n\n') };
    },
  };
}

async function runBackend(
  backend: DbKind,
  gen: Awaited<ReturnType<typeof textGenerator>>,
  record: (run: SizeRun) => Promise<void>,
): Promise<void> {
  let server;
  try {
    server = await startParley({ db: backend });
  } catch (err) {
    console.log(`## ${backend}: SKIPPED — could not start (${(err as Error).message.split('\n')[0]})\n`);
    return;
  }
  try {
    console.log(`## ${backend} (ready in ${fmt(server.readyAfterMs / 1000, 1)} s)`);
    const client = new ParleyClient(server.baseUrl);
    await client.register('bench@example.test', 'bench password 1', 'Bench');
    const assistant = await client.createAssistant('Latency bench', 'en');
    await client.updateRetrieval(assistant.id, { chunkSize, chunkOverlap: 0 });

    let chunks = 0;
    let documents = 0;
    for (const target of sizes) {
      const stageStart = performance.now();
      const before = chunks;
      while (chunks < target) {
        // The first batch calibrates chunks per document; later batches aim at the target.
        const perDoc = documents > 0 ? chunks / documents : Number.NaN;
        const batch = Number.isNaN(perDoc) ? 10 : Math.max(1, Math.ceil((target - chunks) / perDoc));
        const docs = Array.from({ length: batch }, () => gen.nextDocument());
        const created = await mapConcurrent(docs, uploadConcurrency, (d) => client.addTextDocument(assistant.id, d.title, d.text));
        const waited = await waitForDocuments(
          client,
          { [assistant.id]: created.map((d) => d.id) },
          { label: `${backend} → ${target.toLocaleString('en-US')} chunks` },
        );
        if (waited.failed) throw new Error(`${waited.failed} documents failed to index`);
        const added = [...waited.documents.values()].reduce((s, d) => s + (d.chunkCount ?? 0), 0);
        if (added === 0) throw new Error(`${batch} documents indexed but reported 0 chunks (chunkCount missing?)`);
        chunks += added;
        documents += batch;
      }
      const loadMs = performance.now() - stageStart;
      console.log(
        `loaded ${(chunks - before).toLocaleString('en-US')} chunks in ${fmt(loadMs / 1000, 1)} s ` +
          `(${fmt(perSecond(chunks - before, loadMs), 0)} chunks/s); assistant now has ${chunks.toLocaleString('en-US')} chunks in ${documents} documents`,
      );

      const run: SizeRun = { backend, targetChunks: target, chunks, documents, loadMs, addedChunks: chunks - before, modes: {} };
      for (const mode of searchModes) {
        try {
          // Warm-up and timed queries share the time budget; warm-up stops early at a quarter of it.
          const modeStart = performance.now();
          for (let i = 0; i < WARMUP && performance.now() - modeStart < budgetMs / 4; i++) {
            await client.search(assistant.id, gen.questions[i % gen.questions.length]!, { topK, mode });
          }
          const samples: number[] = [];
          const bar = progress(`${backend} ${chunks} chunks ${mode}`, queryCount);
          for (let i = 0; i < queryCount; i++) {
            // A slow mode must not hold the whole bench for hours: stop at the time budget and say so.
            if (performance.now() - modeStart > budgetMs) {
              console.log(`${mode}: time budget of ${budgetMs / 1000} s reached after ${i} queries; figures are over those`);
              break;
            }
            const q = gen.questions[(WARMUP + i) % gen.questions.length]!;
            const t = performance.now();
            await client.search(assistant.id, q, { topK, mode });
            samples.push(performance.now() - t);
            bar.tick();
          }
          bar.done();
          run.modes[mode] = summarize(samples);
        } catch (err) {
          run.modes[mode] = { ...summarize([]), error: shortError(err) };
          console.error(`${mode} search failed: ${(err as Error).message}`);
        }
      }
      printTable(
        ['mode', 'queries', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms', 'max ms'],
        searchModes.map((m) => latencyRow(m, run.modes[m])),
      );
      console.log('');
      await record(run);
    }
  } finally {
    await server.stop();
  }
}

function latencyRow(label: string, s: (LatencySummary & { error?: string }) | undefined): (string | number)[] {
  if (!s || s.error) return [label, '—', '—', '—', '—', '—', `error: ${s?.error?.slice(0, 60) ?? 'not run'}`];
  return [label, s.n, fmt(s.p50, 1), fmt(s.p95, 1), fmt(s.p99, 1), fmt(s.mean, 1), fmt(s.max, 1)];
}

async function main() {
  const machine = printMachineInfo('Parley retrieval latency');
  console.log(
    `sizes ${sizes.map((s) => s.toLocaleString('en-US')).join(', ')} chunks; backends ${backends.join(', ')}; ` +
      `${queryCount} queries per mode after ${WARMUP} warm-up queries, one at a time, topK ${topK}; ` +
      `documents of ~${wordsPerDoc} words of generated text (unigram samples of the eval passages in ${evalLanguages.join(', ')}), ` +
      `chunkSize ${chunkSize} tokens, no overlap; queries are eval questions in all five languages; hash embedder\n`,
  );
  const gen = await textGenerator();
  const runs: SizeRun[] = [];
  const results = resultsFile('latency');
  const snapshot = () => ({
    bench: 'latency',
    machine,
    settings: { sizes, backends, queryCount, chunkSize, wordsPerDoc, topK, budgetMs },
    runs,
  });
  for (const backend of backends) {
    await runBackend(backend, gen, async (run) => {
      runs.push(run);
      await results.write(snapshot());
    });
  }

  console.log('## summary (ms, client-side round trip over loopback HTTP)');
  printTable(
    ['backend', 'chunks', 'mode', 'queries', 'p50', 'p95', 'p99', 'mean'],
    runs.flatMap((r) =>
      searchModes.map((m) => {
        const s = r.modes[m];
        return [
          r.backend,
          r.chunks.toLocaleString('en-US'),
          m,
          ...(s && !s.error
            ? [s.n, fmt(s.p50, 1), fmt(s.p95, 1), fmt(s.p99, 1), fmt(s.mean, 1)]
            : ['—', '—', '—', '—', `error: ${s?.error ?? 'not run'}`]),
        ];
      }),
    ),
  );
  console.log('');
  printTable(
    ['backend', 'stage', 'chunks added', 'load s', 'chunks/s'],
    runs.map((r) => [
      r.backend,
      `→ ${r.targetChunks.toLocaleString('en-US')}`,
      r.addedChunks.toLocaleString('en-US'),
      fmt(r.loadMs / 1000, 1),
      fmt(perSecond(r.addedChunks, r.loadMs), 0),
    ]),
  );
  await results.finish(snapshot());
}

await main();
