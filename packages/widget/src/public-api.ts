// The widget's client of Parley's public API (/api/v1/public/{key}/…). The first call, GET …/widget,
// is a CORS "simple" request (no custom header) so that even a refused origin can read why it was
// refused; every later call carries the visitor id header and needs the origin to be allowed.
import type { PublicChatEvent, PublicConversation, PublicMessage, PublicWidgetConfig } from '@parley/contracts';
import { readServerSentEvents } from '@parley/sdk/sse';

// The value of the contracts' VISITOR_HEADER, written out: importing the constant would pull zod into the bundle.
const VISITOR_HEADER = 'x-parley-visitor';

/** A failed call: `status` 0 when no response could be read (network, CORS refusal, abort). */
export class PublicApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds from Retry-After, on 429. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'PublicApiError';
  }
}

export interface PublicApiOptions {
  /** The Parley origin, e.g. https://parley.example. */
  readonly base: string;
  /** The publishable key (pk_…). */
  readonly key: string;
  readonly visitorId: () => string;
  readonly fetch?: typeof fetch;
}

export interface PublicApi {
  config(): Promise<PublicWidgetConfig>;
  messages(conversationId: string): Promise<PublicMessage[]>;
  createConversation(): Promise<PublicConversation>;
  /** Sends a message and reads the answer's events until the stream ends (or `signal` aborts it). */
  send(conversationId: string, content: string, signal: AbortSignal, onEvent: (event: PublicChatEvent) => void): Promise<void>;
  cancel(conversationId: string, messageId: string): Promise<void>;
}

export function createPublicApi(options: PublicApiOptions): PublicApi {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const root = `${options.base}/api/v1/public/${encodeURIComponent(options.key)}`;

  async function request(path: string, init: RequestInit & { visitor?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
    if (init.visitor !== false) headers[VISITOR_HEADER] = options.visitorId();
    let response: Response;
    try {
      response = await doFetch(root + path, { ...init, headers, mode: 'cors', credentials: 'omit' });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new PublicApiError(0, 'network', (error as Error).message);
    }
    if (!response.ok) throw await toError(response);
    return response;
  }

  const json = async <T>(path: string, init?: RequestInit & { visitor?: boolean }): Promise<T> =>
    (await request(path, init)).json() as Promise<T>;

  return {
    config: () => json<PublicWidgetConfig>('/widget', { visitor: false }),
    messages: async (id) => (await json<{ items: PublicMessage[] }>(`/conversations/${id}/messages`)).items,
    createConversation: () =>
      json<PublicConversation>('/conversations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    async send(id, content, signal, onEvent) {
      const response = await request(`/conversations/${id}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ content }),
        signal,
      });
      if (!response.body) throw new PublicApiError(0, 'network', 'The answer has no body');
      // The SDK's parser: the same reading of text/event-stream as every Parley client. An aborted read rethrows
      // the signal's AbortError, which the widget treats as the visitor stopping the answer.
      for await (const { event, data } of readServerSentEvents(response.body, signal)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          continue;
        }
        onEvent({ event, data: parsed } as PublicChatEvent);
      }
    },
    async cancel(id, messageId) {
      await request(`/conversations/${id}/messages/${messageId}/cancel`, { method: 'POST', keepalive: true });
    },
  };
}

async function toError(response: Response): Promise<PublicApiError> {
  let code = `http_${response.status}`;
  let message = response.statusText;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const retry = Number(response.headers.get('retry-after'));
  return new PublicApiError(response.status, code, message, Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : null);
}
