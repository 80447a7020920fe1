// An assistant's knowledge: add files, text or web pages, follow their indexing, read their passages,
// re-index and delete them. Adding answers at once; a worker indexes in the background.
import type { AddDocumentBody, AssistantDocument, CallOptions, DocumentChunks, DocumentList, QueryParams } from '../api-types.js';
import { EventStream } from '../event-stream.js';
import { documentEventNames, type DocumentEvent } from '../stream-events.js';
import type { Transport } from '../transport.js';

export type DocumentStreamEvent = { [K in DocumentEvent['type']]: { event: K; data: DocumentEvent & { type: K } } }[DocumentEvent['type']];

export interface WaitForIndexingOptions {
  /** How often to look (default 1000 ms). */
  intervalMs?: number;
  /** Stops waiting; e.g. `AbortSignal.timeout(60_000)`. */
  signal?: AbortSignal;
}

export class DocumentsResource {
  constructor(private readonly transport: Transport) {}

  /** Newest first, with `total`; filter by `status` or title (`q`). */
  list(assistantId: string, query?: QueryParams<'/api/v1/assistants/{id}/documents', 'get'>, options?: CallOptions): Promise<DocumentList> {
    return this.transport.request('get', '/api/v1/assistants/{id}/documents', { params: { id: assistantId }, query, ...options });
  }

  get(assistantId: string, documentId: string, options?: CallOptions): Promise<AssistantDocument> {
    return this.transport.request('get', '/api/v1/assistants/{id}/documents/{docId}', {
      params: { id: assistantId, docId: documentId },
      ...options,
    });
  }

  /**
   * Uploads a file (PDF, DOCX, HTML, Markdown, TXT or CSV, recognised by its content). Answers with the
   * document `queued`, or the existing one with `deduplicated: true` when the same bytes are already there.
   */
  upload(assistantId: string, file: Blob | ArrayBuffer | Uint8Array, filename?: string, options?: CallOptions): Promise<AssistantDocument> {
    const blob = file instanceof Blob ? file : new Blob([file as ArrayBuffer]);
    // A browser File carries its own name.
    const name = filename ?? ('name' in file && typeof file.name === 'string' ? file.name : 'document');
    const form = new FormData();
    form.append('file', blob, name);
    return this.transport.request('post', '/api/v1/assistants/{id}/documents', { params: { id: assistantId }, body: {}, form, ...options });
  }

  /** Adds text (plain or Markdown) as a document. */
  addText(assistantId: string, body: Required<Pick<AddDocumentBody, 'title' | 'text'>>, options?: CallOptions): Promise<AssistantDocument> {
    return this.transport.request('post', '/api/v1/assistants/{id}/documents', { params: { id: assistantId }, body, ...options });
  }

  /** Fetches a web page, or with `crawl` the site from there (links, sitemap.xml, robots.txt obeyed). */
  addUrl(
    assistantId: string,
    body: Required<Pick<AddDocumentBody, 'url'>> & Pick<AddDocumentBody, 'crawl'>,
    options?: CallOptions,
  ): Promise<AssistantDocument> {
    return this.transport.request('post', '/api/v1/assistants/{id}/documents', { params: { id: assistantId }, body, ...options });
  }

  /** Deletes the document with its stored file, passages and vectors. */
  async delete(assistantId: string, documentId: string, options?: CallOptions): Promise<void> {
    await this.transport.request('delete', '/api/v1/assistants/{id}/documents/{docId}', {
      params: { id: assistantId, docId: documentId },
      ...options,
    });
  }

  /** Parses, chunks and embeds the document again (409 `document_in_progress` while it is being indexed). */
  reindex(assistantId: string, documentId: string, options?: CallOptions): Promise<AssistantDocument> {
    return this.transport.request('post', '/api/v1/assistants/{id}/documents/{docId}/reindex', {
      params: { id: assistantId, docId: documentId },
      ...options,
    });
  }

  /** The passages the document was cut into, in document order. */
  chunks(
    assistantId: string,
    documentId: string,
    query?: QueryParams<'/api/v1/assistants/{id}/documents/{docId}/chunks', 'get'>,
    options?: CallOptions,
  ): Promise<DocumentChunks> {
    return this.transport.request('get', '/api/v1/assistants/{id}/documents/{docId}/chunks', {
      params: { id: assistantId, docId: documentId },
      query,
      ...options,
    });
  }

  /**
   * Progress of the assistant's documents as they are indexed or deleted, until the loop stops or `signal`
   * aborts. Events are best effort: after (re)connecting, read the list once.
   */
  events(assistantId: string, options?: CallOptions): EventStream<DocumentStreamEvent> {
    return new EventStream<DocumentStreamEvent>(
      (signal) =>
        this.transport.send('get', '/api/v1/assistants/{id}/documents/events', {
          params: { id: assistantId },
          headers: options?.headers,
          signal,
          accept: 'text/event-stream',
        }),
      documentEventNames,
      options?.signal,
    );
  }

  /** Polls the document until it is `indexed` or `failed`, and returns it (a failed one carries `error` and `errorCode`). */
  async waitForIndexing(assistantId: string, documentId: string, options: WaitForIndexingOptions = {}): Promise<AssistantDocument> {
    const { intervalMs = 1000, signal } = options;
    for (;;) {
      const document = await this.get(assistantId, documentId, { signal });
      if (document.status === 'indexed' || document.status === 'failed') return document;
      await sleep(intervalMs, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
