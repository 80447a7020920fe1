// The one way the SDK talks HTTP: builds the URL from the OpenAPI path and params, sends the credential
// (a secret key or the session's access token) and the organization header, refreshes an expired access
// token once per expiry however many requests found it expired, and turns failures into ParleyError or
// ParleyConnectionError. Only fetch, Headers, FormData and AbortController: Node 20 and browsers alike.
import type { CallOptions, HttpMethod, PathsWith, RequestParts, ResponseBody, paths } from './api-types.js';
import { ParleyConnectionError, ParleyError, errorFromResponse } from './errors.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** A signed-in session's tokens, as the app should persist them. */
export interface ParleyTokens {
  accessToken: string | null;
  refreshToken: string | null;
  /** ISO time the access token expires, when known. */
  accessTokenExpiresAt: string | null;
}

/** Called with the new tokens after login, register and every refresh, and with null once the session ended. */
export type TokensListener = (tokens: ParleyTokens | null) => void;

/** The tokens of one signed-in user, shared by every client derived from one `new Parley()`. */
export class Session {
  accessToken: string | null;
  refreshToken: string | null;
  accessTokenExpiresAt: string | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(
    tokens: { accessToken?: string | null; refreshToken?: string | null },
    private readonly onTokens: TokensListener | undefined,
  ) {
    this.accessToken = tokens.accessToken ?? null;
    this.refreshToken = tokens.refreshToken ?? null;
  }

  get tokens(): ParleyTokens | null {
    if (!this.accessToken && !this.refreshToken) return null;
    return { accessToken: this.accessToken, refreshToken: this.refreshToken, accessTokenExpiresAt: this.accessTokenExpiresAt };
  }

  set(tokens: { accessToken: string; refreshToken?: string | null; accessTokenExpiresAt?: string | null }): void {
    this.accessToken = tokens.accessToken;
    this.refreshToken = tokens.refreshToken ?? null;
    this.accessTokenExpiresAt = tokens.accessTokenExpiresAt ?? null;
    this.onTokens?.(this.tokens);
  }

  clear(): void {
    const had = this.accessToken !== null || this.refreshToken !== null;
    this.accessToken = null;
    this.refreshToken = null;
    this.accessTokenExpiresAt = null;
    if (had) this.onTokens?.(null);
  }

  /**
   * Exchanges the refresh token for new tokens. Concurrent callers share one exchange: the server rotates
   * refresh tokens, so a second exchange with the same token would be refused. `expired` is the access
   * token a request was refused with; when the session already holds a newer one, nothing is exchanged.
   */
  refresh(exchange: (refreshToken: string) => Promise<void>, expired?: string | null): Promise<void> {
    if (this.refreshing) return this.refreshing;
    if (expired !== undefined && this.accessToken !== null && this.accessToken !== expired) return Promise.resolve();
    const refreshToken = this.refreshToken;
    if (!refreshToken) return Promise.reject(new Error('No refresh token'));
    this.refreshing = exchange(refreshToken).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }
}

export interface TransportConfig {
  baseUrl: string;
  apiKey: string | undefined;
  organizationId: string | undefined;
  headers: Record<string, string>;
  credentials: RequestInit['credentials'] | undefined;
  fetch: FetchLike;
  session: Session;
}

/** Internal request parts: the typed ones, plus a multipart form for uploads. */
export interface SendParts extends CallOptions {
  params?: Record<string, string | number> | undefined;
  query?: object | undefined;
  body?: unknown;
  form?: FormData;
  /** Whether to send the credential and organization and refresh on expiry (default true; false for sign-in and public routes). */
  auth?: boolean;
  /** `Accept` header; `application/json` by default. */
  accept?: string;
}

export class Transport {
  constructor(readonly config: TransportConfig) {}

  /** A transport that acts in another organization, sharing this one's session. */
  withOrganization(organizationId: string | undefined): Transport {
    return new Transport({ ...this.config, organizationId });
  }

