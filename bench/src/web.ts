// Web app quality: Lighthouse 12 scores of the sign-in page and of a chat page with content, with the
// desktop and the mobile presets, and the initial JavaScript the built index.html loads up front (its
// entry script and modulepreloads, gzipped). Builds the web app into a temp folder, starts a Parley process
// in the extractive mode (no model) serving it, seeds a user with an assistant, a document and a
// conversation through the API, and runs Lighthouse in Debian's Chromium (chrome-launcher, Lighthouse's own
// launcher) with the signed-in page's session cookie passed as an extra header.
// Usage: npm run bench:web -- [--pages sign-in,chat] [--presets desktop,mobile] [--runs 1]
// Goals (printed, never asserted): performance ≥ 90, accessibility ≥ 95, best practices ≥ 95; initial JS ≤ 300 kB gzip.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig, type Flags, type Result } from 'lighthouse';
import { onCleanup } from './lib/cleanup.js';
import { printMachineInfo } from './lib/machine.js';
import { startParley, type ParleyServer } from './lib/parley-server.js';
import { repoRoot } from './lib/paths.js';
import { resultsFile } from './lib/results.js';
import { percentile } from './lib/stats.js';
import { fmt, printTable, type Cell } from './lib/table.js';

const CHROMIUM = process.env.PARLEY_BENCH_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];
/** Lowest acceptable score (0–100) per category; SEO is printed without a goal. */
const GOALS: Partial<Record<Category, number>> = { performance: 90, accessibility: 95, 'best-practices': 95 };
const INITIAL_JS_GOAL_BYTES = 300_000;
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
const pageIds = ['sign-in', 'chat'] as const;
type PageId = (typeof pageIds)[number];
const presetIds = ['desktop', 'mobile'] as const;
type Preset = (typeof presetIds)[number];

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: pageIds.join(',') },
    presets: { type: 'string', default: presetIds.join(',') },
    runs: { type: 'string', default: '1' },
  },
});
const pages = args.pages.split(',').map((p) => p.trim()) as PageId[];
for (const p of pages) if (!pageIds.includes(p)) throw new Error(`--pages takes ${pageIds.join(',')} (got ${p})`);
const presets = args.presets.split(',').map((p) => p.trim()) as Preset[];
for (const p of presets) if (!presetIds.includes(p)) throw new Error(`--presets takes ${presetIds.join(',')} (got ${p})`);
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number ≥ 1 (got ${args.runs})`);

interface PageRun {
  page: PageId;
  preset: Preset;
  url: string;
  /** Median over the runs, 0–100. */
  scores: Record<Category, number>;
  /** Median over the runs: ms, except CLS (unitless). */
  metrics: Record<string, number>;
  /** Audits below full marks in the scored categories other than performance (from the last run). */
  failingAudits: { category: Category; id: string; title: string; score: number | null; detail: string }[];
  /** The performance audits with the largest estimated savings (from the last run). */
  opportunities: { id: string; title: string; savingsMs: number; detail: string }[];
}

async function main(): Promise<void> {
  const machine = printMachineInfo('Web app: Lighthouse scores and initial JavaScript');
  const results = resultsFile('web');
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: install it (scripts/install-services.sh) or set PARLEY_BENCH_CHROMIUM`);
  }

  const webDir = await buildWebApp();
  const initialJs = await initialJavaScript(webDir);
  printInitialJs(initialJs);
  await results.write({ machine, initialJs });

  const server = await startParley({ db: 'pglite', env: { PARLEY_LLM: 'extractive', PARLEY_WEB_DIR: webDir } });
  const measured: PageRun[] = [];
  try {
    const seeded = await seed(server);
    const urls: Record<PageId, string> = { 'sign-in': `${server.baseUrl}/sign-in`, chat: `${server.baseUrl}${seeded.chatPath}` };
    const cookie = `parley_access=${seeded.accessToken}`;
    for (const preset of presets) {
      for (const page of pages) {
        process.stdout.write(`lighthouse ${page} (${preset})${runs > 1 ? ` ×${runs}` : ''}…\n`);
        measured.push(await measure(page, preset, urls[page], page === 'chat' ? cookie : undefined));
        await results.write({ machine, initialJs, lighthouse: measured });
      }
    }
  } finally {
    await server.stop();
  }

  printScores(measured);
  printFailingAudits(measured);
  await results.finish({ machine, initialJs, lighthouse: measured });
}

