// Business rules for an assistant's knowledge: who may add, remove and re-index documents (owners,
// admins, and secret keys of that assistant), de-duplication by content hash, and the hand-off of
// every new document to the ingestion queue. Content problems are not refused here: the document is
// accepted and the pipeline marks it failed with a reason, so the owner sees every upload's fate.
import type { Invalidations } from '../../state/local-cache.js';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { CrawlOptions, DocumentChunk, DocumentDto, DocumentStatus } from '@parley/contracts';
import type { Db } from '../../db/client.js';
import { AppError, badRequest, forbidden, isUniqueViolation, notFound } from '../../http/errors.js';
import { isManager, scopeOf, type Principal } from '../../http/principal.js';
import { documentEvent, documentsChannel } from '../../ingestion/document-ingestion.service.js';
import { INGEST_JOB } from '../../ingestion/ingestion.jobs.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { EventBus } from '../../state/event-bus.js';
import { BlobTooLargeError, type BlobStore } from '../../storage/blob-store.js';
import { AssistantRepository } from '../assistants/assistant.repository.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import { DocumentRepository, type DocumentRow, type NewDocument } from './document.repository.js';

export function presentDocument(row: DocumentRow, extra: { deduplicated?: boolean } = {}): DocumentDto {
  return {
    id: row.id,
    assistantId: row.assistantId,
    title: row.title,
    source:
      row.sourceType === 'file'
        ? { type: 'file', filename: row.sourceName ?? '', mimeType: row.mimeType, sizeBytes: row.sizeBytes }
        : row.sourceType === 'text'
          ? { type: 'text', sizeBytes: row.sizeBytes }
          : { type: 'url', url: row.sourceName ?? '', crawl: row.crawl ?? null },
    kind: (row.kind as DocumentDto['kind']) ?? null,
    status: row.status,
    progress: Math.round(row.progress * 1000) / 1000,
    error: row.error,
    errorCode: row.errorCode,
    chunkCount: row.chunkCount,
    pages: row.pages,
    language: row.language,
    contentHash: row.contentHash,
    ...extra,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    indexedAt: row.indexedAt ? row.indexedAt.toISOString() : null,
  };
}

export interface DocumentServiceDeps {
  db: Db;
  blobs: BlobStore;
  jobs: JobQueue;
  events: EventBus;
  audit: AuditService;
  uploadLimitBytes: number;
  invalidations?: Invalidations;
}

export interface UploadInput {
  filename: string;
  mimeType: string | null;
  stream: Readable;
}

export class DocumentService {
  constructor(private readonly deps: DocumentServiceDeps) {}

  /** The assistant must be visible to the caller; `write` also needs an owner/admin or a secret key. */
  private async access(principal: Principal, assistantId: string, write: boolean) {
    const scope = scopeOf(principal);
    const assistant = await new AssistantRepository(this.deps.db, scope).findById(assistantId);
    if (!assistant) throw notFound('assistant');
    if (write && !(isManager(principal) || (principal.kind === 'api_key' && principal.keyKind === 'secret'))) {
      throw forbidden('Only owners, admins and secret API keys can change an assistant’s documents');
    }
    return { repo: new DocumentRepository(this.deps.db, scope), assistant };
  }

  private createdBy(principal: Principal): string | null {
    return principal.kind === 'user' ? principal.userId : null;
  }

  async list(principal: Principal, assistantId: string, opts: { status?: DocumentStatus; q?: string; limit: number; offset: number }) {
    const { repo } = await this.access(principal, assistantId, false);
    const { items, total } = await repo.list(assistantId, opts);
    return { items: items.map((r) => presentDocument(r)), total };
  }

  async get(principal: Principal, assistantId: string, documentId: string): Promise<DocumentDto> {
    const { repo } = await this.access(principal, assistantId, false);
    const row = await repo.findById(assistantId, documentId);
    if (!row) throw notFound('document');
    return presentDocument(row);
  }

