// SQL for assistants, bound to one tenant at construction: every query carries the organization
// (and, for an API key, its single assistant), so no caller can forget the scope.
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { assistants } from '../../db/schema.js';
import type { TenantScope } from '../../http/principal.js';

export type AssistantRow = typeof assistants.$inferSelect;
export type NewAssistant = Omit<typeof assistants.$inferInsert, 'organizationId' | 'id'>;

export class AssistantRepository {
  constructor(
    private readonly db: Db,
    private readonly scope: TenantScope,
  ) {}

  private where(...extra: (SQL | undefined)[]): SQL {
    return and(
      eq(assistants.organizationId, this.scope.organizationId),
      this.scope.assistantId ? eq(assistants.id, this.scope.assistantId) : undefined,
      ...extra,
    )!;
  }

  async list(opts: { q?: string; limit: number; offset: number }): Promise<{ items: AssistantRow[]; total: number }> {
    const filter = opts.q
      ? or(ilike(assistants.name, `%${escapeLike(opts.q)}%`), ilike(assistants.slug, `%${escapeLike(opts.q)}%`))
      : undefined;
    const items = await this.db
      .select()
      .from(assistants)
      .where(this.where(filter))
      .orderBy(asc(assistants.name), asc(assistants.id))
      .limit(opts.limit)
      .offset(opts.offset);
    const [{ total } = { total: 0 }] = await this.db
      .select({ total: sql<number>`count(*)::int` })
      .from(assistants)
      .where(this.where(filter));
    return { items, total };
  }

  async findById(id: string): Promise<AssistantRow | undefined> {
    const [row] = await this.db
      .select()
      .from(assistants)
      .where(this.where(eq(assistants.id, id)));
    return row;
  }

  async insert(values: NewAssistant): Promise<AssistantRow> {
    const [row] = await this.db
      .insert(assistants)
      .values({ ...values, organizationId: this.scope.organizationId })
      .returning();
    return row!;
  }

  async update(id: string, values: Partial<NewAssistant>): Promise<AssistantRow | undefined> {
    const [row] = await this.db
      .update(assistants)
      .set({ ...values, version: sql`${assistants.version} + 1`, updatedAt: new Date() })
      .where(this.where(eq(assistants.id, id)))
      .returning();
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db
      .delete(assistants)
      .where(this.where(eq(assistants.id, id)))
      .returning({ id: assistants.id });
    return rows.length > 0;
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
