// The ingestion pipeline of one document: claim → read (blob or crawl) → parse → chunk → embed →
// replace chunks and mark indexed. Runs inside the `document.ingest` job; every failure ends with the
// document `failed` and a reason its owner can read, or, for transient trouble (embedding server down,
// database hiccup), back in the queue for pg-boss's retry with backoff.
import type { DocumentEvent, RetrievalSettings } from '@parley/contracts';
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
import { isCrawlError } from './crawler/crawl-error.js';
import { fetchWebDocument } from './web-source.js';
import { DocumentParseError, type Chunk, type ParsedDocument } from './document-model.js';
import { embedAll } from './embed-batches.js';
import { IngestionRepository, type ChunkRecord } from './ingestion.repository.js';
import { detectLanguage } from './language-detector.js';
import { parseDocument } from './parsers/parse-document.js';
import { searchTextOf, termCountOf } from './search-text.js';
import { fullTextConfigFor } from './search-normalizer.js';

/** Attempts before a transient failure becomes a permanent one. */
export const MAX_ATTEMPTS = 3;

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
    document: { id: row.id, title: row.title, status: row.status, progress: row.progress, error: row.error, chunkCount: row.chunkCount },
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

    let lastBeat = Date.now();
    let lost = false;
    const beat = async (value?: number) => {
      lastBeat = Date.now();
      const alive = await this.repo.heartbeat(document.id, leaseSeconds, value === undefined ? undefined : Math.min(0.99, value));
      if (!alive) lost = true;
      else if (value !== undefined) {
        void this.deps.events.publish(documentsChannel(document.assistantId), documentEvent({ ...document, progress: value }));
      }
    };
    // Progress doubles as the lease heartbeat; written at most twice a second.
    const progress = async (value: number) => {
      if (Date.now() - lastBeat >= 500 || value >= 1) await beat(value);
    };
    // Long silent steps (a big PDF) still renew the lease, without touching progress.
    const keepAlive = setInterval(() => void beat().catch(() => undefined), (leaseSeconds * 1000) / 3);
    keepAlive.unref();

    try {
      const settings = await this.repo.assistantSettings(document.assistantId);
      if (!settings) return { outcome: 'skipped' };
      const retrieval: RetrievalSettings = retrievalSettingsSchema.parse(settings.retrieval);

      const parsed = await this.read(document, (p) => progress(0.05 + p * 0.25));
      if (lost) return { outcome: 'skipped' };
      await progress(0.3);

      const language = detectLanguage(sampleText(parsed)) ?? settings.language;
      const chunks = chunkDocument(parsed, { chunkSize: retrieval.chunkSize, chunkOverlap: retrieval.chunkOverlap, language });
      if (chunks.length === 0) throw new DocumentParseError('No text could be extracted from the file');
      await progress(0.35);

      // A web page's own title is better than the URL it was named after at creation.
      const title = parsed.title && document.sourceType === 'url' ? parsed.title : document.title;
      const contextOf = (c: Chunk) => [title, ...c.headingPath].join('\n');
      const embedder = await this.deps.embedder();
      const modelId = this.deps.embeddingModelId(embedder);
      const vectors = await embedAll(
        embedder,
        chunks.map((c) => `${contextOf(c)}\n${c.text}`),
        (done, total) => progress(0.35 + (done / total) * 0.55),
      );
      if (lost) return { outcome: 'skipped' };

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
      const row = await this.repo.replaceChunks(document, records, {
        kind: document.sourceType === 'url' ? 'website' : parsed.kind,
        ...(title !== document.title ? { title } : {}),
        pages: parsed.pages ?? null,
        language,
        tsConfig: fullTextConfigFor(language),
        embeddingModel: modelId,
      });
      if (!row) return { outcome: 'skipped' };
      this.publish(row);
      void this.deps.invalidations?.publish('knowledge', row.assistantId);
      logger.info({ documentId, chunks: records.length, pages: parsed.pages }, 'document indexed');
      return { outcome: 'indexed', chunks: records.length };
    } catch (err) {
      const permanent = reasonOf(err);
      if (permanent || document.attempts >= MAX_ATTEMPTS) {
        const reason = permanent ?? `Indexing failed after ${document.attempts} attempts: ${messageOf(err)}`;
        logger.warn({ documentId, reason, err: permanent ? undefined : err }, 'document failed');
        this.publish(await this.repo.fail(document.id, reason));
        return { outcome: 'failed' };
      }
      logger.warn({ err, documentId, attempt: document.attempts }, 'document ingestion failed; will retry');
      await this.repo.release(document.id, `Retrying after a temporary error: ${messageOf(err)}`);
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
    if (!document.blobKey) throw new DocumentParseError('The document has no stored content');
    let bytes: Buffer;
    try {
      bytes = await this.deps.blobs.get(document.blobKey);
    } catch {
      throw new DocumentParseError('The uploaded file is missing from storage; upload it again');
    }
    return parseDocument(bytes, {
      ...(document.sourceName ? { filename: document.sourceName } : {}),
      ...(document.mimeType ? { mimeType: document.mimeType } : {}),
    });
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

/** The owner-readable reason of a permanent failure, or null for a transient one worth retrying. */
function reasonOf(err: unknown): string | null {
  if (err instanceof DocumentParseError) return err.reason;
  if (isCrawlError(err)) return err.reason;
  if (err instanceof ProviderCallError && !err.isRetryable) return `The embedding service refused the request: ${err.message}`;
  return null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