  /** The indexed passages of a document, in document order: what search and citations quote from. */
  async chunks(
    principal: Principal,
    assistantId: string,
    documentId: string,
    opts: { limit: number; offset: number },
  ): Promise<{ items: DocumentChunk[]; total: number }> {
    const { repo } = await this.access(principal, assistantId, false);
    const page = await repo.chunks(assistantId, documentId, opts);
    if (!page) throw notFound('document');
    return {
      items: page.items.map((c) => ({
        id: c.id,
        ordinal: c.ordinal,
        page: c.pageStart,
        pageEnd: c.pageEnd,
        headingPath: c.headingPath,
        content: c.text,
        tokens: c.tokenCount,
        charStart: c.charStart,
        charEnd: c.charEnd,
      })),
      total: page.total,
    };
  }

  /** Streams an upload into the blob store; over the size limit the document is recorded as failed and 413 is returned. */
  async upload(principal: Principal, assistantId: string, file: UploadInput, actor: AuditActor) {
    const { repo } = await this.access(principal, assistantId, true);
    const title = titleFromFilename(file.filename);
    let blob;
    try {
      blob = await this.deps.blobs.put(file.stream, { maxBytes: this.deps.uploadLimitBytes });
    } catch (err) {
      // A stream that broke is a malformed or interrupted upload, not a server fault.
      if (!(err instanceof BlobTooLargeError))
        throw file.stream.errored ? badRequest('bad_request', 'The upload was interrupted or malformed') : err;
      file.stream.resume(); // drain the rest of the request
      const limitMb = Math.round((this.deps.uploadLimitBytes / 1_048_576) * 10) / 10;
      const reason = `The file is larger than the ${limitMb} MB upload limit`;
      const failed = await this.insertOrExisting(repo, assistantId, {
        assistantId,
        title,
        sourceType: 'file',
        sourceName: file.filename,
        mimeType: file.mimeType,
        sizeBytes: this.deps.uploadLimitBytes,
        contentHash: `oversize:${createHash('sha256').update(`${file.filename}:${Date.now()}:${Math.random()}`).digest('hex')}`,
        status: 'failed',
        progress: 1,
        error: reason,
        errorCode: 'too_large',
        createdBy: this.createdBy(principal),
      });
      throw new AppError(413, 'payload_too_large', reason, { documentId: failed.row.id, limitBytes: this.deps.uploadLimitBytes });
    }
    return this.enqueueNew(principal, repo, assistantId, actor, {
      assistantId,
      title,
      sourceType: 'file',
      sourceName: file.filename,
      mimeType: file.mimeType,
      sizeBytes: blob.sizeBytes,
      contentHash: blob.sha256,
      blobKey: blob.key,
      createdBy: this.createdBy(principal),
    });
  }

  async createFromText(principal: Principal, assistantId: string, input: { title: string; text: string }, actor: AuditActor) {
    const { repo } = await this.access(principal, assistantId, true);
    const bytes = Buffer.from(input.text, 'utf8');
    if (bytes.length > this.deps.uploadLimitBytes) {
      throw new AppError(413, 'payload_too_large', 'The text is larger than the upload limit', { limitBytes: this.deps.uploadLimitBytes });
    }
    const blob = await this.deps.blobs.put(bytes, { maxBytes: this.deps.uploadLimitBytes });
    return this.enqueueNew(principal, repo, assistantId, actor, {
      assistantId,
      title: input.title,
      sourceType: 'text',
      sourceName: `${input.title}.txt`,
      mimeType: 'text/plain',
      sizeBytes: blob.sizeBytes,
      contentHash: blob.sha256,
      blobKey: blob.key,
      createdBy: this.createdBy(principal),
    });
  }

