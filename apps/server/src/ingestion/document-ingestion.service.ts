// The ingestion pipeline of one document: claim → read (blob or crawl) → parse → chunk → embed →
// replace chunks and mark indexed, with progress through each stage (ingestion-progress.ts). Runs
// inside the `document.ingest` job; every failure ends with the document `failed`, a reason its owner
// can read and its stable code, or, for transient trouble (embedding server down, database hiccup),
// back in the queue for pg-boss's retry with backoff.
import type { DocumentErrorCode, DocumentEvent, RetrievalSettings } from '@parley/contracts';
import { retrievalSettingsSchema } from '@parley/contracts';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { DocumentRow } from '../modules/documents/document.repository.js';
import type { EmbeddingProvider } from '../providers/embeddings/embedding-provider.js';
import { ProviderCallError } from '../providers/embeddings/embedding-provider.js';
import type { Invalidations } from '../state/local-cache.js';
import type { EventBus } from '../state/event-bus.js';
import type { BlobStore } from '../storage/blob-store.js';
import { chunkDocument } from './chunker.js';
import { isCrawlError, type CrawlErrorCode } from './crawler/crawl-error.js';
import { fetchWebDocument } from './web-source.js';
import { DocumentParseError, type Chunk, type DocumentFailure, type ParsedDocument } from './document-model.js';
import { embedAll } from './embed-batches.js';
import { IngestionProgress } from './ingestion-progress.js';
import { IngestionRepository, type ChunkRecord } from './ingestion.repository.js';
import { detectLanguage } from './language-detector.js';
import { parseDocument } from './parsers/parse-document.js';
import { searchTextOf, termCountOf } from './search-text.js';
import { fullTextConfigFor } from './search-normalizer.js';

/** Attempts before a transient failure becomes a permanent one. */
export const MAX_ATTEMPTS = 3;

/** Progress updates of one document are at most this often (stage boundaries aside). */
const PROGRESS_INTERVAL_MS = 250;

export interface IngestionDeps {
  readonly db: Db;
  readonly config: Config;
  readonly blobs: BlobStore;
  readonly events: EventBus;
  readonly embedder: () => Promise<EmbeddingProvider>;
  readonly embeddingModelId: (provider: EmbeddingProvider) => string;
  /** Told when an assistant's searchable knowledge changes (retrieval caches whether it has any). */
  readonly invalidations?: Invalidations;
}

export function documentsChannel(assistantId: string): string {
  return `documents:${assistantId}`;
}

export function documentEvent(row: DocumentRow, type: DocumentEvent['type'] = 'document.updated'): DocumentEvent {
  return {
    type,
    document: {
      id: row.id,
      title: row.title,
      status: row.status,
      progress: row.progress,
      error: row.error,
      errorCode: row.errorCode,
      chunkCount: row.chunkCount,
    },
  };
}

export class DocumentIngestionService {
  private readonly repo: IngestionRepository;

  constructor(private readonly deps: IngestionDeps) {
    this.repo = new IngestionRepository(deps.db);
  }

  private publish(row: DocumentRow | undefined): void {
    if (row) void this.deps.events.publish(documentsChannel(row.assistantId), documentEvent(row)).catch(() => undefined);
  }

