// The one way the web app talks to the Parley API: JSON in and out, the session cookies, the active
// organization header, one silent refresh of an expired session, and failures as ApiError carrying the
// server's error shape (code, message, field issues, request id).
import type { ErrorResponse, FieldIssue } from '@parley/contracts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field issues of a validation error, keyed by path without the `body.` / `query.` prefix. */
  fieldErrors(): Record<string, string> {
    const issues = (this.details as { issues?: FieldIssue[] } | undefined)?.issues;
    if (!Array.isArray(issues)) return {};
    const out: Record<string, string> = {};
    for (const issue of issues) {
      const key = issue.path.replace(/^(body|query|params)\.?/, '');
      out[key] ??= issue.message;
    }
    return out;
  }
}

/** Raised when the browser cannot reach the server at all (offline, server down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

export const ORGANIZATION_HEADER = 'x-parley-organization';
const ORG_STORAGE_KEY = 'parley.organization';

let activeOrganizationId: string | null = readStoredOrganization();
const unauthenticatedListeners = new Set<() => void>();

function readStoredOrganization(): string | null {
  try {
    return localStorage.getItem(ORG_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function getActiveOrganization(): string | null {
  return activeOrganizationId;
}

export function setActiveOrganization(id: string | null): void {
  activeOrganizationId = id;
  try {
    if (id) localStorage.setItem(ORG_STORAGE_KEY, id);
    else localStorage.removeItem(ORG_STORAGE_KEY);
  } catch {
    // Private mode: the choice lasts for this tab only.
  }
}

/** Called when the session is gone for good (refresh failed); the app sends the person to sign in. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const url = new URL(path.startsWith('/') ? path : `/api/v1/${path}`, window.location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url.pathname + url.search;
}

export function requestHeaders(extra?: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  if (activeOrganizationId) headers[ORGANIZATION_HEADER] = activeOrganizationId;
  return headers;
}

let refreshing: Promise<boolean> | null = null;

/** Exchanges the refresh cookie for a new session once, however many requests hit a 401 together. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((res) => res.ok)
    .catch(() => false)
    .finally(() => {
      setTimeout(() => (refreshing = null), 0);
    });
  return refreshing;
}

/** fetch with the session, the organization header and one refresh on 401; the raw Response. */
export async function apiFetch(path: string, init: RequestInit & { query?: RequestOptions['query'] } = {}): Promise<Response> {
  const { query, ...rest } = init;
  const url = apiUrl(path, query);
  const send = () =>
    fetch(url, { credentials: 'same-origin', ...rest, headers: requestHeaders(rest.headers as Record<string, string> | undefined) }).catch(
      (err: unknown) => {
        if ((err as Error).name === 'AbortError') throw err;
        throw new NetworkError(err);
      },
    );
  let res = await send();
  if (res.status === 401 && !url.startsWith('/api/v1/auth/')) {
    if (await refreshSession()) res = await send();
    if (res.status === 401) for (const listener of unauthenticatedListeners) listener();
  }
  return res;
}

export async function toApiError(res: Response): Promise<ApiError> {
  let body: Partial<ErrorResponse> | null = null;
  try {
    body = (await res.json()) as ErrorResponse;
  } catch {
    body = null;
  }
  return new ApiError(
    res.status,
    body?.error?.code ?? `http_${res.status}`,
    body?.error?.message ?? res.statusText,
    body?.error?.details,
    body?.requestId ?? res.headers.get('x-request-id'),
  );
}

/** A JSON request to the API; resolves with the parsed answer (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal, headers } = options;
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  const res = await apiFetch(path, {
    method,
    query,
    signal,
    headers: { ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
