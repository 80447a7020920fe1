// Retrieval quality on the multilingual QA sets (he, fa, ru, pt, en): every passage becomes a document in
// a per-language assistant of a real Parley process, every question goes through /search in the text,
// vector (built-in hash embedder) and hybrid modes, and the figures are set against a plain BM25
// baseline (MiniSearch with default settings) over the same passages.
// Usage: npm run bench:retrieval -- [--db pglite|postgres] [--langs he,fa,ru,pt,en] [--upload-concurrency 8]
//                                   [--query-concurrency 1] [--questions N] [--baseline-only]
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { ParleyClient, mapConcurrent, shortError, searchModes, type SearchMode } from './lib/api-client.js';
import { evalLanguages, loadQa, type Passage, type Question } from './lib/eval-data.js';
import { printMachineInfo } from './lib/machine.js';
import { progress } from './lib/progress.js';
import { startParley, type DbKind } from './lib/parley-server.js';
import { dedupe, rankOf, rankingMetrics, type RankingMetrics } from './lib/ranking-metrics.js';
import { resultsFile } from './lib/results.js';
import { elapsedMs, perSecond } from './lib/stats.js';
import { fmt, printTable } from './lib/table.js';
import { waitForDocuments } from './lib/wait-for-documents.js';

const BASELINE = 'baseline (MiniSearch BM25, default settings)';
const TOP_K = 10;

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    langs: { type: 'string', default: evalLanguages.join(',') },
    'upload-concurrency': { type: 'string', default: '8' },
    'query-concurrency': { type: 'string', default: '1' },
    questions: { type: 'string' },
    'baseline-only': { type: 'boolean', default: false },
  },
});
const db = args.db as DbKind;
if (db !== 'pglite' && db !== 'postgres') throw new Error(`--db must be pglite or postgres (got ${args.db})`);
const langs = args.langs.split(',').map((l) => l.trim());
const uploadConcurrency = Number(args['upload-concurrency']);
const queryConcurrency = Number(args['query-concurrency']);
const questionLimit = args.questions ? Number(args.questions) : Infinity;

interface ModeRun {
  metrics: RankingMetrics | null;
  error?: string;
  /** Queries that failed (counted as misses). */
  errors?: number;
  queries: number;
  ms: number;
  queriesPerSecond: number;
}

interface LanguageReport {
  lang: string;
  passages: number;
  questions: number;
  baseline: ModeRun;
  modes: Partial<Record<SearchMode, ModeRun>>;
  goal?: { pass: boolean; hybridMissesAt5: number; baselineMissesAt5: number; hybridMrr: number; baselineMrr: number };
}

function runBaseline(passages: Passage[], questions: Question[]): ModeRun {
  const index = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
  index.addAll(passages.map((p) => ({ id: p.id, text: p.text })));
  const started = performance.now();
  const ranks = questions.map((q) =>
    rankOf(
      index
        .search(q.question)
        .slice(0, TOP_K)
        .map((r) => String(r.id)),
      q.passage_id,
    ),
  );
  const ms = elapsedMs(started);
  return { metrics: rankingMetrics(ranks), queries: questions.length, ms, queriesPerSecond: perSecond(questions.length, ms) };
}

async function main() {
  const machine = printMachineInfo(`Parley retrieval quality (${db}, embedder: built-in hash)`);
  const data = new Map<string, { passages: Passage[]; questions: Question[] }>();
  for (const lang of langs) {
    const qa = await loadQa(lang);
    data.set(lang, { passages: qa.passages, questions: qa.questions.slice(0, questionLimit) });
  }

  const reports = new Map<string, LanguageReport>();
  for (const [lang, { passages, questions }] of data) {
    reports.set(lang, {
      lang,
      passages: passages.length,
      questions: questions.length,
      baseline: runBaseline(passages, questions),
      modes: {},
    });
  }

  if (args['baseline-only']) {
    for (const report of reports.values()) printLanguage(report);
    printThroughput([...reports.values()]);
    return;
  }

  const results = resultsFile('retrieval');
  let ingest: { documents: number; ms: number; failed: number } | undefined;
  const snapshot = () => ({ bench: 'retrieval', db, topK: TOP_K, machine, ingest, languages: [...reports.values()] });
  const server = await startParley({ db });
  console.log(`Parley (${db}) ready in ${fmt(server.readyAfterMs / 1000, 1)} s at ${server.baseUrl}`);
  try {
    const client = new ParleyClient(server.baseUrl);
    await client.register('bench@example.test', 'bench password 1', 'Bench');

    // Load every language first, so the server's ingestion of all of them overlaps.
    const ingestStart = performance.now();
    const assistants = new Map<string, { id: string; passageOf: Map<string, string> }>();
    for (const [lang, { passages }] of data) {
      const assistant = await client.createAssistant(`Retrieval bench (${lang})`, lang);
      const docs = await mapConcurrent(passages, uploadConcurrency, (p) => client.addTextDocument(assistant.id, p.title, p.text));
      assistants.set(lang, { id: assistant.id, passageOf: new Map(docs.map((d, i) => [d.id, passages[i]!.id])) });
      console.error(`[${lang}] ${passages.length} passages uploaded`);
    }
    const waited = await waitForDocuments(client, new Map([...assistants].map(([, a]) => [a.id, a.passageOf.keys()])), {
      label: 'indexing',
    });
    const failed = waited.failed;
    const documents = waited.documents.size;
    for (const doc of waited.documents.values()) {
      if (doc.status === 'failed') console.error(`document ${doc.id} (${doc.title}) failed: ${JSON.stringify(doc.error)}`);
    }
    ingest = { documents, ms: waited.doneAt - ingestStart, failed };
    console.log(
      `ingested ${documents} passages (${failed} failed) in ${fmt(ingest.ms / 1000, 1)} s = ${fmt(perSecond(documents, ingest.ms), 0)} documents/s\n`,
    );

    for (const [lang, { questions }] of data) {
      const { id, passageOf } = assistants.get(lang)!;
      const report = reports.get(lang)!;
      for (const mode of searchModes) {
        const started = performance.now();
        let errors = 0;
        let firstError: string | undefined;
        const bar = progress(`${lang} ${mode}`, questions.length);
        const ranks = await mapConcurrent(questions, queryConcurrency, async (q) => {
          bar.tick();
          try {
            const results = await client.search(id, q.question, { topK: TOP_K, mode });
            const ranked = dedupe(results.map((r) => passageOf.get(r.documentId) ?? `unknown:${r.documentId}`));
            return rankOf(ranked.slice(0, TOP_K), q.passage_id);
          } catch (err) {
            // A failed query counts as a miss; the error count is printed next to the figures.
            errors++;
            if (!firstError) console.error(`[${lang}] ${mode}: ${(err as Error).message}`);
            firstError ??= shortError(err);
            return null;
          }
        });
        const ms = elapsedMs(started);
        bar.done();
        if (firstError) console.error(`[${lang}] ${mode}: ${errors} of ${questions.length} queries failed`);
        report.modes[mode] =
          errors === questions.length
            ? { metrics: null, error: firstError!, errors, queries: 0, ms, queriesPerSecond: 0 }
            : { metrics: rankingMetrics(ranks), errors, queries: questions.length, ms, queriesPerSecond: perSecond(questions.length, ms) };
      }
      printLanguage(report);
      await results.write(snapshot());
    }
  } finally {
    await server.stop();
  }

  printThroughput([...reports.values()]);
  await results.finish(snapshot());
}