  async createFromUrl(
    principal: Principal,
    assistantId: string,
    input: { url: string; title?: string; crawl?: CrawlOptions },
    actor: AuditActor,
  ) {
    const { repo } = await this.access(principal, assistantId, true);
    const url = new URL(input.url);
    url.hash = '';
    const crawl = input.crawl ?? null;
    return this.enqueueNew(principal, repo, assistantId, actor, {
      assistantId,
      title: input.title ?? url.hostname + (url.pathname === '/' ? '' : url.pathname),
      sourceType: 'url',
      sourceName: url.toString(),
      crawl,
      contentHash: createHash('sha256')
        .update(`url:${url.toString()}:${JSON.stringify(crawl)}`)
        .digest('hex'),
      createdBy: this.createdBy(principal),
    });
  }

  private async insertOrExisting(repo: DocumentRepository, assistantId: string, values: NewDocument) {
    const existing = await repo.findByHash(assistantId, values.contentHash);
    if (existing) return { row: existing, created: false };
    try {
      return { row: await repo.insert(values), created: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const raced = await repo.findByHash(assistantId, values.contentHash);
      if (!raced) throw err;
      return { row: raced, created: false };
    }
  }

  private async enqueueNew(principal: Principal, repo: DocumentRepository, assistantId: string, actor: AuditActor, values: NewDocument) {
    const { row, created } = await this.insertOrExisting(repo, assistantId, values);
    if (!created) {
      // The same content is already here: keep one copy.
      if (values.blobKey && values.blobKey !== row.blobKey) await this.deps.blobs.delete(values.blobKey);
      return { document: presentDocument(row, { deduplicated: true }), created: false };
    }
    await this.deps.jobs.send(INGEST_JOB, { documentId: row.id });
    await this.deps.audit.record(actor, {
      organizationId: principal.organizationId,
      action: 'document.created',
      targetType: 'document',
      targetId: row.id,
      metadata: { assistantId, source: row.sourceType, title: row.title },
    });
    void this.deps.events.publish(documentsChannel(assistantId), documentEvent(row)).catch(() => undefined);
    return { document: presentDocument(row), created: true };
  }

  async reindex(principal: Principal, assistantId: string, documentId: string, actor: AuditActor): Promise<DocumentDto> {
    const { repo } = await this.access(principal, assistantId, true);
    const existing = await repo.findById(assistantId, documentId);
    if (!existing) throw notFound('document');
    const row = await repo.requeue(assistantId, documentId);
    if (!row) throw new AppError(409, 'document_in_progress', 'The document is being indexed right now; try again when it is done');
    await this.deps.jobs.send(INGEST_JOB, { documentId: row.id });
    await this.deps.audit.record(actor, {
      organizationId: principal.organizationId,
      action: 'document.reindexed',
      targetType: 'document',
      targetId: row.id,
      metadata: { assistantId },
    });
    void this.deps.events.publish(documentsChannel(assistantId), documentEvent(row)).catch(() => undefined);
    return presentDocument(row);
  }

  /** Deletes the document, its chunks and vectors (cascade) and its stored file. */
  async delete(principal: Principal, assistantId: string, documentId: string, actor: AuditActor): Promise<void> {
    const { repo } = await this.access(principal, assistantId, true);
    const row = await repo.delete(assistantId, documentId);
    if (!row) throw notFound('document');
    if (row.blobKey) await this.deps.blobs.delete(row.blobKey);
    await this.deps.audit.record(actor, {
      organizationId: principal.organizationId,
      action: 'document.deleted',
      targetType: 'document',
      targetId: row.id,
      metadata: { assistantId, title: row.title },
    });
    void this.deps.events.publish(documentsChannel(assistantId), documentEvent(row, 'document.deleted')).catch(() => undefined);
    void this.deps.invalidations?.publish('knowledge', assistantId);
  }

  /** Checks read access for the event stream and returns its channel. */
  async eventsChannel(principal: Principal, assistantId: string): Promise<string> {
    await this.access(principal, assistantId, false);
    return documentsChannel(assistantId);
  }
}

function titleFromFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? filename;
  return base.trim().slice(0, 300) || 'Untitled';
}