/** vite build of apps/web into a temp folder (not apps/web/dist, which a developer may be serving). */
async function buildWebApp(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'parley-bench-web-'));
  onCleanup(() => rmSync(outDir, { recursive: true, force: true }));
  const started = performance.now();
  const build = spawnSync('npm', ['run', 'build', '-w', '@parley/web', '--', '--outDir', outDir, '--emptyOutDir'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`building the web app failed:\n${build.stdout}\n${build.stderr}`);
  console.log(`built the web app in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return outDir;
}

interface InitialJs {
  files: { path: string; rawBytes: number; gzipBytes: number }[];
  rawBytes: number;
  gzipBytes: number;
  goalBytes: number;
}

/** The scripts index.html makes the browser fetch before the app can start: the entry and every modulepreload. */
async function initialJavaScript(webDir: string): Promise<InitialJs> {
  const html = await readFile(join(webDir, 'index.html'), 'utf8');
  const paths = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src && /\btype="module"/.test(tag)) paths.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\brel="modulepreload"/.test(tag)) paths.add(href);
  }
  const files = [...paths].map((path) => {
    const content = readFileSync(join(webDir, path.replace(/^\//, '')));
    return { path, rawBytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  const sum = (key: 'rawBytes' | 'gzipBytes') => files.reduce((total, f) => total + f[key], 0);
  return { files, rawBytes: sum('rawBytes'), gzipBytes: sum('gzipBytes'), goalBytes: INITIAL_JS_GOAL_BYTES };
}

function printInitialJs(js: InitialJs): void {
  console.log('## Initial JavaScript (entry + modulepreload, gzip -9)\n');
  printTable(
    ['file', 'raw', 'gzip'],
    [...js.files.map((f): Cell[] => [f.path, kb(f.rawBytes), kb(f.gzipBytes)]), ['total', kb(js.rawBytes), kb(js.gzipBytes)]],
  );
  const pass = js.gzipBytes <= js.goalBytes;
  console.log(`\n${pass ? 'PASS' : 'FAIL'}  initial JS ${kb(js.gzipBytes)} gzip (goal ≤ ${kb(js.goalBytes)})\n`);
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const median = (values: readonly number[]) => percentile(values, 50);

/** A signed-up owner, an assistant with one indexed document, and a conversation with one answered question. */
async function seed(server: ParleyServer): Promise<{ accessToken: string; chatPath: string }> {
  const api = async <T>(path: string, init: RequestInit, token?: string): Promise<T> => {
    const res = await fetch(`${server.baseUrl}/api/v1${path}`, {
      ...init,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string> | undefined) },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  const { accessToken } = await api<{ accessToken: string }>(
    '/auth/register',
    json({ email: 'bench-web@example.test', password: 'bench web password', name: 'Bench Owner' }),
  );
  const assistant = await api<{ id: string }>('/assistants', json({ name: 'Support desk', language: 'en' }), accessToken);
  const form = new FormData();
  const pdf = readFileSync(join(repoRoot, 'apps/server/test/fixtures/documents/pages.pdf'));
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'pages.pdf');
  const document = await api<{ id: string }>(`/assistants/${assistant.id}/documents`, { method: 'POST', body: form }, accessToken);
  for (const deadline = Date.now() + 60_000; ;) {
    const doc = await api<{ status: string; error?: string }>(`/assistants/${assistant.id}/documents/${document.id}`, {}, accessToken);
    if (doc.status === 'indexed') break;
    if (doc.status === 'failed') throw new Error(`the seed document failed to index: ${doc.error}`);
    if (Date.now() > deadline) throw new Error('the seed document was not indexed within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  const conversation = await api<{ id: string }>(
    `/assistants/${assistant.id}/conversations`,
    json({ title: 'Multi-page sample' }),
    accessToken,
  );
  await api(`/conversations/${conversation.id}/messages`, json({ content: 'What is on page 2 of the multi-page sample?' }), accessToken);
  return { accessToken, chatPath: `/assistants/${assistant.id}/chat/${conversation.id}` };
}

async function measure(page: PageId, preset: Preset, url: string, cookie: string | undefined): Promise<PageRun> {
  const lhrs: Result[] = [];
  for (let i = 0; i < runs; i++) {
    // A fresh browser per run: no cache or compiled code carried over from the previous one.
    const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' });
    const unregister = onCleanup(() => chrome.kill());
    try {
      const flags: Flags = {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
      };
      const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
      const finalUrl = result.lhr.finalDisplayedUrl;
      if (new URL(finalUrl).pathname !== new URL(url).pathname) {
        console.warn(`  note: ${url} ended at ${finalUrl} (a redirect: was the session cookie accepted?)`);
      }
      lhrs.push(result.lhr);
    } finally {
      chrome.kill();
      unregister();
    }
  }
  const scoreOf = (lhr: Result, category: Category) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
  const last = lhrs[lhrs.length - 1]!;
  const failingAudits: PageRun['failingAudits'] = [];
  for (const category of CATEGORIES) {
    if (category === 'performance') continue;
    for (const ref of last.categories[category]?.auditRefs ?? []) {
      const audit = last.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
        failingAudits.push({ category, id: ref.id, title: audit.title, score: audit.score, detail: auditDetail(audit) });
      }
    }
  }
  const opportunities = Object.values(last.audits)
    .map((audit) => ({
      audit,
      savingsMs: Math.max(audit.metricSavings?.LCP ?? 0, audit.metricSavings?.FCP ?? 0, audit.metricSavings?.TBT ?? 0),
    }))
    .filter(({ audit, savingsMs }) => savingsMs > 0 && audit.score !== null && audit.score < 1)
    .sort((a, b) => b.savingsMs - a.savingsMs)
    .slice(0, 5)
    .map(({ audit, savingsMs }) => ({ id: audit.id, title: audit.title, savingsMs, detail: auditDetail(audit) }));
  return {
    page,
    preset,
    url,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, median(lhrs.map((lhr) => scoreOf(lhr, c)))])) as Record<Category, number>,
    metrics: Object.fromEntries(METRICS.map((id) => [id, median(lhrs.map((lhr) => lhr.audits[id]?.numericValue ?? Number.NaN))])),
    failingAudits,
    opportunities,
  };
}

/** What an audit found, in a few words: the issue types of inspector-issues, the element of an element audit, else its display value. */
function auditDetail(audit: Result['audits'][string]): string {
  const items = (audit.details as { items?: { issueType?: string; subItems?: { items?: unknown[] } }[] } | undefined)?.items ?? [];
  const issues = items
    .filter((i) => i.issueType)
    .map((i) => `${i.issueType}${i.subItems?.items?.length ? ` ×${i.subItems.items.length}` : ''}`);
  if (issues.length > 0) return issues.join(', ');
  const node = firstNode(audit.details);
  return [audit.displayValue, node ? `element: ${node}` : ''].filter(Boolean).join('; ');
}

/** The label of the first page element an audit's details name (e.g. the LCP element). */
function firstNode(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (record.type === 'node' && typeof record.nodeLabel === 'string')
    return `${record.nodeLabel.slice(0, 60)} (${String(record.selector ?? '')})`;
  for (const inner of Object.values(record)) {
    const found = firstNode(inner);
    if (found) return found;
  }
  return undefined;
}

function printScores(measured: readonly PageRun[]): void {
  console.log(`\n## Lighthouse ${runs > 1 ? `(median of ${runs} runs)` : ''}\n`);
  printTable(
    ['page', 'preset', 'performance', 'accessibility', 'best practices', 'SEO', 'FCP', 'LCP', 'TBT', 'CLS', 'SI'],
    measured.map((m): Cell[] => [
      m.page,
      m.preset,
      m.scores.performance,
      m.scores.accessibility,
      m.scores['best-practices'],
      m.scores.seo,
      `${fmt(m.metrics['first-contentful-paint']! / 1000, 2)} s`,
      `${fmt(m.metrics['largest-contentful-paint']! / 1000, 2)} s`,
      `${fmt(m.metrics['total-blocking-time']!, 0)} ms`,
      fmt(m.metrics['cumulative-layout-shift']!, 3),
      `${fmt(m.metrics['speed-index']! / 1000, 2)} s`,
    ]),
  );
  console.log('');
  for (const m of measured) {
    for (const [category, goal] of Object.entries(GOALS) as [Category, number][]) {
      const score = m.scores[category];
      console.log(`${score >= goal ? 'PASS' : 'FAIL'}  ${m.page} (${m.preset}) ${category} ${score} (goal ≥ ${goal})`);
    }
  }
}

function printFailingAudits(measured: readonly PageRun[]): void {
  const lines = measured.flatMap((m) =>
    m.failingAudits.map(
      (a) => `  ${m.page} (${m.preset}) ${a.category}: ${a.id} — ${a.title} (score ${a.score})${a.detail ? `: ${a.detail}` : ''}`,
    ),
  );
  if (lines.length > 0) {
    console.log('\nAudits below full marks (accessibility, best practices, SEO):');
    for (const line of lines) console.log(line);
  }
  const opportunities = measured.flatMap((m) =>
    m.opportunities.map(
      (o) => `  ${m.page} (${m.preset}): ${o.id} — ${o.title}, up to ${fmt(o.savingsMs, 0)} ms${o.detail ? ` (${o.detail})` : ''}`,
    ),
  );
  if (opportunities.length > 0) {
    console.log('\nLargest performance opportunities (estimated savings on LCP, FCP or TBT):');
    for (const line of opportunities) console.log(line);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
