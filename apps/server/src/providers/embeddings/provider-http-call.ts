// One JSON POST to a remote model server with the retry rules every HTTP adapter shares (embeddings,
// rerank): a timeout per attempt, retries with exponential backoff and full jitter on 408/409/429/5xx
// and network errors, `retry-after` honoured, no retry on other 4xx, and every failure turned into a
// ProviderCallError whose message names the call, the status and what the upstream said.
import { ProviderCallError } from './embedding-provider.js';

export interface RetryTiming {
  /** First backoff delay; each retry doubles it, up to maxDelayMs (default 500). */
  readonly initialDelayMs?: number;
  /** Longest wait between attempts; a `retry-after` longer than this fails the call instead (default 20 000). */
  readonly maxDelayMs?: number;
  /** Waits between attempts; tests replace it to see the delays without waiting them. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of jitter in [0, 1). */
  readonly random?: () => number;
}

export interface JsonPostRequest {
  /** Names the call in error messages, e.g. "openai-compatible embeddings (nomic-embed-text)". */
  readonly label: string;
  readonly url: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly retry?: RetryTiming;
  readonly signal?: AbortSignal;
}

const RETRYABLE_STATUS = new Set([408, 409, 429]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status) || status >= 500;
}

/** POSTs `body` as JSON and returns the parsed JSON response, retrying as the module header says. */
export async function postJsonWithRetry(request: JsonPostRequest): Promise<unknown> {
  const initialDelayMs = request.retry?.initialDelayMs ?? 500;
  const maxDelayMs = request.retry?.maxDelayMs ?? 20_000;
  const sleep = request.retry?.sleep ?? abortableSleep;
  const random = request.retry?.random ?? Math.random;

  for (let attempt = 0; ; attempt++) {
    request.signal?.throwIfAborted();
    let failure: { error: ProviderCallError; retryAfterMs?: number };
    try {
      return await attemptOnce(request);
    } catch (error) {
      if (!(error instanceof AttemptError)) throw error;
      failure = error.failure;
    }
    const { error, retryAfterMs } = failure;
    if (!error.isRetryable || attempt >= request.maxRetries) throw error;
    if (retryAfterMs !== undefined && retryAfterMs > maxDelayMs) throw error;
    const backoff = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt) * random();
    await sleep(retryAfterMs ?? backoff, request.signal);
  }
}

class AttemptError extends Error {
  constructor(readonly failure: { error: ProviderCallError; retryAfterMs?: number }) {
    super(failure.error.message);
  }
}

async function attemptOnce(request: JsonPostRequest): Promise<unknown> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await request.fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...request.headers },
      body: JSON.stringify(request.body),
      signal,
    });
  } catch (cause) {
    throw networkFailure(request, cause, timeout);
  }

  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw networkFailure(request, cause, timeout);
  }

  if (!response.ok) {
    const detail = upstreamMessage(text);
    const retryable = isRetryableStatus(response.status);
    const error = new ProviderCallError(
      `${request.label} failed: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` +
        (detail ? `: ${detail}` : ''),
      retryable,
      response.status,
    );
    const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
    throw new AttemptError(retryAfterMs === undefined ? { error } : { error, retryAfterMs });
  }

  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new AttemptError({
      error: new ProviderCallError(`${request.label} failed: the response is not JSON (${preview(text)})`, false, response.status, {
        cause,
      }),
    });
  }
}

function networkFailure(request: JsonPostRequest, cause: unknown, timeout: AbortSignal): Error {
  // The caller's own abort is not a provider failure: let it through untouched.
  if (request.signal?.aborted) return request.signal.reason instanceof Error ? request.signal.reason : new Error('aborted');
  const reason = timeout.aborted ? `no response within ${request.timeoutMs} ms` : `network error: ${describeCause(cause)}`;
  return new AttemptError({ error: new ProviderCallError(`${request.label} failed: ${reason}`, true, undefined, { cause }) });
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  // undici reports "fetch failed" and hides the socket error in `cause`.
  const inner = cause.cause instanceof Error ? cause.cause.message : '';
  return inner && inner !== cause.message ? `${cause.message} (${inner})` : cause.message;
}

/** The upstream's own error text: OpenAI `{error: {message}}`, `{error: "..."}`, `{message}`, `{detail}` or plain text. */
function upstreamMessage(text: string): string {
  if (!text.trim()) return '';
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object') {
      const record = body as Record<string, unknown>;
      const error = record.error;
      if (typeof error === 'string') return error;
      if (error && typeof error === 'object' && typeof (error as Record<string, unknown>).message === 'string') {
        return (error as Record<string, string>).message!;
      }
      if (typeof record.message === 'string') return record.message;
      if (typeof record.detail === 'string') return record.detail;
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return preview(text);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** `retry-after` in seconds or as an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Bounds how many calls run at once across everything that shares the limiter. */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next waiter, so no newcomer can slip in between.
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** `${baseUrl}/v1/${path}`, accepting a base URL given with or without its `/v1`. */
export function openAIStyleUrl(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return /\/v1$/.test(base) ? `${base}/${path}` : `${base}/v1/${path}`;
}
