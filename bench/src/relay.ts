// Relay overhead: what Parley adds when it relays a streamed (or a whole) LLM answer, measured in one run
// against the model server itself, a bare node:http proxy and the Portkey AI gateway. A paced fake upstream
// streams `--tokens` tokens, one every `--pace-ms`; each path is driven at each `--concurrency` with a closed
// loop of streams, and the client times the first token, every token and the end of each answer.
// Usage: npm run bench:relay -- [--concurrency 1,100,1000] [--tokens 200] [--pace-ms 10] [--requests N]
//                               [--warmup N] [--paths direct,proxy,portkey,parley-openai,parley-chat]
//                               [--modes stream,json] [--db pglite|postgres] [--documents 5]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { shortError } from './lib/api-client.js';
import { printMachineInfo } from './lib/machine.js';
import { dbKinds, type DbKind } from './lib/parley-server.js';
import { resultsFile } from './lib/results.js';
import { fmt, printTable, type Cell } from './lib/table.js';
import type { ChildServer } from './relay/child-server.js';
import { runLoad, type MemoryFigures } from './relay/load-runner.js';
import { inOrder } from './relay/paced-tokens.js';
import { startParleyTarget, type ParleyTarget } from './relay/parley-target.js';
import {
  PORTKEY_VERSION,
  openaiRequest,
  portkeyHeaders,
  startPacedUpstream,
  startPassThroughProxy,
  startPortkey,
  upstreamChatRequests,
  upstreamStats,
} from './relay/peers.js';
import { relayAgent, sendRelayRequest, type RelayRequest, type RelaySample } from './relay/stream-client.js';

const pathIds = ['direct', 'proxy', 'portkey', 'parley-openai', 'parley-chat'] as const;
type PathId = (typeof pathIds)[number];
const modeIds = ['stream', 'json'] as const;
type Mode = (typeof modeIds)[number];

const { values: args } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '1,100,1000' },
    tokens: { type: 'string', default: '200' },
    'pace-ms': { type: 'string', default: '10' },
    requests: { type: 'string' },
    warmup: { type: 'string' },
    paths: { type: 'string', default: pathIds.join(',') },
    modes: { type: 'string', default: modeIds.join(',') },
    db: { type: 'string', default: 'pglite' },
    documents: { type: 'string', default: '5' },
  },
});
const levels = args.concurrency
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const tokens = Number(args.tokens);
const paceMs = Number(args['pace-ms']);
const paths = args.paths.split(',').map((p) => p.trim()) as PathId[];
for (const p of paths) if (!pathIds.includes(p)) throw new Error(`--paths takes ${pathIds.join(',')} (got ${p})`);
const modes = args.modes.split(',').map((m) => m.trim()) as Mode[];
for (const m of modes) if (!modeIds.includes(m)) throw new Error(`--modes takes ${modeIds.join(',')} (got ${m})`);
const db = args.db as DbKind;
if (!dbKinds.includes(db)) throw new Error(`--db takes ${dbKinds.join(',')} (got ${db})`);
const documentCount = Number(args.documents);
for (const [name, n] of Object.entries({
  tokens,
  paceMs,
  documentCount,
  ...Object.fromEntries(levels.map((c) => [`concurrency ${c}`, c])),
})) {
  if (!Number.isFinite(n) || n < (name === 'paceMs' || name === 'documentCount' ? 0 : 1)) throw new Error(`bad value for ${name}: ${n}`);
}
const streamMs = tokens * paceMs;
/** One stream's duration plus a minute: a request still open then has stalled. */
const timeoutMs = streamMs + 60_000;

/** Timed requests per level: 20 at concurrency 1, two per worker above (≥ 200), or --requests (≥ one per worker). */
const requestsAt = (c: number) => (args.requests ? Math.max(Number(args.requests), c) : c === 1 ? 20 : Math.max(200, 2 * c));
/** Warm-up requests per level (short answers of WARMUP_TOKENS tokens, figures discarded): at least 50, one per worker. */
const warmupAt = (c: number) => (args.warmup ? Number(args.warmup) : Math.max(50, c));
const WARMUP_TOKENS = 5;

