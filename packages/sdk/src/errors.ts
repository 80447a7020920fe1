// What the SDK throws: ParleyError for an answer in the server's error shape (its stable `code`, details,
// request id and Retry-After), ParleyConnectionError when no answer came (network, DNS, a cut stream).

/**
 * The codes the server sends today (the list in docs/api.md#errors). A type test keeps it equal to
 * `errorCodes` in @parley/contracts; the server may add codes, so `code` is any string.
 */
export type KnownErrorCode =
  | 'validation_error'
  | 'invalid_json'
  | 'invalid_content_length'
  | 'bad_request'
  | 'invalid_text'
  | 'invitation_invalid'
  | 'invalid_request'
  | 'unauthorized'
  | 'invalid_credentials'
  | 'token_expired'
  | 'forbidden'
  | 'registration_closed'
  | 'origin_not_allowed'
  | 'wrong_key_kind'
  | 'route_not_found'
  | 'organization_not_found'
  | 'assistant_not_found'
  | 'api_key_not_found'
  | 'member_not_found'
  | 'invitation_not_found'
  | 'document_not_found'
  | 'conversation_not_found'
  | 'message_not_found'
  | 'email_taken'
  | 'slug_taken'
  | 'already_member'
  | 'last_owner'
  | 'document_in_progress'
  | 'answer_in_progress'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'unsupported_media_type'
  | 'url_not_allowed'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal_error';

/**
 * The server's error code, or one of the SDK's own when the answer was not in the error shape:
 * `http_error` (a proxy's HTML page, say) and `invalid_response` (a 2xx body that is not JSON).
 */
export type ParleyErrorCode = KnownErrorCode | 'http_error' | 'invalid_response' | (string & {});

/** One problem with one field of a rejected request (`details.issues` of a `validation_error`). */
export interface FieldIssue {
  /** Where the value came from and the field, dotted: `body.generation.temperature`, `querystring.limit`. */
  path: string;
  message: string;
  code: string;
}

export interface ParleyErrorInit {
  status: number;
  code: ParleyErrorCode;
  message: string;
  details?: unknown;
  requestId?: string | null;
  retryAfter?: number | null;
}

/** The server answered with an error. Program against `code`, not `message`. */
export class ParleyError extends Error {
  override readonly name = 'ParleyError';
  /** HTTP status. */
  readonly status: number;
  /** The server's stable error code, e.g. `conversation_not_found`. */
  readonly code: ParleyErrorCode;
  /** Extra facts: `issues` for validation errors, ids for others; undefined when none. */
  readonly details: unknown;
  /** The request's id (the `x-request-id` header): quote it when reporting a problem. */
  readonly requestId: string | null;
  /** Seconds to wait before retrying (from `Retry-After` on 429 and 503), or null. */
  readonly retryAfter: number | null;

  constructor(init: ParleyErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }

  /** The field issues of a validation error (empty for other errors). */
  get issues(): FieldIssue[] {
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    return Array.isArray(issues) ? (issues as FieldIssue[]) : [];
  }

  /** Whether the same request may succeed later: rate limits, timeouts and server-side failures. */
  get isRetryable(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** No answer came from the server: it could not be reached, or the connection broke mid-answer. */
export class ParleyConnectionError extends Error {
  override readonly name = 'ParleyConnectionError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
  requestId?: string;
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as { error?: unknown } | null)?.error as { code?: unknown; message?: unknown } | undefined;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}

/** Reads a non-2xx response into a ParleyError (consumes its body). */
export async function errorFromResponse(response: Response): Promise<ParleyError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const headerRequestId = response.headers.get('x-request-id');
  let retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (isErrorBody(body)) {
    const detailSeconds = (body.error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    // Browsers hide Retry-After from cross-origin pages the server did not expose it to; the body says it too.
    if (retryAfter === null && typeof detailSeconds === 'number') retryAfter = detailSeconds;
    return new ParleyError({
      status: response.status,
      code: body.error.code,
      message: body.error.message,
      details: body.error.details,
      requestId: body.requestId ?? headerRequestId,
      retryAfter,
    });
  }
  return new ParleyError({
    status: response.status,
    code: 'http_error',
    message: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${text ? `: ${text.slice(0, 200)}` : ''}`,
    requestId: headerRequestId,
    retryAfter,
  });
}
