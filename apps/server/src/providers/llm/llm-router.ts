// Sends a chat request to the first model that answers, with one policy for every caller:
// - one overall deadline (totalMs) across every attempt and fallback, never timeout × retries; within it a
//   first-token deadline per attempt and an idle deadline between tokens (the connect timeout is the client's);
// - retries with exponential backoff and full jitter, for retryable failures and only before the first token
//   reached the caller (after that the error goes out with phase 'streaming' and the caller keeps its text);
// - then the next candidate (fallback model), skipping servers whose circuit breaker is open;
// - the caller's abort closes the upstream request at once and ends in LlmError 'cancelled'.
// Deadlines use one timer per attempt that re-arms itself only when it fires early, so a token costs a clock
// read, not a timer reset.
import { abortableSleep } from '../embeddings/provider-http-call.js';
import type { ChatClient, ChatCompletion, ChatRequest, ChatStreamEvent, ModelInfo, TokenUsage } from './chat-model.js';
import { CircuitBreakers, type CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.js';
import { formatDuration, LlmError, type LlmPhase } from './llm-errors.js';
import { OpenAICompatibleClient } from './openai-compatible-client.js';

export interface LlmEndpoint {
  readonly id: string;
  /** Shown in events, errors and metrics. */
  readonly name: string;
  /** Including the version path, e.g. `http://localhost:11434/v1`. */
  readonly baseUrl: string;
  readonly apiKey?: string;
}

export interface LlmCandidate {
  readonly endpoint: LlmEndpoint;
  readonly model: string;
}

export interface Deadlines {
  /** TCP/TLS connect, per connection (fixed when a server's client is created). */
  readonly connectMs: number;
  /** From sending a request to the model's first output, per attempt. */
  readonly firstTokenMs: number;
  /** Longest silence between two pieces of output. */
  readonly idleMs: number;
  /** Everything: all attempts, backoffs and fallbacks. */
  readonly totalMs: number;
}

export interface RetryPolicy {
  /** Attempts on one candidate before moving to the next (default 3). */
  readonly maxAttemptsPerCandidate: number;
  /** Backoff before retry n is random in [0, min(maxDelayMs, baseDelayMs × 2^(n-1))) (default 250). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export type RoutedEvent =
  | {
      readonly type: 'attempt';
      /** The endpoint's name. */
      readonly provider: string;
      readonly providerId: string;
      readonly model: string;
      /** 1-based, per candidate. */
      readonly attempt: number;
    }
  | ChatStreamEvent;

export interface AttemptOutcome {
  readonly provider: string;
  readonly model: string;
  readonly status: 'ok' | 'error' | 'cancelled' | 'timeout';
  readonly latencyMs: number;
  /** Time to the first token; null when none came. */
  readonly ttftMs: number | null;
  readonly usage: TokenUsage | null;
}

/** Metrics hooks, called once each per attempt (skipped attempts call neither). */
export interface LlmObserver {
  started(provider: string, model: string): void;
  finished(outcome: AttemptOutcome): void;
}

export interface LlmRouterOptions {
  readonly deadlines: Deadlines;
  readonly retry?: Partial<RetryPolicy>;
  readonly breaker?: CircuitBreakerOptions;
  /** The client for an endpoint; by default one OpenAICompatibleClient per endpoint, kept while its settings hold. */
  readonly clientFor?: (endpoint: LlmEndpoint) => ChatClient;
  readonly observer?: LlmObserver;
  /** Jitter source in [0, 1). */
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface RouteOptions {
  readonly signal: AbortSignal;
  /** Overrides for this call (connectMs cannot change per call: it belongs to the connection pool). */
  readonly deadlines?: Partial<Deadlines>;
}

export type RoutedRequest = Omit<ChatRequest, 'model'>;

/** A finished completion and who wrote it. */
export interface RoutedCompletion extends ChatCompletion {
  readonly provider: string;
  readonly providerId: string;
  readonly model: string;
}

const now = performance.now.bind(performance);
const NO_OBSERVER: LlmObserver = { started: () => {}, finished: () => {} };

export class LlmRouter {
  private readonly deadlines: Deadlines;
  private readonly retry: RetryPolicy;
  private readonly breakers: CircuitBreakers;
  private readonly clientFor: (endpoint: LlmEndpoint) => ChatClient;
  private readonly observer: LlmObserver;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly clients = new Map<string, { key: string; client: OpenAICompatibleClient }>();

  constructor(options: LlmRouterOptions) {
    this.deadlines = options.deadlines;
    this.retry = {
      maxAttemptsPerCandidate: options.retry?.maxAttemptsPerCandidate ?? 3,
      baseDelayMs: options.retry?.baseDelayMs ?? 250,
      maxDelayMs: options.retry?.maxDelayMs ?? 4000,
    };
    this.breakers = new CircuitBreakers(options.breaker);
    this.clientFor = options.clientFor ?? ((endpoint) => this.cachedClient(endpoint));
    this.observer = options.observer ?? NO_OBSERVER;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? abortableSleep;
  }

  /** Streams the answer of the first candidate that gives one; see the module header for the policy. */
  stream(candidates: readonly LlmCandidate[], request: RoutedRequest, options: RouteOptions): AsyncGenerator<RoutedEvent, void> {
    return this.run(candidates, request, options, false);
  }

  /**
   * The same policy without streaming to the caller. Since no token has been handed out yet, a stream
   * that fails midway is retried like one that never started.
   */
  async complete(candidates: readonly LlmCandidate[], request: RoutedRequest, options: RouteOptions): Promise<RoutedCompletion> {
    let text = '';
    let from: Extract<RoutedEvent, { type: 'attempt' }> | undefined;
    let end: Extract<RoutedEvent, { type: 'end' }> | undefined;
    for await (const event of this.run(candidates, request, options, true)) {
      if (event.type === 'token') text += event.text;
      else if (event.type === 'end') end = event;
      else {
        from = event;
        text = '';
      }
    }
    // run() ends normally only after an `end` from the attempt it announced.
    return {
      text,
      finishReason: end!.finishReason,
      usage: end!.usage,
      toolCalls: end!.toolCalls,
      provider: from!.provider,
      providerId: from!.providerId,
      model: from!.model,
    };
  }

  /** The models an endpoint serves (GET /models), within the total deadline. */
  async listModels(endpoint: LlmEndpoint, signal: AbortSignal): Promise<ModelInfo[]> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      controller.abort(
        new LlmError({
          code: 'upstream_timeout',
          message: `model server ${endpoint.name} (${endpoint.baseUrl}) did not list its models within ${formatDuration(this.deadlines.totalMs)}`,
          provider: endpoint.name,
        }),
      );
    }, this.deadlines.totalMs);
    try {
      if (signal.aborted) onAbort();
      return await this.clientFor(endpoint).listModels(controller.signal);
    } catch (error) {
      throw asLlmError(error, endpoint.name).withContext({ provider: endpoint.name });
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Breaker state per endpoint id, for readiness and metrics. */
  breakerStates(): Record<string, CircuitState> {
    return this.breakers.states();
  }

  /** Closes the connection pools of the default clients (requests in flight finish first). */
  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map(({ client }) => client.close()));
  }

  private cachedClient(endpoint: LlmEndpoint): ChatClient {
    const key = `${endpoint.baseUrl}\n${endpoint.apiKey ?? ''}`;
    const cached = this.clients.get(endpoint.id);
    if (cached?.key === key) return cached.client;
    // The endpoint was edited: the old pool finishes its requests and closes.
    if (cached) void cached.client.close().catch(() => {});
    const client = new OpenAICompatibleClient({
      baseUrl: endpoint.baseUrl,
      connectTimeoutMs: this.deadlines.connectMs,
      ...(endpoint.apiKey ? { apiKey: endpoint.apiKey } : {}),
    });
    this.clients.set(endpoint.id, { key, client });
    return client;
  }

  private async *run(
    candidates: readonly LlmCandidate[],
    request: RoutedRequest,
    options: RouteOptions,
    retryMidStream: boolean,
  ): AsyncGenerator<RoutedEvent, void> {
    if (candidates.length === 0) {
      throw new LlmError({ code: 'no_model', message: 'no language model is configured for this request', retryable: false });
    }
    const { signal } = options;
    const deadlines = options.deadlines ? { ...this.deadlines, ...options.deadlines } : this.deadlines;
    const totalEndsAt = now() + deadlines.totalMs;
    let lastError: LlmError | undefined;
    let skipped: LlmError | undefined;

    for (const candidate of candidates) {
      const { endpoint, model } = candidate;
      const breaker = this.breakers.for(endpoint.id);
      for (let attempt = 1; attempt <= this.retry.maxAttemptsPerCandidate; attempt++) {
        if (signal.aborted) throw routerCancelled(candidate, 'before_first_token', signal.reason);
        if (now() >= totalEndsAt) throw lastError ?? totalTimeout(candidate, deadlines.totalMs);
        if (!breaker.tryAcquire()) {
          skipped = circuitOpen(candidate, breaker);
          break;
        }
        let announced = false;
        try {
          yield { type: 'attempt', provider: endpoint.name, providerId: endpoint.id, model, attempt };
          announced = true;
        } finally {
          // The caller stopped reading at the announcement: give back the breaker's (possibly half-open trial) slot.
          if (!announced) breaker.release();
        }
        try {
          yield* this.attempt(candidate, breaker, { ...request, model }, signal, deadlines, totalEndsAt);
          return;
        } catch (error) {
          const failure = asLlmError(error, endpoint.name);
          if (failure.code === 'cancelled') throw failure;
          if (failure.phase === 'streaming' && !retryMidStream) throw failure;
          lastError = failure;
          if (!failure.retryable || attempt === this.retry.maxAttemptsPerCandidate) break;
          const remaining = totalEndsAt - now();
          const backoff = this.random() * Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
          const delay = failure.retryAfterMs ?? backoff;
          // No time to wait and try again: the next candidate gets what is left.
          if (delay >= remaining) break;
          try {
            await this.sleep(delay, signal);
          } catch (reason) {
            if (signal.aborted) throw routerCancelled(candidate, 'before_first_token', signal.reason);
            throw reason;
          }
        }
      }
    }
    throw lastError ?? skipped!;
  }

  /** One request to one model, with its deadlines, breaker report and observer calls. */
  private async *attempt(
    candidate: LlmCandidate,
    breaker: CircuitBreaker,
    request: ChatRequest,
    callerSignal: AbortSignal,
    deadlines: Deadlines,
    totalEndsAt: number,
  ): AsyncGenerator<ChatStreamEvent, void> {
    const provider = candidate.endpoint.name;
    const model = candidate.model;
    const controller = new AbortController();
    const startedAt = now();
    const firstOutputBy = Math.min(startedAt + deadlines.firstTokenMs, totalEndsAt);
    let tokens = 0;
    let ttftMs: number | null = null;
    let sawOutput = false;
    let waiting = false;
    let lastActivity = startedAt;
    let timeout: { error: LlmError; countsAgainstServer: boolean } | undefined;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    /** When the armed timer fires. */
    let armedFor = Infinity;

    const phase = (): LlmPhase => (tokens > 0 ? 'streaming' : 'before_first_token');
    const fire = (error: LlmError, countsAgainstServer: boolean) => {
      timeout = { error, countsAgainstServer };
      controller.abort(error);
    };
    const check = () => {
      timer = undefined;
      armedFor = Infinity;
      const t = now();
      if (t >= totalEndsAt) {
        const why =
          tokens > 0
            ? `${model} had not finished within the overall deadline of ${formatDuration(deadlines.totalMs)} (after ${tokens} tokens)`
            : `no first token from ${model} within the overall deadline of ${formatDuration(deadlines.totalMs)}`;
        // Only a full first-token wait with nothing to show counts against the server: a window cut short
        // by the overall deadline says nothing certain about its health.
        return fire(timeoutError(why, candidate, phase()), !sawOutput && firstOutputBy - startedAt >= deadlines.firstTokenMs);
      }
      let due: number;
      if (!sawOutput) {
        due = firstOutputBy;
        if (t >= due)
          return fire(
            timeoutError(`no first token from ${model} within ${formatDuration(deadlines.firstTokenMs)}`, candidate, phase()),
            true,
          );
      } else if (waiting) {
        due = lastActivity + deadlines.idleMs;
        if (t >= due) {
          const why = `${model} sent nothing for ${formatDuration(deadlines.idleMs)} after ${tokens > 0 ? `${tokens} tokens` : 'its last output'}`;
          return fire(timeoutError(why, candidate, phase()), true);
        }
      } else {
        // The caller is busy with the last token; the idle clock starts when we wait again.
        due = t + deadlines.idleMs;
      }
      arm(Math.min(due, totalEndsAt) + 1, t);
    };
    const arm = (at: number, t: number) => {
      armedFor = at;
      timer = setTimeout(check, at - t);
    };
    // The timer may be armed for the first-token deadline; the idle one, now in force, can be sooner.
    const firstOutput = () => {
      sawOutput = true;
      const t = now();
      lastActivity = t;
      if (t + deadlines.idleMs < armedFor) {
        clearTimeout(timer);
        arm(Math.min(t + deadlines.idleMs, totalEndsAt) + 1, t);
      }
    };
    const onCallerAbort = () => controller.abort(routerCancelled(candidate, phase(), callerSignal.reason));
    const onOutput = () => {
      if (sawOutput) lastActivity = now();
      else firstOutput();
    };

    const settle = (status: AttemptOutcome['status'], usage: TokenUsage | null, error?: LlmError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      callerSignal.removeEventListener('abort', onCallerAbort);
      if (status === 'ok') breaker.success();
      else if (error && countsAgainstServer(error, timeout)) breaker.failure();
      else breaker.release();
      this.observer.finished({ provider, model, status, latencyMs: now() - startedAt, ttftMs, usage });
    };

    this.observer.started(provider, model);
    callerSignal.addEventListener('abort', onCallerAbort, { once: true });
    if (callerSignal.aborted) onCallerAbort();
    arm(firstOutputBy, startedAt);

    let iterator: AsyncIterator<ChatStreamEvent> | undefined;
    try {
      iterator = this.clientFor(candidate.endpoint).stream(request, controller.signal, { onOutput })[Symbol.asyncIterator]();
      for (;;) {
        lastActivity = now();
        waiting = true;
        let result: IteratorResult<ChatStreamEvent>;
        try {
          result = await iterator.next();
        } finally {
          waiting = false;
        }
        if (result.done) break;
        const event = result.value;
        if (!sawOutput) firstOutput();
        if (event.type === 'token') {
          if (tokens++ === 0) ttftMs = now() - startedAt;
        } else {
          settle('ok', event.usage);
          await iterator.return?.();
          yield event;
          return;
        }
        yield event;
      }
      throw new LlmError({ code: 'upstream_cut', message: `the stream of ${model} ended without an end event`, phase: phase() });
    } catch (error) {
      let failure: LlmError;
      if (timeout) failure = timeout.error;
      else if (callerSignal.aborted) failure = routerCancelled(candidate, phase(), callerSignal.reason);
      else failure = asLlmError(error, provider);
      failure = failure.withContext({ provider, model, phase: phase() });
      settle(failure.code === 'cancelled' ? 'cancelled' : failure.code === 'upstream_timeout' ? 'timeout' : 'error', null, failure);
      throw failure;
    } finally {
      if (!settled) {
        // The caller stopped reading (break / return): close the upstream request.
        settle('cancelled', null);
        controller.abort(routerCancelled(candidate, phase(), undefined));
        await iterator?.return?.();
      } else if (controller.signal.aborted) {
        await iterator?.return?.();
      }
    }
  }
}