/** Follow-up messages in one conversation, timed once at concurrency 1 for the notes. */
const FOLLOW_UPS = 5;

const PATH_LABEL: Record<PathId, string> = {
  direct: 'direct (upstream)',
  proxy: 'node:http proxy',
  portkey: `Portkey ${PORTKEY_VERSION}`,
  'parley-openai': 'Parley /v1/chat/completions',
  'parley-chat': 'Parley chat SSE + retrieval',
};
/** Which path is measured in which mode: Portkey's streaming fails on Node 20 (probed once, see notes); Parley's chat path is measured streaming only. */
const PATH_MODES: Record<PathId, readonly Mode[]> = {
  direct: ['stream', 'json'],
  proxy: ['stream', 'json'],
  portkey: ['json'],
  'parley-openai': ['stream', 'json'],
  'parley-chat': ['stream'],
};

interface Quantiles {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

interface RunFigures {
  path: PathId;
  mode: Mode;
  concurrency: number;
  unavailable?: string;
  requests?: number;
  ok?: number;
  /** Requests that failed (HTTP error, error event, no end marker, timeout). */
  failed?: number;
  /** Answers with every token once and in order. */
  inOrder?: number;
  /** Token counts over the answers that did not fail. */
  lost?: number;
  reordered?: number;
  duplicated?: number;
  foreign?: number;
  ttft?: Quantiles;
  gap?: Quantiles;
  total?: Quantiles;
  wallMs?: number;
  memory?: MemoryFigures;
  /** Upstream chat requests during the run (warm-up included) vs requests sent. */
  upstreamCalls?: { expected: number; seen: number };
  errors?: Record<string, number>;
  /** Concurrency 1: client sent → upstream received, and upstream wrote the first token (or the answer) → client got it (ms; across processes' clocks). */
  breakdown?: { toUpstream: Quantiles; fromUpstream: Quantiles };
}

function quantiles(values: Iterable<number>): Quantiles {
  const sorted = Float64Array.from([...values].filter(Number.isFinite)).sort();
  const at = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN;
  return { n: sorted.length, p50: at(50), p99: at(99), max: sorted.length ? sorted[sorted.length - 1]! : NaN };
}

function summarizeRun(base: RunFigures, samples: RelaySample[]): RunFigures {
  const errors: Record<string, number> = {};
  for (const s of samples) {
    // Grouped by message, with ids and long numbers (ports, timings) left out.
    const key = s.error
      ?.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')
      .replace(/\d{4,}/g, 'N')
      .slice(0, 160);
    if (key) errors[key] = (errors[key] ?? 0) + 1;
  }
  const ok = samples.filter((s) => s.ok);
  // Token counts are over answers that ended properly: a failed request (error, timeout) is counted as failed,
  // not as lost tokens.
  const sum = (f: (s: RelaySample) => number) => ok.reduce((a, s) => a + f(s), 0);
  return {
    ...base,
    requests: samples.length,
    ok: ok.length,
    failed: samples.length - ok.length,
    inOrder: ok.filter((s) => inOrder(s.tokens)).length,
    lost: sum((s) => s.tokens.lost),
    reordered: sum((s) => s.tokens.reordered),
    duplicated: sum((s) => s.tokens.duplicated),
    foreign: sum((s) => s.tokens.foreign),
    ...(base.mode === 'stream'
      ? {
          ttft: quantiles(ok.map((s) => s.ttftMs)),
          gap: quantiles(
            (function* () {
              for (const s of ok) yield* s.gaps;
            })(),
          ),
        }
      : {}),
    total: quantiles(ok.map((s) => s.totalMs)),
    errors,
  };
}

/** Soft limit on open files: each stream holds a socket at the client, in every relay and at the upstream. */
function openFileLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    return Number.NaN;
  }
}

