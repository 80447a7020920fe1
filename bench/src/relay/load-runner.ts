// Closed-loop load for the relay bench: `concurrency` workers, each sending its next request when the last
// one ended, until `requests` were sent. Workers start staggered over one stream's duration, so the number of
// open streams is steady instead of arriving in one burst. A warm-up round (same concurrency, short answers,
// figures discarded) comes first: it opens the sockets and lets the servers' JIT compile their hot paths. While the timed round runs, the server process's resident memory is sampled every
// 100 ms together with the number of open streams.
import type { Agent } from 'node:http';
import { progress } from '../lib/progress.js';
import { residentBytes } from '../lib/process-memory.js';
import { percentile } from '../lib/stats.js';
import { sendRelayRequest, type RelayRequest, type RelaySample } from './stream-client.js';

export interface LoadOptions {
  label: string;
  concurrency: number;
  requests: number;
  warmup: number;
  /** Workers' first requests are spread over this many ms. */
  staggerMs: number;
  timeoutMs: number;
  expectedTokens: number;
  agent: Agent;
  /** Builds the `seq`-th request of `worker`. Untimed: per-request setup (a new conversation) belongs here. */
  next(worker: number, seq: number, warmup: boolean): Promise<RelayRequest>;
  /** Tokens a warm-up answer has (warm-up requests ask for short answers, so many fit in little time). */
  warmupTokens: number;
  /** Server process whose memory is sampled. */
  pid?: number;
  /** Runs after each timed request of a worker, before its next one (untimed). */
  afterEach?(sample: RelaySample): Promise<void>;
}

export interface MemoryFigures {
  idleBytes: number;
  /** Median over samples taken while at least 90% of the workers had a stream open: (RSS − idle) / open. */
  perStreamBytes: number;
  /** Highest RSS seen during the timed round. */
  peakBytes: number;
  samples: number;
}

export interface LoadResult {
  samples: RelaySample[];
  wallMs: number;
  memory?: MemoryFigures;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmup > 0) await round(options, options.warmup, `${options.label} warm-up`, { warmup: true });
  const afterEach = options.afterEach;
  if (options.pid === undefined) return round(options, options.requests, options.label, afterEach ? { afterEach } : {});

  const pid = options.pid;
  await sleep(300);
  const idle: number[] = [];
  for (let i = 0; i < 5; i++) {
    idle.push(residentBytes(pid));
    await sleep(40);
  }
  const idleBytes = percentile(idle, 50);
  const memory: { rss: number; open: number }[] = [];
  let open = 0;
  const sampler = setInterval(() => memory.push({ rss: residentBytes(pid), open }), 100);
  try {
    const result = await round(options, options.requests, options.label, {
      onOpen: (delta) => (open += delta),
      ...(afterEach ? { afterEach } : {}),
    });
    const steady = memory.filter((m) => m.open >= Math.max(1, 0.9 * options.concurrency) && Number.isFinite(m.rss));
    result.memory = {
      idleBytes,
      perStreamBytes: percentile(
        steady.map((m) => (m.rss - idleBytes) / m.open),
        50,
      ),
      peakBytes: Math.max(...memory.map((m) => m.rss).filter(Number.isFinite)),
      samples: steady.length,
    };
    return result;
  } finally {
    clearInterval(sampler);
  }
}

async function round(
  options: LoadOptions,
  requests: number,
  label: string,
  hooks: { warmup?: boolean; onOpen?: (delta: number) => void; afterEach?: (sample: RelaySample) => Promise<void> } = {},
): Promise<LoadResult> {
  const { warmup = false, onOpen, afterEach } = hooks;
  const expectedTokens = warmup ? options.warmupTokens : options.expectedTokens;
  const samples: RelaySample[] = [];
  const bar = progress(label, requests);
  let sent = 0;
  const workers = Math.min(options.concurrency, requests);
  const started = performance.now();
  const worker = async (w: number) => {
    await sleep((w * options.staggerMs) / workers);
    for (let seq = 0; sent < requests; seq++) {
      sent++;
      // A stream counts as open from its untimed setup on (a new conversation), so that setup does not
      // hide open streams from the memory samples.
      onOpen?.(1);
      let sample: RelaySample;
      try {
        const req = await options.next(w, seq, warmup);
        sample = await sendRelayRequest(options.agent, req, expectedTokens, options.timeoutMs);
      } catch (err) {
        sample = setupFailure(err, expectedTokens);
      }
      onOpen?.(-1);
      samples.push(sample);
      await afterEach?.(sample);
      bar.tick();
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  bar.done();
  return { samples, wallMs: performance.now() - started };
}

/** A request whose setup failed counts as a failed request with every token lost. */
function setupFailure(err: unknown, expectedTokens: number): RelaySample {
  const cause = (err as { cause?: unknown }).cause;
  const message = `${(err as Error).message ?? String(err)}${cause instanceof Error ? ` (${cause.message})` : ''}`;
  return {
    ok: false,
    status: 0,
    error: `setup: ${message.slice(0, 300)}`,
    ttftMs: Number.NaN,
    totalMs: Number.NaN,
    tokens: { received: 0, lost: expectedTokens, reordered: 0, duplicated: 0, foreign: 0 },
    gaps: [],
    sentAtEpoch: Number.NaN,
    firstTextAtEpoch: Number.NaN,
    endAtEpoch: Number.NaN,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
