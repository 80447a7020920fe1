// The one error every language-model call ends in. `code` is stable and machine-readable (metrics,
// the chat API's error events); `retryable` says whether trying the same model again may help; `phase`
// says whether any token had reached the caller (after that nothing is retried: the caller keeps the
// partial text). Messages name the model server and what it said, so they can be shown to an operator.

export type LlmErrorCode =
  | 'upstream_timeout'
  | 'upstream_unavailable'
  | 'upstream_rate_limited'
  | 'upstream_error'
  | 'upstream_refused'
  | 'upstream_cut'
  | 'circuit_open'
  | 'cancelled'
  | 'no_model';

export type LlmPhase = 'before_first_token' | 'streaming';

export interface LlmErrorDetails {
  readonly code: LlmErrorCode;
  readonly message: string;
  /** Defaults by code: timeouts, unavailability, rate limits, server errors and cuts are retryable. */
  readonly retryable?: boolean;
  readonly status?: number;
  /** The endpoint's display name (set by the router). */
  readonly provider?: string;
  readonly model?: string;
  readonly phase?: LlmPhase;
  /** What the upstream asked for in `retry-after`, in milliseconds. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

const RETRYABLE_CODES: ReadonlySet<LlmErrorCode> = new Set([
  'upstream_timeout',
  'upstream_unavailable',
  'upstream_rate_limited',
  'upstream_error',
  'upstream_cut',
]);

export class LlmError extends Error {
  override readonly name = 'LlmError';
  readonly code: LlmErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  readonly provider?: string;
  readonly model?: string;
  readonly phase: LlmPhase;
  readonly retryAfterMs?: number;

  constructor(details: LlmErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.retryable = details.retryable ?? RETRYABLE_CODES.has(details.code);
    this.phase = details.phase ?? 'before_first_token';
    if (details.status !== undefined) this.status = details.status;
    if (details.provider !== undefined) this.provider = details.provider;
    if (details.model !== undefined) this.model = details.model;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }

  /** A copy with the context filled in (what is already set wins, except `phase`, which the caller knows best). */
  withContext(context: { readonly provider?: string; readonly model?: string; readonly phase?: LlmPhase }): LlmError {
    const provider = this.provider ?? context.provider;
    const model = this.model ?? context.model;
    const phase = context.phase ?? this.phase;
    if (provider === this.provider && model === this.model && phase === this.phase) return this;
    return new LlmError({
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      phase,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(provider !== undefined ? { provider } : {}),
      ...(model !== undefined ? { model } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      ...(this.cause !== undefined ? { cause: this.cause } : {}),
    });
  }
}

/** The code and retry rule for an HTTP status from a model server. */
export function classifyStatus(status: number): { code: LlmErrorCode; retryable: boolean } {
  if (status === 429) return { code: 'upstream_rate_limited', retryable: true };
  if (status === 502 || status === 503 || status === 504) return { code: 'upstream_unavailable', retryable: true };
  if (status === 408 || status === 409 || status >= 500) return { code: 'upstream_error', retryable: true };
  // 400/401/403/404/422 and the rest: this model will not take this request; a fallback may.
  if (status >= 400) return { code: 'upstream_refused', retryable: false };
  return { code: 'upstream_error', retryable: false };
}

export interface UpstreamContext {
  /** The server's base URL, named in messages. */
  readonly baseUrl: string;
  readonly model?: string;
  readonly phase?: LlmPhase;
}

/** An error answer (status ≥ 400) from a model server. */
export function llmErrorForStatus(
  status: number,
  upstreamText: string,
  context: UpstreamContext,
  options: { readonly retryAfterMs?: number; readonly cause?: unknown } = {},
): LlmError {
  const { code, retryable } = classifyStatus(status);
  const detail = upstreamText ? `: ${upstreamText}` : '';
  return new LlmError({
    code,
    retryable,
    status,
    message: `model server ${context.baseUrl} answered ${status}${detail}`,
    ...contextFields(context),
    ...(options.retryAfterMs !== undefined && code === 'upstream_rate_limited' ? { retryAfterMs: options.retryAfterMs } : {}),
    ...(options.cause !== undefined ? { cause: options.cause } : {}),
  });
}

/** A failure to reach the server or to keep the connection (refused, reset, DNS, TLS, connect timeout). */
export function llmErrorForNetwork(cause: unknown, context: UpstreamContext, connectTimeoutMs?: number): LlmError {
  const connectTimedOut = errorCodes(cause).includes('UND_ERR_CONNECT_TIMEOUT');
  const message =
    connectTimedOut && connectTimeoutMs !== undefined
      ? `could not connect to model server ${context.baseUrl} within ${formatDuration(connectTimeoutMs)}`
      : `model server ${context.baseUrl} is unreachable: ${describeNetworkError(cause)}`;
  return new LlmError({ code: 'upstream_unavailable', message, cause, ...contextFields(context) });
}

export function cancelledError(context: UpstreamContext, cause?: unknown): LlmError {
  const what = context.model ? `the request to ${context.model} at ${context.baseUrl}` : `the request to ${context.baseUrl}`;
  return new LlmError({
    code: 'cancelled',
    message: `${what} was cancelled by the caller`,
    retryable: false,
    ...contextFields(context),
    ...(cause !== undefined ? { cause } : {}),
  });
}

function contextFields(context: UpstreamContext): { model?: string; phase?: LlmPhase } {
  return {
    ...(context.model !== undefined ? { model: context.model } : {}),
    ...(context.phase !== undefined ? { phase: context.phase } : {}),
  };
}

/** The `code` of the error and of each of its causes (undici hides the socket error one or two levels down). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/** "fetch failed (connect ECONNREFUSED 127.0.0.1:9)": the outer message plus the innermost socket error. */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  let inner: Error = error;
  for (let depth = 0; inner.cause instanceof Error && depth < 5; depth++) inner = inner.cause;
  // AggregateError (every address refused) keeps the useful text in its members.
  if (inner instanceof AggregateError && !inner.message && inner.errors[0] instanceof Error) inner = inner.errors[0];
  return inner !== error && inner.message && inner.message !== error.message ? `${error.message} (${inner.message})` : error.message;
}

/** "400 ms", "1.5 s", "10 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** The upstream's own error text from a body: OpenAI `{error: {message}}`, vLLM `{message}`, `{error: "..."}`, `{detail}` or plain text. */
export function upstreamErrorText(body: string): string {
  if (!body.trim()) return '';
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      const error = record.error;
      if (typeof error === 'string') return preview(error);
      if (error && typeof error === 'object' && typeof (error as Record<string, unknown>).message === 'string') {
        return preview((error as Record<string, string>).message!);
      }
      if (typeof record.message === 'string') return preview(record.message);
      if (typeof record.detail === 'string') return preview(record.detail);
    }
  } catch {
    // not JSON: the raw text
  }
  return preview(body);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