/** Whether a failure says the server is unhealthy (and so counts towards opening its breaker). */
function countsAgainstServer(error: LlmError, timeout: { countsAgainstServer: boolean } | undefined): boolean {
  switch (error.code) {
    case 'upstream_timeout':
      return timeout ? timeout.countsAgainstServer : true;
    case 'upstream_unavailable':
    case 'upstream_cut':
      return true;
    case 'upstream_error':
      return error.status === undefined || error.status >= 500;
    default:
      return false;
  }
}

function asLlmError(error: unknown, provider: string): LlmError {
  if (error instanceof LlmError) return error;
  return new LlmError({
    code: 'upstream_error',
    message: `model server ${provider} failed: ${error instanceof Error ? error.message : String(error)}`,
    retryable: false,
    provider,
    cause: error,
  });
}

function timeoutError(message: string, candidate: LlmCandidate, phase: LlmPhase): LlmError {
  return new LlmError({ code: 'upstream_timeout', message, provider: candidate.endpoint.name, model: candidate.model, phase });
}

function totalTimeout(candidate: LlmCandidate, totalMs: number): LlmError {
  return timeoutError(
    `no answer from any model within the overall deadline of ${formatDuration(totalMs)}`,
    candidate,
    'before_first_token',
  );
}

function routerCancelled(candidate: LlmCandidate, phase: LlmPhase, reason: unknown): LlmError {
  return new LlmError({
    code: 'cancelled',
    message: `the request to ${candidate.model} at ${candidate.endpoint.name} was cancelled by the caller`,
    retryable: false,
    provider: candidate.endpoint.name,
    model: candidate.model,
    phase,
    ...(reason !== undefined ? { cause: reason } : {}),
  });
}

function circuitOpen(candidate: LlmCandidate, breaker: CircuitBreaker): LlmError {
  const wait = breaker.retryInMs;
  return new LlmError({
    code: 'circuit_open',
    message:
      `model server ${candidate.endpoint.name} is paused after repeated failures` +
      (wait > 0 ? `; it will be tried again in ${formatDuration(wait)}` : '; a trial request is already running'),
    retryable: false,
    provider: candidate.endpoint.name,
    model: candidate.model,
  });
}
