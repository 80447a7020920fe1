// SQL of the ingestion worker. Workers act on documents by id: the API checked who may enqueue them.
// Claiming uses a lease, so two workers never index one document at once and a document whose worker
// died (kill -9, lost machine) is taken over once the lease runs out. Chunks are replaced in one
// transaction, so a re-run never leaves duplicates or a half-written index.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { pgArrayLiteral, vectorLiteral } from '../db/sql-literals.js';
import { assistants, chunks, documents } from '../db/schema.js';
import type { DocumentRow } from '../modules/documents/document.repository.js';
import type { DocumentFailure } from './document-model.js';

export interface ChunkRecord {
  readonly ordinal: number;
  readonly text: string;
  readonly tokenCount: number;
  readonly pageStart: number | null;
  readonly pageEnd: number | null;
  readonly headingPath: readonly string[];
  readonly charStart: number;
  readonly charEnd: number;
  /** Normalised text the full-text index is built from. */
  readonly searchText: string;
  readonly termCount: number;
  readonly embedding: readonly number[] | null;
}

export interface IndexedDocumentFacts {
  readonly kind: string;
  readonly title?: string;
  readonly pages: number | null;
  readonly pageUrls: readonly string[] | null;
  readonly language: string | null;
  readonly tsConfig: string;
  readonly embeddingModel: string | null;
}

/** Chunks per insert statement: few round trips, and progress to report between them on big documents. */
const INSERT_BATCH = 200;

/** The pg-boss queue of document jobs (ingestion.jobs.ts names it too; kept here to avoid an import cycle). */
const INGEST_JOB_NAME = 'document.ingest';

export class IngestionRepository {
  constructor(private readonly db: Db) {}

  /** Takes the document for this worker when it is queued or its previous worker's lease ran out. */
  async claim(documentId: string, leaseSeconds: number): Promise<DocumentRow | undefined> {
    const [row] = await this.db
      .update(documents)
      .set({
        status: 'processing',
        attempts: sql`${documents.attempts} + 1`,
        leaseExpiresAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
        progress: 0.01,
        error: null,
        errorCode: null,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(documents.id, documentId),
          sql`(${documents.status} = 'queued' or (${documents.status} = 'processing' and ${documents.leaseExpiresAt} < now()))`,
        ),
      )
      .returning();
    return row;
  }

