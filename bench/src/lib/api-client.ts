// A small client for the parts of Parley's HTTP API the benches use (base /api/v1, bearer token).
// A failed call throws ApiError carrying the server's error body, so a bench's failure says why.

export type SearchMode = 'hybrid' | 'vector' | 'text';
export const searchModes: readonly SearchMode[] = ['text', 'vector', 'hybrid'];

export type DocumentStatus = 'queued' | 'processing' | 'indexed' | 'failed';

export interface DocumentInfo {
  id: string;
  title: string;
  status: DocumentStatus;
  progress?: number;
  error?: string | null;
  deduplicated?: boolean;
  chunkCount?: number;
  pages?: number | null;
  language?: string;
  createdAt?: string;
}

export interface SearchResult {
  documentId: string;
  documentTitle?: string;
  chunkId: string;
  text: string;
  score: number;
  page?: number | null;
  headingPath?: string[] | null;
}

export interface RetrievalSettingsPatch {
  chunkSize?: number;
  chunkOverlap?: number;
  topK?: number;
  mode?: SearchMode;
  vectorWeight?: number;
  textWeight?: number;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} → ${status}: ${body.slice(0, 2000)}`);
  }
}

export class ParleyClient {
  private token: string | undefined;
  private organizationId: string | undefined;

  constructor(readonly baseUrl: string) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...(this.organizationId ? { 'x-parley-organization': this.organizationId } : {}),
      ...extra,
    };
  }

  /** The headers this client authenticates with (access token, organization), for requests made elsewhere. */
  authHeaders(): Record<string, string> {
    return this.headers();
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: this.headers(body === undefined ? {} : { 'content-type': 'application/json' }) };
    if (body !== undefined) init.body = JSON.stringify(body);
    return this.send<T>(method, path, init);
  }

  private async send<T>(method: string, path: string, init: RequestInit): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, init);
    const text = await res.text();
    if (!res.ok) throw new ApiError(method, path, res.status, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Registers (the first user of an instance becomes its admin) and keeps the access token. */
  async register(email: string, password: string, name = 'Bench'): Promise<void> {
    const session = await this.request<{ accessToken: string }>('POST', '/auth/register', { email, password, name });
    this.token = session.accessToken;
  }

  useOrganization(id: string | undefined): void {
    this.organizationId = id;
  }

  async createAssistant(name: string, language: string, retrieval?: RetrievalSettingsPatch): Promise<{ id: string }> {
    return this.request('POST', '/assistants', { name, language, ...(retrieval ? { retrieval } : {}) });
  }

  async updateRetrieval(assistantId: string, retrieval: RetrievalSettingsPatch): Promise<void> {
    await this.request('PATCH', `/assistants/${assistantId}`, { retrieval });
  }

  async addTextDocument(assistantId: string, title: string, text: string): Promise<DocumentInfo> {
    return this.request('POST', `/assistants/${assistantId}/documents`, { title, text });
  }

  async uploadFile(assistantId: string, filename: string, bytes: Uint8Array<ArrayBuffer>, mimeType: string): Promise<DocumentInfo> {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: mimeType }), filename);
    const path = `/assistants/${assistantId}/documents`;
    return this.send('POST', path, { method: 'POST', headers: this.headers(), body: form });
  }

  async getDocument(assistantId: string, documentId: string): Promise<DocumentInfo> {
    return this.request('GET', `/assistants/${assistantId}/documents/${documentId}`);
  }

  /** Every document of an assistant, page by page (offset paging with `total`; a `nextCursor` is followed too). */
  async listDocuments(assistantId: string): Promise<DocumentInfo[]> {
    const all: DocumentInfo[] = [];
    let cursor: string | undefined;
    for (;;) {
      const query = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : { offset: String(all.length) }) });
      const page = readPage(await this.request<unknown>('GET', `/assistants/${assistantId}/documents?${query}`));
      all.push(...page.items);
      if (page.items.length === 0) return all;
      if (page.nextCursor) cursor = page.nextCursor;
      else if (page.total === undefined || all.length >= page.total) return all;
    }
  }

  async search(assistantId: string, query: string, options: { topK?: number; mode?: SearchMode } = {}): Promise<SearchResult[]> {
    const res = await this.request<{ results: SearchResult[] }>('POST', `/assistants/${assistantId}/search`, { query, ...options });
    return res.results;
  }
}

/** Reads `{items, total}` (the contract) or `{items, nextCursor}`. */
function readPage(page: unknown): { items: DocumentInfo[]; total?: number; nextCursor?: string } {
  const p = page as { items?: DocumentInfo[]; total?: number; nextCursor?: string | null };
  if (!Array.isArray(p.items)) throw new Error(`unexpected document list shape: ${JSON.stringify(page).slice(0, 300)}`);
  return { items: p.items, ...(p.total !== undefined ? { total: p.total } : {}), ...(p.nextCursor ? { nextCursor: p.nextCursor } : {}) };
}

/** Status and error code of a failed call, for table cells (the full body goes to the log). */
export function shortError(err: unknown): string {
  if (err instanceof ApiError) {
    const code = /"code":"([^"]+)"/.exec(err.body)?.[1];
    return `${err.status}${code ? ` ${code}` : ''}`;
  }
  return err instanceof Error ? err.message.slice(0, 80) : String(err);
}

export function errorText(error: DocumentInfo['error']): string {
  return error || 'unknown error';
}

/** Runs `fn` over `items` with at most `concurrency` calls in flight; results in input order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