  /** Calls an operation and returns its parsed JSON result (undefined for 204). */
  async request<M extends HttpMethod, P extends PathsWith<M>>(
    method: M,
    path: P,
    parts: RequestParts<P, M> & { form?: FormData; auth?: boolean },
  ): Promise<ResponseBody<P, M>> {
    return (await this.call(method, path, parts as SendParts)) as ResponseBody<P, M>;
  }

  /** `request()` without the types, for callers that check them themselves. */
  async call(method: HttpMethod, path: keyof paths, parts: SendParts): Promise<unknown> {
    return readJson(await this.send(method, path, parts));
  }

  /** Sends a request and returns the 2xx response unread; throws ParleyError for any other status. */
  async send(method: HttpMethod, path: keyof paths, parts: SendParts): Promise<Response> {
    const url = this.url(path, parts.params, parts.query);
    const { session } = this.config;
    const useSession = parts.auth !== false && !this.config.apiKey;
    // A client restored from a stored refresh token alone has no access token yet: get one first.
    if (useSession && !session.accessToken && session.refreshToken) await this.refresh();
    const sentToken = useSession ? session.accessToken : null;
    let response = await this.fetchOnce(method, url, parts, sentToken);
    if (response.status === 401 && useSession && session.refreshToken) {
      const error = await errorFromResponse(response);
      if (error.code !== 'token_expired') throw error;
      await this.refresh(sentToken);
      response = await this.fetchOnce(method, url, parts, session.accessToken);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  /** Refreshes the session's tokens (once for all concurrent callers); ends the session when refused. */
  refresh(expired?: string | null): Promise<void> {
    return this.config.session.refresh(async (refreshToken) => {
      try {
        const session = await this.request('post', '/api/v1/auth/refresh', {
          body: { refreshToken, includeRefreshToken: true },
          auth: false,
        });
        this.config.session.set(session);
      } catch (error) {
        // A refused refresh token will never work again (expired, rotated, or the session ended).
        if (error instanceof ParleyError && error.status === 401) this.config.session.clear();
        throw error;
      }
    }, expired);
  }

  private url(path: string, params: Record<string, string | number> | undefined, query: object | undefined): string {
    const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = params?.[name];
      if (value === undefined || value === '') throw new TypeError(`Missing path parameter "${name}" for ${path}`);
      return encodeURIComponent(String(value));
    });
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
    }
    const qs = search.toString();
    return `${this.config.baseUrl}${filled}${qs ? `?${qs}` : ''}`;
  }

  private async fetchOnce(method: HttpMethod, url: string, parts: SendParts, accessToken: string | null): Promise<Response> {
    const headers = new Headers({ accept: parts.accept ?? 'application/json', ...this.config.headers, ...parts.headers });
    const credential = parts.auth === false ? null : (this.config.apiKey ?? accessToken);
    if (credential) headers.set('authorization', `Bearer ${credential}`);
    // Requests without a credential (sign-in, public widget routes) act in no organization.
    if (this.config.organizationId && parts.auth !== false) headers.set('x-parley-organization', this.config.organizationId);
    let body: string | FormData | undefined;
    if (parts.form) body = parts.form;
    else if (parts.body !== undefined) {
      body = JSON.stringify(parts.body);
      headers.set('content-type', 'application/json');
    }
    const init: RequestInit = { method: method.toUpperCase(), headers };
    if (body !== undefined) init.body = body;
    if (parts.signal) init.signal = parts.signal;
    if (this.config.credentials) init.credentials = this.config.credentials;
    try {
      return await this.config.fetch(url, init);
    } catch (error) {
      if (parts.signal?.aborted) throw parts.signal.reason;
      throw new ParleyConnectionError(`Could not reach Parley at ${url}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ParleyError({
      status: response.status,
      code: 'invalid_response',
      message: `The server answered ${response.status} with a body that is not JSON`,
      requestId: response.headers.get('x-request-id'),
    });
  }
}
