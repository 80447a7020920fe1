// Produces one answer and streams it to its caller: from a language model through the LLM router,
// or, with no model, the honest extractive answer (quoted passages). Around the model call sit the
// exact response cache and request coalescing: a deterministic request whose key is cached streams
// the stored answer (`cached: true`); one identical to a request still in flight joins it, so the two
// share one upstream call. Every caller gets its own time to first token, latency and partial text.
import { createHash } from 'node:crypto';
import type { Citation } from '@parley/contracts';
import type { Logger } from 'pino';
import { AppError } from '../../http/errors.js';
import { searchTextOf } from '../../ingestion/search-text.js';
import { countTokens } from '../../ingestion/tokenizer.js';
import type { LlmMetrics } from '../../observability/metrics.js';
import type { ChatMessage, SamplingSettings, TokenUsage } from '../../providers/llm/chat-model.js';
import { LlmError } from '../../providers/llm/llm-errors.js';
import type { LlmCandidate, LlmRouter } from '../../providers/llm/llm-router.js';
import type { Cache } from '../../state/cache.js';
import { citedNumbers, quoteFor } from './prompt/citations.js';
import { chunkForStreaming, extractiveAnswer } from './prompt/extractive.js';

/** The model name answers carry when no language model wrote them. */
export const EXTRACTIVE_MODEL = 'extractive';

export interface RetrievedPassage {
  readonly n: number;
  readonly documentId: string;
  readonly documentTitle: string;
  /** The web page the passage came from; null for files. */
  readonly url: string | null;
  readonly chunkId: string;
  readonly page: number | null;
  readonly text: string;
}

export interface AnswerPlan {
  /** Models to try in order; empty = extractive mode. */
  readonly candidates: readonly LlmCandidate[];
  readonly messages: readonly ChatMessage[];
  readonly sampling: SamplingSettings;
  /** Passages placed in the prompt (their `n` is the citation marker). */
  readonly passages: readonly RetrievedPassage[];
  /** The question as the person asked it (extractive mode quotes passages for it). */
  readonly question: string;
  readonly language: string;
  readonly promptTokens: number;
  /** Set for deterministic requests: the exact-cache and coalescing key. */
  readonly cacheKey: string | null;
}

export interface AnswerResult {
  readonly text: string;
  readonly status: 'complete' | 'error' | 'cancelled';
  readonly model: string;
  readonly provider: string | null;
  readonly usage: TokenUsage;
  readonly finishReason: string | null;
  readonly ttftMs: number | null;
  readonly latencyMs: number;
  readonly cached: boolean;
  readonly citations: Citation[];
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface AnswerHooks {
  readonly signal: AbortSignal;
  onToken(text: string): void;
}

interface CachedAnswer {
  readonly text: string;
  readonly model: string;
  readonly provider: string | null;
  readonly usage: TokenUsage;
  readonly finishReason: string | null;
}

/** What the shared upstream call ends with (each subscriber then derives its own result). */
interface Outcome {
  readonly text: string;
  readonly status: 'complete' | 'error' | 'cancelled';
  readonly model: string;
  readonly provider: string | null;
  readonly usage: TokenUsage | null;
  readonly finishReason: string | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

/** One upstream call that several identical requests listen to. */
class SharedGeneration {
  readonly chunks: string[] = [];
  readonly listeners = new Set<(text: string) => void>();
  readonly controller = new AbortController();
  subscribers = 0;
  done!: Promise<Outcome>;

  push(text: string): void {
    this.chunks.push(text);
    for (const listener of this.listeners) listener(text);
  }
}

export interface AnswerEngineOptions {
  readonly router: LlmRouter;
  readonly cache: Cache;
  readonly cacheTtlMs: number;
  readonly metrics: LlmMetrics;
  readonly logger: Logger;
}

export class AnswerEngine {
  private readonly inFlight = new Map<string, SharedGeneration>();

  constructor(private readonly options: AnswerEngineOptions) {}

  async answer(plan: AnswerPlan, hooks: AnswerHooks): Promise<AnswerResult> {
    const started = performance.now();
    if (plan.candidates.length === 0) return this.extractive(plan, hooks, started);

    const key = plan.cacheKey !== null && this.options.cacheTtlMs > 0 ? plan.cacheKey : null;
    if (key !== null) {
      const hit = await this.options.cache.get<CachedAnswer>(`answer:${key}`).catch(() => undefined);
      if (hit) {
        this.options.metrics.cacheOperations.inc({ result: 'hit' });
        return this.replay(plan, hit, hooks, started);
      }
      this.options.metrics.cacheOperations.inc({ result: 'miss' });
    }

    let shared = key !== null ? this.inFlight.get(key) : undefined;
    if (shared) this.options.metrics.cacheOperations.inc({ result: 'coalesced' });
    else {
      const generation = new SharedGeneration();
      generation.done = this.generate(plan, generation).finally(() => {
        if (key !== null && this.inFlight.get(key) === generation) this.inFlight.delete(key);
      });
      if (key !== null) {
        this.inFlight.set(key, generation);
        void generation.done.then((outcome) => this.store(key, outcome));
      }
      shared = generation;
    }
    return this.listen(plan, shared, hooks, started);
  }