  /** Processes one document; returns what happened, for the job's output. */
  async ingest(documentId: string, logger: Logger): Promise<{ outcome: 'indexed' | 'failed' | 'skipped'; chunks?: number }> {
    const { leaseSeconds } = this.deps.config.ingestion;
    const document = await this.repo.claim(documentId, leaseSeconds);
    if (!document) return { outcome: 'skipped' }; // deleted, already indexed, or another worker holds it
    this.publish(document);

    let lost = false;
    const beat = async (value?: number) => {
      const alive = await this.repo.heartbeat(document.id, leaseSeconds, value);
      if (!alive) lost = true;
      return alive;
    };
    // Progress doubles as the lease heartbeat.
    const progress = new IngestionProgress(
      {
        store: beat,
        publish: (value) => this.publish({ ...document, progress: value }),
      },
      { start: document.progress, intervalMs: PROGRESS_INTERVAL_MS },
    );
    // Long silent steps (a big PDF) still renew the lease, without touching progress.
    const keepAlive = setInterval(() => void beat().catch(() => undefined), (leaseSeconds * 1000) / 3);
    keepAlive.unref();

    try {
      const settings = await this.repo.assistantSettings(document.assistantId);
      if (!settings) return { outcome: 'skipped' };
      const retrieval: RetrievalSettings = retrievalSettingsSchema.parse(settings.retrieval);

      const parsed = await this.read(document, (p) => progress.stage('read', p));
      if (lost) return { outcome: 'skipped' };
      await progress.stage('chunk', 0, { milestone: true });

      const language = detectLanguage(sampleText(parsed)) ?? settings.language;
      const chunks = chunkDocument(parsed, { chunkSize: retrieval.chunkSize, chunkOverlap: retrieval.chunkOverlap, language });
      if (chunks.length === 0) throw new DocumentParseError('no_text', 'No text could be extracted from the file');
      await progress.stage('embed', 0, { milestone: true });

      // A web page's own title is better than the URL it was named after at creation.
      const title = parsed.title && document.sourceType === 'url' ? parsed.title : document.title;
      const contextOf = (c: Chunk) => [title, ...c.headingPath].join('\n');
      const embedder = await this.deps.embedder();
      const modelId = this.deps.embeddingModelId(embedder);
      const vectors = await embedAll(
        embedder,
        chunks.map((c) => `${contextOf(c)}\n${c.text}`),
        (done, total) => progress.stage('embed', done / total),
      );
      if (lost) return { outcome: 'skipped' };
      await progress.stage('prepare', 0, { milestone: true });

      const records: ChunkRecord[] = chunks.map((c, i) => {
        const searchText = searchTextOf(`${contextOf(c)}\n${c.text}`, language);
        return {
          ordinal: c.index,
          text: c.text,
          tokenCount: c.tokenCount,
          pageStart: c.pageStart ?? null,
          pageEnd: c.pageEnd ?? null,
          headingPath: c.headingPath,
          charStart: c.charStart,
          charEnd: c.charEnd,
          searchText,
          termCount: termCountOf(searchText),
          embedding: vectors[i] ?? null,
        };
      });
      await progress.stage('write', 0, { milestone: true });
      const row = await this.repo.replaceChunks(
        document,
        records,
        {
          kind: document.sourceType === 'url' ? 'website' : parsed.kind,
          ...(title !== document.title ? { title } : {}),
          pages: parsed.pages ?? null,
          pageUrls: parsed.pageUrls ?? null,
          language,
          tsConfig: fullTextConfigFor(language),
          embeddingModel: modelId,
        },
        // The transaction holds the document's row: these updates go to watchers only.
        (written, total) => progress.stage('write', written / total, { store: false }),
      );
      if (!row) return { outcome: 'skipped' };
      this.publish(row);
      void this.deps.invalidations?.publish('knowledge', row.assistantId);
      logger.info({ documentId, chunks: records.length, pages: parsed.pages }, 'document indexed');
      return { outcome: 'indexed', chunks: records.length };
    } catch (err) {
      const permanent = failureOf(err);
      if (permanent || document.attempts >= MAX_ATTEMPTS) {
        const failure: DocumentFailure = permanent ?? {
          code: 'retries_exhausted',
          reason: `Indexing failed after ${document.attempts} attempts: ${messageOf(err)}`,
        };
        logger.warn({ documentId, code: failure.code, reason: failure.reason, err: permanent ? undefined : err }, 'document failed');
        this.publish(await this.repo.fail(document.id, failure));
        return { outcome: 'failed' };
      }
      logger.warn({ err, documentId, attempt: document.attempts }, 'document ingestion failed; will retry');
      await this.repo.release(document.id, { code: 'retrying', reason: `Retrying after a temporary error: ${messageOf(err)}` });
      throw err;
    } finally {
      clearInterval(keepAlive);
    }
  }

  private async read(document: DocumentRow, onProgress: (p: number) => Promise<void>): Promise<ParsedDocument> {
    if (document.sourceType === 'url') {
      return fetchWebDocument(
        document.sourceName!,
        document.crawl ?? null,
        { allowPrivateNetworks: this.deps.config.crawl.allowPrivateNetworks, concurrency: this.deps.config.crawl.concurrency },
        onProgress,
      );
    }
    if (!document.blobKey) throw new DocumentParseError('content_missing', 'The document has no stored content');
    let bytes: Buffer;
    try {
      bytes = await this.deps.blobs.get(document.blobKey);
    } catch {
      throw new DocumentParseError('content_missing', 'The uploaded file is missing from storage; upload it again');
    }
    return parseDocument(
      bytes,
      {
        ...(document.sourceName ? { filename: document.sourceName } : {}),
        ...(document.mimeType ? { mimeType: document.mimeType } : {}),
      },
      {},
      // Not awaited by the parser: a failed progress write must not read as a damaged file.
      (fraction) => void onProgress(fraction).catch(() => undefined),
    );
  }
}

function sampleText(doc: ParsedDocument): string {
  let out = '';
  for (const block of doc.blocks) {
    out += block.text + '\n';
    if (out.length > 20_000) break;
  }
  return out;
}

/** The crawler's errors that can stop a crawl before its first page (crawlSite), as document failures. */
const CRAWL_FAILURES: Partial<Record<CrawlErrorCode, DocumentErrorCode>> = {
  invalid_url: 'crawl_invalid_url',
  blocked_address: 'crawl_blocked_address',
  dns_failed: 'crawl_dns_failed',
};

/** The permanent failure an error means, or null for a transient one worth retrying. */
function failureOf(err: unknown): DocumentFailure | null {
  if (err instanceof DocumentParseError) return { code: err.code, reason: err.reason };
  if (isCrawlError(err)) return { code: CRAWL_FAILURES[err.code] ?? 'crawl_failed', reason: err.reason };
  if (err instanceof ProviderCallError && !err.isRetryable) {
    return { code: 'embedding_refused', reason: `The embedding service refused the request: ${err.message}` };
  }
  return null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
