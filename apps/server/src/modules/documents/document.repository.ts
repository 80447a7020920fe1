// SQL for an assistant's documents, bound to one tenant at construction (organization, and for an API
// key its one assistant): every query carries the scope. Workers use DocumentStore below, which acts
// on documents by id after the API has checked who may enqueue them.
import { and, asc, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { chunks, documents } from '../../db/schema.js';
import type { TenantScope } from '../../http/principal.js';

export type DocumentRow = typeof documents.$inferSelect;
export type ChunkRow = Pick<
  typeof chunks.$inferSelect,
  'id' | 'ordinal' | 'text' | 'tokenCount' | 'pageStart' | 'pageEnd' | 'headingPath' | 'charStart' | 'charEnd'
>;
export type NewDocument = Omit<typeof documents.$inferInsert, 'organizationId' | 'id'>;

export class DocumentRepository {
  constructor(
    private readonly db: Db,
    private readonly scope: TenantScope,
  ) {}

  private where(assistantId: string, ...extra: (SQL | undefined)[]): SQL {
    // An API key's scope names its one assistant: another assistant's id then matches nothing.
    if (this.scope.assistantId && this.scope.assistantId !== assistantId) return sql`false`;
    return and(eq(documents.organizationId, this.scope.organizationId), eq(documents.assistantId, assistantId), ...extra)!;
  }

  async list(
    assistantId: string,
    opts: { status?: DocumentRow['status']; q?: string; limit: number; offset: number },
  ): Promise<{ items: DocumentRow[]; total: number }> {
    const filter = and(
      opts.status ? eq(documents.status, opts.status) : undefined,
      opts.q ? ilike(documents.title, `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    );
    const items = await this.db
      .select()
      .from(documents)
      .where(this.where(assistantId, filter))
      .orderBy(desc(documents.createdAt), asc(documents.id))
      .limit(opts.limit)
      .offset(opts.offset);
    const [{ total } = { total: 0 }] = await this.db
      .select({ total: sql<number>`count(*)::int` })
      .from(documents)
      .where(this.where(assistantId, filter));
    return { items, total };
  }

  async findById(assistantId: string, id: string): Promise<DocumentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(documents)
      .where(this.where(assistantId, eq(documents.id, id)));
    return row;
  }

  async findByHash(assistantId: string, contentHash: string): Promise<DocumentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(documents)
      .where(this.where(assistantId, eq(documents.contentHash, contentHash)));
    return row;
  }

  async insert(values: NewDocument): Promise<DocumentRow> {
    const [row] = await this.db
      .insert(documents)
      .values({ ...values, organizationId: this.scope.organizationId })
      .returning();
    return row!;
  }

  /** Puts a document back in the queue unless a worker holds a live lease on it. */
  async requeue(assistantId: string, id: string): Promise<DocumentRow | undefined> {
    const [row] = await this.db
      .update(documents)
      .set({ status: 'queued', progress: 0, error: null, errorCode: null, attempts: 0, leaseExpiresAt: null, updatedAt: new Date() })
      .where(
        this.where(assistantId, eq(documents.id, id), sql`(${documents.status} <> 'processing' or ${documents.leaseExpiresAt} < now())`),
      )
      .returning();
    return row;
  }

  /** A page of a document's chunks in document order, and how many it has; null when the document is not in scope. */
  async chunks(
    assistantId: string,
    documentId: string,
    opts: { limit: number; offset: number },
  ): Promise<{ items: ChunkRow[]; total: number } | null> {
    if (!(await this.findById(assistantId, documentId))) return null;
    const filter = eq(chunks.documentId, documentId);
    const items = await this.db
      .select({
        id: chunks.id,
        ordinal: chunks.ordinal,
        text: chunks.text,
        tokenCount: chunks.tokenCount,
        pageStart: chunks.pageStart,
        pageEnd: chunks.pageEnd,
        headingPath: chunks.headingPath,
        charStart: chunks.charStart,
        charEnd: chunks.charEnd,
      })
      .from(chunks)
      .where(filter)
      .orderBy(asc(chunks.ordinal))
      .limit(opts.limit)
      .offset(opts.offset);
    const [{ total } = { total: 0 }] = await this.db
      .select({ total: sql<number>`count(*)::int` })
      .from(chunks)
      .where(filter);
    return { items, total };
  }

  async delete(assistantId: string, id: string): Promise<DocumentRow | undefined> {
    const [row] = await this.db
      .delete(documents)
      .where(this.where(assistantId, eq(documents.id, id)))
      .returning();
    return row;
  }
}