  /** Follows a shared generation from its first chunk, until it ends or this caller leaves. */
  private async listen(plan: AnswerPlan, shared: SharedGeneration, hooks: AnswerHooks, started: number): Promise<AnswerResult> {
    let text = '';
    let ttftMs: number | null = null;
    const deliver = (chunk: string) => {
      if (ttftMs === null) ttftMs = Math.round(performance.now() - started);
      text += chunk;
      hooks.onToken(chunk);
    };
    for (const chunk of shared.chunks) deliver(chunk);
    shared.listeners.add(deliver);
    shared.subscribers++;

    let leave!: () => void;
    const left = new Promise<'left'>((resolve) => {
      leave = () => resolve('left');
      if (hooks.signal.aborted) leave();
      else hooks.signal.addEventListener('abort', leave, { once: true });
    });
    try {
      const outcome = await Promise.race([shared.done, left]);
      const latencyMs = Math.round(performance.now() - started);
      if (outcome === 'left') {
        return this.result(
          plan,
          { text, status: 'cancelled', model: plan.candidates[0]!.model, provider: null, usage: null, finishReason: null, error: null },
          { ttftMs, latencyMs, cached: false },
        );
      }
      return this.result(plan, { ...outcome, text }, { ttftMs, latencyMs, cached: false });
    } finally {
      hooks.signal.removeEventListener('abort', leave);
      shared.listeners.delete(deliver);
      // The last caller to leave takes the upstream call down with it.
      if (--shared.subscribers === 0) shared.controller.abort();
    }
  }

  private async generate(plan: AnswerPlan, shared: SharedGeneration): Promise<Outcome> {
    let model = plan.candidates[0]!.model;
    let provider: string | null = plan.candidates[0]!.endpoint.name;
    let usage: TokenUsage | null = null;
    let finishReason: string | null = null;
    let text = '';
    try {
      const events = this.options.router.stream(
        plan.candidates,
        { messages: plan.messages, ...plan.sampling },
        { signal: shared.controller.signal },
      );
      for await (const event of events) {
        if (event.type === 'token') {
          text += event.text;
          shared.push(event.text);
        } else if (event.type === 'attempt') {
          model = event.model;
          provider = event.provider;
        } else {
          usage = event.usage;
          finishReason = event.finishReason;
        }
      }
      return { text, status: 'complete', model, provider, usage, finishReason, error: null };
    } catch (err) {
      if (err instanceof LlmError) {
        if (err.code === 'cancelled') return { text, status: 'cancelled', model, provider, usage, finishReason, error: null };
        return {
          text,
          status: 'error',
          model: err.model ?? model,
          provider: err.provider ?? provider,
          usage,
          finishReason,
          error: { code: err.code, message: err.message },
        };
      }
      this.options.logger.error({ err }, 'answer generation failed');
      return {
        text,
        status: 'error',
        model,
        provider,
        usage,
        finishReason,
        error: { code: 'internal_error', message: 'The answer could not be generated' },
      };
    }
  }

  private async store(key: string, outcome: Outcome): Promise<void> {
    if (outcome.status !== 'complete' || outcome.text === '') return;
    const value: CachedAnswer = {
      text: outcome.text,
      model: outcome.model,
      provider: outcome.provider,
      usage: outcome.usage ?? { promptTokens: 0, completionTokens: countTokens(outcome.text) },
      finishReason: outcome.finishReason,
    };
    try {
      await this.options.cache.set(`answer:${key}`, value, this.options.cacheTtlMs);
      this.options.metrics.cacheOperations.inc({ result: 'store' });
    } catch (err) {
      this.options.logger.warn({ err }, 'response cache unavailable; answer not cached');
    }
  }

  /** A cached answer streams like a fresh one, in small pieces. */
  private replay(plan: AnswerPlan, hit: CachedAnswer, hooks: AnswerHooks, started: number): AnswerResult {
    let ttftMs: number | null = null;
    let text = '';
    for (const piece of chunkForStreaming(hit.text)) {
      if (hooks.signal.aborted) {
        return this.result(
          plan,
          { ...hit, text, status: 'cancelled', error: null },
          { ttftMs, latencyMs: Math.round(performance.now() - started), cached: true },
        );
      }
      ttftMs ??= Math.round(performance.now() - started);
      text += piece;
      hooks.onToken(piece);
    }
    return this.result(
      plan,
      { ...hit, text, status: 'complete', error: null },
      { ttftMs, latencyMs: Math.round(performance.now() - started), cached: true },
    );
  }