function printLanguage(report: LanguageReport) {
  console.log(`## ${report.lang}: ${report.passages} passages, ${report.questions} questions`);
  const row = (name: string, run: ModeRun | undefined) => {
    const m = run?.metrics;
    if (!m) return [name, '—', '—', '—', '—', '—', `all failed: ${run?.error ?? 'not run'}`];
    return [
      name,
      fmt(m.recallAt1, 3),
      fmt(m.recallAt5, 3),
      fmt(m.recallAt10, 3),
      fmt(m.mrrAt10, 3),
      String(m.missesAt5),
      String(run.errors ?? 0),
    ];
  };
  printTable(
    ['mode', 'R@1', 'R@5', 'R@10', 'MRR@10', 'misses@5', 'failed queries'],
    [row(BASELINE, report.baseline), ...(args['baseline-only'] ? [] : searchModes.map((mode) => row(mode, report.modes[mode])))],
  );
  const hybrid = report.modes.hybrid?.metrics;
  const base = report.baseline.metrics!;
  if (hybrid) {
    const pass = hybrid.missesAt5 <= base.missesAt5 / 2 && hybrid.mrrAt10 > base.mrrAt10;
    report.goal = {
      pass,
      hybridMissesAt5: hybrid.missesAt5,
      baselineMissesAt5: base.missesAt5,
      hybridMrr: hybrid.mrrAt10,
      baselineMrr: base.mrrAt10,
    };
    console.log(
      `goal (hybrid misses at most half as many questions at recall@5 as the baseline, and a higher MRR): ${pass ? 'PASS' : 'FAIL'} — ` +
        `misses@5 ${hybrid.missesAt5} vs ${base.missesAt5} (limit ${Math.floor(base.missesAt5 / 2)}), MRR@10 ${fmt(hybrid.mrrAt10, 3)} vs ${fmt(base.mrrAt10, 3)}`,
    );
  } else if (!args['baseline-only']) {
    console.log('goal: not checked (hybrid search failed)');
  }
  console.log('');
}

function printThroughput(reports: LanguageReport[]) {
  console.log(`## queries/s (sequential HTTP calls, concurrency ${queryConcurrency}, topK ${TOP_K})`);
  const total = (pick: (r: LanguageReport) => ModeRun | undefined) => {
    const runs = reports.map(pick).filter((r): r is ModeRun => !!r && r.queries > 0);
    if (runs.length === 0) return Number.NaN;
    return perSecond(
      runs.reduce((s, r) => s + r.queries, 0),
      runs.reduce((s, r) => s + r.ms, 0),
    );
  };
  printTable(
    ['mode', ...reports.map((r) => r.lang), 'all'],
    [
      [
        BASELINE + ' (in-process)',
        ...reports.map((r) => fmt(r.baseline.queriesPerSecond, 0)),
        fmt(
          total((r) => r.baseline),
          0,
        ),
      ],
      ...(args['baseline-only'] ? [] : searchModes).map((mode) => [
        mode,
        ...reports.map((r) => fmt(r.modes[mode]?.queries ? r.modes[mode].queriesPerSecond : Number.NaN, 1)),
        fmt(
          total((r) => r.modes[mode]),
          1,
        ),
      ]),
    ],
  );
}

await main();
