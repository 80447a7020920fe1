// The one error type the crawler throws. `code` is stable and machine-readable; `reason` is a sentence
// fit to show the assistant's owner next to the URL that failed.

export type CrawlErrorCode =
  /** The URL cannot be parsed, has a scheme other than http/https, or carries a user name or password. */
  | 'invalid_url'
  /** The host is, or resolves to, an address the SSRF guard refuses. */
  | 'blocked_address'
  | 'dns_failed'
  | 'network_error'
  | 'timeout'
  /** The caller's AbortSignal fired. */
  | 'aborted'
  | 'too_many_redirects'
  | 'redirect_loop'
  /** The body is larger than the byte limit. */
  | 'too_large'
  /** The server answered with a status other than 2xx. */
  | 'http_error'
  /** robots.txt disallows the URL (or a redirect target). */
  | 'robots_disallowed'
  /** A redirect left the site being crawled. */
  | 'off_site';

export class CrawlError extends Error {
  override readonly name = 'CrawlError';
  /** HTTP status, for `http_error`. */
  readonly status: number | undefined;

  constructor(
    readonly code: CrawlErrorCode,
    readonly reason: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(reason, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
  }
}

export function isCrawlError(error: unknown, code?: CrawlErrorCode): error is CrawlError {
  return error instanceof CrawlError && (code === undefined || error.code === code);
}