  private extractive(plan: AnswerPlan, hooks: AnswerHooks, started: number): AnswerResult {
    // Hybrid retrieval always returns the nearest vectors, related or not; a quote must share words with the question.
    const passages = plan.passages.filter((p) => sharesTerms(plan.question, p.text, plan.language));
    const answer = extractiveAnswer({ question: plan.question, passages, language: plan.language });
    let ttftMs: number | null = null;
    let text = '';
    let status: 'complete' | 'cancelled' = 'complete';
    for (const piece of chunkForStreaming(answer.text)) {
      if (hooks.signal.aborted) {
        status = 'cancelled';
        break;
      }
      ttftMs ??= Math.round(performance.now() - started);
      text += piece;
      hooks.onToken(piece);
    }
    return this.result(
      { ...plan, passages },
      {
        text,
        status,
        model: EXTRACTIVE_MODEL,
        provider: null,
        usage: { promptTokens: 0, completionTokens: 0 },
        finishReason: 'stop',
        error: null,
      },
      { ttftMs, latencyMs: Math.round(performance.now() - started), cached: false },
    );
  }

  private result(plan: AnswerPlan, outcome: Outcome, timing: { ttftMs: number | null; latencyMs: number; cached: boolean }): AnswerResult {
    const usage = outcome.usage ?? {
      // The server sent no usage (or the answer was cut): count as OpenAI would, with the same tokenizer.
      promptTokens: outcome.model === EXTRACTIVE_MODEL ? 0 : plan.promptTokens,
      completionTokens: outcome.model === EXTRACTIVE_MODEL || outcome.text === '' ? 0 : countTokens(outcome.text),
    };
    if (!timing.cached && outcome.model !== EXTRACTIVE_MODEL) {
      this.options.metrics.tokens.inc({ direction: 'prompt' }, usage.promptTokens);
      this.options.metrics.tokens.inc({ direction: 'completion' }, usage.completionTokens);
    }
    return {
      text: outcome.text,
      status: outcome.status,
      model: outcome.model,
      provider: outcome.provider,
      usage,
      finishReason: outcome.finishReason,
      ttftMs: timing.ttftMs,
      latencyMs: timing.latencyMs,
      cached: timing.cached,
      citations: citationsFor(outcome.text, plan.passages),
      error: outcome.error,
    };
  }
}

/** The HTTP error for an answer that failed: 504 when the model timed out, 502 otherwise. */
export function answerFailed(error: AnswerResult['error'], details?: Record<string, unknown>): AppError {
  const code = error?.code ?? 'upstream_error';
  return new AppError(code === 'upstream_timeout' ? 504 : 502, code, error?.message ?? 'The answer failed', details);
}

/**
 * The passages an answer cites by [n], in order of first mention. An answer that cites nothing but had
 * passages in its prompt lists them all, so a reader can still check where it came from.
 */
export function citationsFor(text: string, passages: readonly RetrievedPassage[]): Citation[] {
  if (passages.length === 0) return [];
  const byN = new Map(passages.map((p) => [p.n, p]));
  const cited = citedNumbers(text, [...byN.keys()]);
  const chosen = cited.length > 0 ? cited.map((n) => byN.get(n)!) : passages;
  return chosen.map((p) => ({
    n: p.n,
    documentId: p.documentId,
    documentTitle: p.documentTitle,
    chunkId: p.chunkId,
    page: p.page,
    url: p.url,
    quote: quoteFor(p.text, text),
  }));
}

/** Whether a passage shares a word of three letters or more with the question (after search normalisation). */
export function sharesTerms(question: string, passage: string, language: string): boolean {
  const words = (text: string) =>
    searchTextOf(text, language)
      .split(' ')
      .filter((w) => [...w].length >= 3);
  const asked = new Set(words(question));
  return words(passage).some((w) => asked.has(w));
}

/** The exact-cache key of a request: everything the answer is a function of. */
export function answerCacheKey(parts: {
  assistantId: string;
  assistantVersion: number;
  candidates: readonly LlmCandidate[];
  sampling: SamplingSettings;
  messages: readonly ChatMessage[];
  chunkIds: readonly string[];
}): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify([
      parts.assistantId,
      parts.assistantVersion,
      parts.candidates.map((c) => [c.endpoint.id, c.endpoint.baseUrl, c.model]),
      parts.sampling,
      parts.messages.map((m) => [m.role, m.content.normalize('NFC').replace(/\s+/g, ' ').trim()]),
      parts.chunkIds,
    ]),
  );
  return hash.digest('base64url');
}