function userText(path: PathId, c: number, worker: number, seq: number): string {
  // Different every time, so no cache anywhere can answer it.
  return `Relay bench ${path} c${c} w${worker} #${seq} ${Math.random().toString(36).slice(2, 10)}: what does the handbook say about pacing?`;
}

async function main() {
  const machine = printMachineInfo('Parley relay overhead');
  console.log(
    `paced upstream: ${tokens} tokens, one every ${paceMs} ms (first with the headers; a stream lasts ~${fmt(streamMs / 1000, 1)} s); ` +
      `concurrency ${levels.join(', ')}; timed requests per level ${levels.map(requestsAt).join(', ')} after ${levels.map(warmupAt).join(', ')} warm-up; ` +
      `paths ${paths.join(', ')}; modes ${modes.join(', ')}; Parley on ${db}\n`,
  );
  const nofile = openFileLimit();
  const maxC = Math.max(...levels);
  if (nofile < maxC * 4 + 1024) {
    console.log(
      `warning: the open-file limit is ${nofile}, and ${maxC} concurrent streams need about ${maxC * 4 + 1024} (raise it with \`ulimit -n 65536\`)\n`,
    );
  }

  const notes: string[] = [];
  const runs: RunFigures[] = [];
  const results = resultsFile('relay');
  const settings = {
    tokens,
    paceMs,
    levels,
    requests: levels.map(requestsAt),
    warmup: levels.map(warmupAt),
    paths,
    modes,
    db,
    documentCount,
    nofile,
  };
  const snapshot = () => ({ bench: 'relay', machine, settings, notes, runs });

  const servers: ChildServer[] = [];
  let parley: ParleyTarget | undefined;
  const agent = relayAgent();
  try {
    const upstream = await startPacedUpstream(tokens, paceMs);
    servers.push(upstream);
    const proxy = paths.includes('proxy') ? await startPassThroughProxy(upstream.baseUrl) : undefined;
    if (proxy) servers.push(proxy);
    let portkey: ChildServer | undefined;
    const unavailable: Partial<Record<PathId, string>> = {};
    if (paths.includes('portkey')) {
      try {
        portkey = await startPortkey();
        servers.push(portkey);
        notes.push(await probePortkeyStreaming(agent, portkey, upstream.baseUrl));
      } catch (err) {
        unavailable.portkey = `could not start: ${(err as Error).message.split('\n')[0]}`;
      }
    }
    if (paths.includes('parley-openai') || paths.includes('parley-chat')) {
      try {
        parley = await startParleyTarget({ db, upstreamUrl: upstream.baseUrl, documents: documentCount, tokens });
        console.log(`Parley ready in ${fmt(parley.server.readyAfterMs / 1000, 1)} s (pid ${parley.server.pid})`);
        if (!parley.openai.ok) unavailable['parley-openai'] = parley.openai.reason;
        if (!parley.chat.ok) unavailable['parley-chat'] = parley.chat.reason;
        else if (paths.includes('parley-chat')) notes.push(await parley.followUpNote(agent, FOLLOW_UPS));
        notes.push(...parley.notes);
      } catch (err) {
        const reason = `Parley setup failed: ${(err as Error).message.split('\n')[0]}`;
        console.error((err as Error).message);
        unavailable['parley-openai'] = reason;
        unavailable['parley-chat'] = reason;
      }
    }
    for (const [p, reason] of Object.entries(unavailable)) console.log(`${PATH_LABEL[p as PathId]}: unavailable: ${reason}`);
    for (const note of notes) console.log(`note: ${note}`);
    console.log('');

    type MakeRequest = (mode: Mode, c: number, w: number, seq: number, maxTokens: number | undefined) => Promise<RelayRequest>;
    const target = (p: PathId): { pid?: number; request: MakeRequest } => {
      switch (p) {
        case 'direct':
          return {
            request: async (m, c, w, s, maxTokens) => openaiRequest(upstream.baseUrl, m === 'stream', userText(p, c, w, s), { maxTokens }),
          };
        case 'proxy':
          return {
            pid: proxy!.pid,
            request: async (m, c, w, s, maxTokens) => openaiRequest(proxy!.baseUrl, m === 'stream', userText(p, c, w, s), { maxTokens }),
          };
        case 'portkey':
          return {
            pid: portkey!.pid,
            request: async (m, c, w, s, maxTokens) =>
              openaiRequest(portkey!.baseUrl, m === 'stream', userText(p, c, w, s), {
                headers: portkeyHeaders(upstream.baseUrl),
                maxTokens,
              }),
          };
        case 'parley-openai':
          return {
            pid: parley!.server.pid,
            request: async (m, c, w, s, maxTokens) => parley!.openaiRequest(m === 'stream', userText(p, c, w, s), maxTokens),
          };
        case 'parley-chat':
          // A new conversation for every stream (created untimed): a follow-up would add Parley's condensing
          // model call to the first token (measured separately, see notes).
          return {
            pid: parley!.server.pid,
            request: async (_m, c, w, s, maxTokens) =>
              parley!.chatRequest(await parley!.newConversation(), userText(p, c, w, s), maxTokens),
          };
      }
    };

    for (const c of levels) {
      for (const mode of modes) {
        for (const p of paths) {
          if (!PATH_MODES[p].includes(mode)) continue;
          const base: RunFigures = { path: p, mode, concurrency: c };
          if (unavailable[p]) {
            runs.push({ ...base, unavailable: unavailable[p] });
            continue;
          }
          const t = target(p);
          const upstreamBefore = await upstreamChatRequests(upstream.baseUrl);
          let figures: RunFigures;
          // At concurrency 1 (and without Parley's background side calls), the upstream's timestamps of the latest
          // request split the first token's time into "before the upstream got the request" and "relaying it back".
          const toUpstream: number[] = [];
          const fromUpstream: number[] = [];
          const afterEach =
            c === 1 && p !== 'parley-chat'
              ? async (sample: RelaySample) => {
                  const last = (await upstreamStats(upstream.baseUrl)).last;
                  if (!sample.ok || !last) return;
                  toUpstream.push(last.receivedAt - sample.sentAtEpoch);
                  // Streams: the first token's way back; whole answers: the answer's, from the upstream's end.
                  if (mode === 'stream' && last.firstTokenAt !== null) fromUpstream.push(sample.firstTextAtEpoch - last.firstTokenAt);
                  if (mode === 'json' && last.doneAt !== null) fromUpstream.push(sample.endAtEpoch - last.doneAt);
                }
              : undefined;
          try {
            const load = await runLoad({
              ...(afterEach ? { afterEach } : {}),
              label: `${p} ${mode} c=${c}`,
              concurrency: c,
              requests: requestsAt(c),
              warmup: warmupAt(c),
              staggerMs: streamMs,
              timeoutMs,
              expectedTokens: tokens,
              agent,
              next: (w, seq, warm) => t.request(mode, c, w, seq, warm ? WARMUP_TOKENS : undefined),
              warmupTokens: WARMUP_TOKENS,
              ...(t.pid !== undefined ? { pid: t.pid } : {}),
            });
            figures = { ...summarizeRun(base, load.samples), wallMs: load.wallMs, ...(load.memory ? { memory: load.memory } : {}) };
            if (toUpstream.length) figures.breakdown = { toUpstream: quantiles(toUpstream), fromUpstream: quantiles(fromUpstream) };
            figures.upstreamCalls = {
              expected: requestsAt(c) + warmupAt(c),
              seen: (await upstreamChatRequests(upstream.baseUrl)) - upstreamBefore,
            };
          } catch (err) {
            // Setup inside the loop (a conversation) failed: the path is reported as failed, the bench goes on.
            figures = { ...base, unavailable: `failed: ${shortError(err)}` };
            console.error(`${p} ${mode} c=${c}: ${(err as Error).message}`);
          }
          runs.push(figures);
          console.log(runLine(figures));
          await results.write(snapshot());
        }
      }
      printLevel(c, runs);
    }

    console.log('\n## summary: streaming (ms; + = added vs direct at the same concurrency)');
    printStreamTable(runs);
    console.log('\n## summary: whole answers (stream: false)');
    printJsonTable(runs);
    if (runs.some((r) => r.breakdown)) {
      console.log('\n## where the time to the first token goes, concurrency 1 (p50, ms)');
      printTable(
        ['path', 'mode', 'client → upstream', 'upstream → client', 'TTFT / latency'],
        runs
          .filter((r) => r.breakdown)
          .map((r) => [
            PATH_LABEL[r.path],
            r.mode,
            ms(r.breakdown!.toUpstream.p50),
            ms(r.breakdown!.fromUpstream.p50),
            ms(r.mode === 'stream' ? r.ttft?.p50 : r.total?.p50),
          ]),
      );
      console.log(
        'client → upstream: request sent → the upstream has its headers (auth, retrieval, prompt, connecting); ' +
          'upstream → client: streams: the upstream wrote the first token → the client has it; ' +
          'whole answers: the upstream ended its answer → the client has the whole answer. ' +
          "Measured with each process's performance.timeOrigin + now(), so good to a few tenths of a ms.",
      );
    }
    console.log('\n## goals (information only)');
    printGoals(runs);
    if (notes.length) {
      console.log('\n## notes');
      for (const note of notes) console.log(`- ${note}`);
    }
    await results.finish(snapshot());
  } finally {
    agent.destroy();
    await parley?.server.stop();
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** One streaming request through Portkey: it is known to fail on Node 20; record how, do not stop. */
async function probePortkeyStreaming(agent: ReturnType<typeof relayAgent>, portkey: ChildServer, upstreamUrl: string): Promise<string> {
  const before = portkey.output().length;
  const sample = await sendRelayRequest(
    agent,
    openaiRequest(portkey.baseUrl, true, 'probe', { headers: portkeyHeaders(upstreamUrl) }),
    tokens,
    30_000,
  );
  await new Promise((r) => setTimeout(r, 200));
  if (sample.ok && inOrder(sample.tokens))
    return `Portkey ${PORTKEY_VERSION} streaming worked on Node ${process.versions.node} (not measured)`;
  const log = portkey
    .output()
    .slice(before)
    .split(/[\r\n]+/)
    .map((l) => l.trim())
    .filter((l) => /error/i.test(l))
    .slice(0, 2)
    .join(' / ');
  return (
    `Portkey ${PORTKEY_VERSION} streaming fails on Node ${process.versions.node}: ${sample.error ?? JSON.stringify(sample.tokens)}` +
    (log ? `; gateway log: ${log.slice(0, 300)}` : '') +
    ' — only its non-streaming path is measured'
  );
}

const ms = (v: number | undefined, digits = 2) => (v === undefined ? '—' : fmt(v, digits));
/** Memory per stream; a negative figure (the heap shrank under load: garbage collected since idle) is noise, shown as ≈0. */
const kb = (bytes: number | undefined) => (bytes === undefined || !Number.isFinite(bytes) ? '—' : bytes < 0 ? '≈0' : fmt(bytes / 1024, 0));

function direct(runs: RunFigures[], r: RunFigures): RunFigures | undefined {
  return runs.find((d) => d.path === 'direct' && d.mode === r.mode && d.concurrency === r.concurrency && !d.unavailable);
}

function added(runs: RunFigures[], r: RunFigures, pick: (f: RunFigures) => number | undefined): number | undefined {
  const d = direct(runs, r);
  if (!d || r.path === 'direct') return undefined;
  const a = pick(r);
  const b = pick(d);
  return a === undefined || b === undefined ? undefined : a - b;
}

function errorText(r: RunFigures): string {
  if (r.unavailable) return `unavailable: ${r.unavailable}`;
  const errs = Object.entries(r.errors ?? {}).sort((a, b) => b[1] - a[1]);
  const issues: string[] = errs.slice(0, 2).map(([e, n]) => `${n}× ${e.slice(0, 90)}`);
  if (r.upstreamCalls && r.upstreamCalls.seen < r.upstreamCalls.expected) {
    issues.push(`upstream saw ${r.upstreamCalls.seen} of ${r.upstreamCalls.expected} requests (answered from a cache?)`);
  }
  if (r.foreign) issues.push(`${r.foreign} foreign text pieces`);
  return issues.join('; ') || '';
}

function runLine(r: RunFigures): string {
  if (r.unavailable) return `${r.path} ${r.mode} c=${r.concurrency}: unavailable: ${r.unavailable}`;
  const parts = [
    `${r.path} ${r.mode} c=${r.concurrency}: ${r.inOrder}/${r.requests} complete in order`,
    r.ttft ? `TTFT p50 ${ms(r.ttft.p50)} p99 ${ms(r.ttft.p99)}` : undefined,
    r.gap ? `gap p99 ${ms(r.gap.p99)}` : undefined,
    `total p50 ${ms(r.total?.p50, 1)}`,
    r.memory ? `RSS/open ${kb(r.memory.perStreamBytes)} KB` : undefined,
    `wall ${fmt((r.wallMs ?? 0) / 1000, 1)} s`,
    errorText(r) || undefined,
  ];
  return parts.filter(Boolean).join(', ');
}

function streamRow(runs: RunFigures[], r: RunFigures): Cell[] {
  const head = [r.concurrency, PATH_LABEL[r.path]];
  if (r.unavailable) return [...head, ...Array<string>(STREAM_HEADER.length - 3).fill('—'), errorText(r)];
  return [
    ...head,
    `${r.inOrder}/${r.requests}`,
    `${r.failed}`,
    `${r.lost}/${r.reordered}`,
    ms(r.ttft?.p50),
    ms(added(runs, r, (f) => f.ttft?.p50)),
    ms(added(runs, r, (f) => f.ttft?.p99)),
    ms(r.gap?.p99),
    ms(added(runs, r, (f) => f.gap?.p99)),
    ms(r.total?.p50, 1),
    r.concurrency > 1 ? kb(r.memory?.perStreamBytes) : '—',
    errorText(r),
  ];
}

const STREAM_HEADER = [
  'c',
  'path',
  'in order',
  'failed',
  'lost/reord.',
  'TTFT p50',
  '+TTFT p50',
  '+TTFT p99',
  'gap p99',
  '+gap p99',
  'total p50',
  'KB/stream',
  'errors',
];
const JSON_HEADER = ['c', 'path', 'complete', 'latency p50', '+p50', '+p99', 'KB/request', 'errors'];

function jsonRow(runs: RunFigures[], r: RunFigures): Cell[] {
  const head = [r.concurrency, PATH_LABEL[r.path]];
  if (r.unavailable) return [...head, ...Array<string>(JSON_HEADER.length - 3).fill('—'), errorText(r)];
  return [
    ...head,
    `${r.inOrder}/${r.requests}`,
    ms(r.total?.p50, 1),
    ms(added(runs, r, (f) => f.total?.p50)),
    ms(added(runs, r, (f) => f.total?.p99)),
    r.concurrency > 1 ? kb(r.memory?.perStreamBytes) : '—',
    errorText(r),
  ];
}

function printLevel(c: number, runs: RunFigures[]): void {
  const at = runs.filter((r) => r.concurrency === c);
  console.log(`\n## concurrency ${c}`);
  if (at.some((r) => r.mode === 'stream')) {
    printTable(
      STREAM_HEADER,
      at.filter((r) => r.mode === 'stream').map((r) => streamRow(runs, r)),
    );
  }
  if (at.some((r) => r.mode === 'json')) {
    console.log('');
    printTable(
      JSON_HEADER,
      at.filter((r) => r.mode === 'json').map((r) => jsonRow(runs, r)),
    );
  }
  console.log('');
}

function printStreamTable(runs: RunFigures[]): void {
  printTable(
    STREAM_HEADER,
    runs.filter((r) => r.mode === 'stream').map((r) => streamRow(runs, r)),
  );
  console.log(
    'in order = answers with every token once and in order; failed = HTTP error, error event, no end marker or timeout; ' +
      'lost/reord. = tokens over the answers that ended; +X = X minus direct’s X; ' +
      'gap = time between consecutive tokens; KB/stream = (server RSS with the streams open − idle RSS) ÷ open streams (median of 100 ms samples)',
  );
}

function printJsonTable(runs: RunFigures[]): void {
  printTable(
    JSON_HEADER,
    runs.filter((r) => r.mode === 'json').map((r) => jsonRow(runs, r)),
  );
}

function tokenSummary(r: RunFigures): string {
  const issues = errorText(r);
  return (
    `${r.inOrder}/${r.requests} complete in order, ${r.failed} failed; in the answers that ended: ${r.lost} tokens lost, ` +
    `${r.reordered} reordered${issues ? `; ${issues}` : ''}`
  );
}

function printGoals(runs: RunFigures[]): void {
  const find = (path: PathId, mode: Mode, c: number) => runs.find((r) => r.path === path && r.mode === mode && r.concurrency === c);
  const goal = (text: string, pass: boolean | undefined, detail: string) =>
    console.log(`${pass === undefined ? 'N/A ' : pass ? 'PASS' : 'FAIL'}  ${text}: ${detail}`);
  const usable = (r: RunFigures | undefined): r is RunFigures => r !== undefined && !r.unavailable && (r.ok ?? 0) > 0;
  const reason = (r: RunFigures | undefined, what = 'not measured') => r?.unavailable ?? (r ? 'no successful requests' : what);

  const o1 = find('parley-openai', 'stream', 1);
  const addedTtft = usable(o1) ? added(runs, o1, (f) => f.ttft?.p50) : undefined;
  goal(
    'added TTFT p50 ≤ 1 ms at concurrency 1 (OpenAI-compatible path)',
    addedTtft === undefined ? undefined : addedTtft <= 1,
    addedTtft === undefined ? reason(o1) : `${ms(addedTtft)} ms`,
  );

  for (const c of levels) {
    const p = find('parley-openai', 'json', c);
    const k = find('portkey', 'json', c);
    if (!p && !k) continue;
    const pa = usable(p) ? added(runs, p, (f) => f.total?.p50) : undefined;
    const ka = usable(k) ? added(runs, k, (f) => f.total?.p50) : undefined;
    goal(
      `Parley non-streaming overhead ≤ half of Portkey's (p50, c=${c})`,
      pa === undefined || ka === undefined ? undefined : pa <= ka / 2,
      pa === undefined
        ? reason(p, 'Parley not measured')
        : ka === undefined
          ? reason(k, 'Portkey not measured')
          : `Parley +${ms(pa)} ms, Portkey +${ms(ka)} ms`,
    );
  }

  for (const c of levels) {
    const p = find('parley-openai', 'stream', c);
    const x = find('proxy', 'stream', c);
    if (!p && !x) continue;
    const diff = usable(p) && usable(x) ? p.ttft!.p50 - x.ttft!.p50 : undefined;
    goal(
      `Parley streaming TTFT within 0.5 ms of the bare proxy's (p50, c=${c})`,
      diff === undefined ? undefined : diff <= 0.5,
      diff === undefined
        ? usable(p)
          ? reason(x, 'proxy not measured')
          : reason(p)
        : `Parley ${ms(p!.ttft!.p50)} ms, proxy ${ms(x!.ttft!.p50)} ms (${diff >= 0 ? '+' : ''}${ms(diff)})`,
    );
  }

  const c1000 = levels.includes(1000);
  for (const path of ['parley-openai', 'parley-chat'] as const) {
    const r = find(path, 'stream', 1000);
    const pass = usable(r) ? r.inOrder === r.requests : undefined;
    goal(
      `1,000 concurrent streams with zero lost tokens (${PATH_LABEL[path]})`,
      pass,
      !c1000 ? 'concurrency 1000 not run' : usable(r) ? tokenSummary(r) : reason(r),
    );
  }
}

await main();