  /** Extends the lease and records progress; false when the document was deleted or taken over. */
  async heartbeat(documentId: string, leaseSeconds: number, progress?: number): Promise<boolean> {
    const rows = await this.db
      .update(documents)
      .set({
        leaseExpiresAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
        ...(progress !== undefined ? { progress } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(documents.id, documentId), eq(documents.status, 'processing')))
      .returning({ id: documents.id });
    return rows.length > 0;
  }

  async fail(documentId: string, failure: DocumentFailure): Promise<DocumentRow | undefined> {
    const [row] = await this.db
      .update(documents)
      .set({ status: 'failed', error: failure.reason, errorCode: failure.code, progress: 1, leaseExpiresAt: null, updatedAt: new Date() })
      .where(eq(documents.id, documentId))
      .returning();
    return row;
  }

  /** Gives the document back to the queue for a retry after a transient error, noting it. */
  async release(documentId: string, note: DocumentFailure): Promise<void> {
    await this.db
      .update(documents)
      .set({ status: 'queued', error: note.reason, errorCode: note.code, leaseExpiresAt: null, updatedAt: new Date() })
      .where(and(eq(documents.id, documentId), eq(documents.status, 'processing')));
  }

  async assistantSettings(assistantId: string) {
    const [row] = await this.db
      .select({ language: assistants.language, retrieval: assistants.retrieval, embeddingModel: assistants.embeddingModel })
      .from(assistants)
      .where(eq(assistants.id, assistantId));
    return row;
  }

  /**
   * Replaces the document's chunks and marks it indexed, atomically. `onProgress` hears of every batch
   * written; it must not use the database, where this transaction holds the document's row.
   */
  async replaceChunks(
    document: DocumentRow,
    records: readonly ChunkRecord[],
    facts: IndexedDocumentFacts,
    onProgress?: (written: number, total: number) => void | Promise<void>,
  ): Promise<DocumentRow | undefined> {
    return this.db.transaction(async (tx) => {
      // Lock the document row: a concurrent delete waits, or we see it gone.
      const locked = await queryRows<{ id: string }>(
        tx,
        sql`select id from documents where id = ${document.id} and status = 'processing' for update`,
      );
      if (locked.length === 0) return undefined;
      await tx.delete(chunks).where(eq(chunks.documentId, document.id));
      for (let i = 0; i < records.length; i += INSERT_BATCH) {
        const batch = records.slice(i, i + INSERT_BATCH);
        // One statement per batch through unnest(): far fewer round trips than row-by-row inserts,
        // and the text search vector is built by PostgreSQL with the document's configuration.
        await tx.execute(sql`
          insert into chunks (document_id, assistant_id, ordinal, text, token_count, page_start, page_end, heading_path,
                              char_start, char_end, ts_config, term_count, tsv, embedding_model, embedding)
          select ${document.id}::uuid, ${document.assistantId}::uuid, r.ordinal, r.text, r.token_count, r.page_start, r.page_end,
                 r.heading_path::jsonb, r.char_start, r.char_end, ${facts.tsConfig}, r.term_count,
                 to_tsvector(${facts.tsConfig}::regconfig, r.search_text), ${facts.embeddingModel}, r.embedding::vector
          from unnest(
            ${pgArrayLiteral(batch.map((r) => r.ordinal))}::int[],
            ${pgArrayLiteral(batch.map((r) => r.text))}::text[],
            ${pgArrayLiteral(batch.map((r) => r.tokenCount))}::int[],
            ${pgArrayLiteral(batch.map((r) => r.pageStart))}::int[],
            ${pgArrayLiteral(batch.map((r) => r.pageEnd))}::int[],
            ${pgArrayLiteral(batch.map((r) => JSON.stringify(r.headingPath)))}::text[],
            ${pgArrayLiteral(batch.map((r) => r.charStart))}::int[],
            ${pgArrayLiteral(batch.map((r) => r.charEnd))}::int[],
            ${pgArrayLiteral(batch.map((r) => r.termCount))}::int[],
            ${pgArrayLiteral(batch.map((r) => r.searchText))}::text[],
            ${pgArrayLiteral(batch.map((r) => (r.embedding ? vectorLiteral(r.embedding) : null)))}::text[]
          ) as r(ordinal, text, token_count, page_start, page_end, heading_path, char_start, char_end, term_count, search_text, embedding)
        `);
        await onProgress?.(i + batch.length, records.length);
      }
      const [row] = await tx
        .update(documents)
        .set({
          status: 'indexed',
          progress: 1,
          error: null,
          errorCode: null,
          kind: facts.kind,
          ...(facts.title ? { title: facts.title } : {}),
          pages: facts.pages,
          pageUrls: facts.pageUrls ? [...facts.pageUrls] : null,
          language: facts.language,
          chunkCount: records.length,
          termCount: records.reduce((n, r) => n + r.termCount, 0),
          embeddingModel: facts.embeddingModel,
          leaseExpiresAt: null,
          indexedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(documents.id, document.id))
        .returning();
      if (facts.embeddingModel) {
        // The first indexed document fixes the assistant's embedding model.
        await tx
          .update(assistants)
          .set({ embeddingModel: facts.embeddingModel })
          .where(and(eq(assistants.id, document.assistantId), sql`${assistants.embeddingModel} is null`));
      }
      return row;
    });
  }

  /**
   * Documents to hand back to the queue: those whose worker's lease ran out, and, when `all` (an
   * embedded database, which only this process can open), every document left `processing`.
   */
  async recoverable(opts: { all: boolean }): Promise<{ id: string }[]> {
    return this.db
      .update(documents)
      .set({ status: 'queued', leaseExpiresAt: null, updatedAt: new Date() })
      .where(
        opts.all ? eq(documents.status, 'processing') : and(eq(documents.status, 'processing'), sql`${documents.leaseExpiresAt} < now()`),
      )
      .returning({ id: documents.id });
  }

  /**
   * Queued documents that no job will pick up: none waiting for them in pg-boss (`created`/`retry`), and
   * any job that took one but died before claiming it (still `active`, started over `leaseSeconds` ago)
   * is not coming back soon. Documents changed in the last `leaseSeconds` are left alone.
   */
  async staleQueued(leaseSeconds: number): Promise<{ id: string }[]> {
    return queryRows<{ id: string }>(
      this.db,
      sql`select d.id from documents d
          where d.status = 'queued' and d.updated_at < now() - make_interval(secs => ${leaseSeconds})
            and not exists (
              select 1 from pgboss.job j
              where j.name = ${INGEST_JOB_NAME} and j.data->>'documentId' = d.id::text
                and (j.state in ('created', 'retry')
                     or (j.state = 'active' and j.started_on > now() - make_interval(secs => ${leaseSeconds}))))`,
    );
  }
}
