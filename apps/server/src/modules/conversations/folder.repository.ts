// SQL for conversation folders, bound at construction to their owner: one person in one organization.
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { conversationFolders } from '../../db/schema.js';

export type FolderRow = typeof conversationFolders.$inferSelect;

export interface FolderOwner {
  readonly organizationId: string;
  readonly userId: string;
}

export class FolderRepository {
  constructor(
    private readonly db: Db,
    private readonly owner: FolderOwner,
  ) {}

  private where(...extra: (SQL | undefined)[]): SQL {
    return and(
      eq(conversationFolders.organizationId, this.owner.organizationId),
      eq(conversationFolders.userId, this.owner.userId),
      ...extra,
    )!;
  }

  async list(): Promise<FolderRow[]> {
    return this.db
      .select()
      .from(conversationFolders)
      .where(this.where())
      .orderBy(asc(conversationFolders.name), asc(conversationFolders.createdAt), asc(conversationFolders.id));
  }

  async findById(id: string): Promise<FolderRow | undefined> {
    const [row] = await this.db
      .select()
      .from(conversationFolders)
      .where(this.where(eq(conversationFolders.id, id)));
    return row;
  }

  async insert(name: string): Promise<FolderRow> {
    const [row] = await this.db
      .insert(conversationFolders)
      .values({ name, organizationId: this.owner.organizationId, userId: this.owner.userId })
      .returning();
    return row!;
  }

  async rename(id: string, name: string): Promise<FolderRow | undefined> {
    const [row] = await this.db
      .update(conversationFolders)
      .set({ name })
      .where(this.where(eq(conversationFolders.id, id)))
      .returning();
    return row;
  }

  /** Deletes a folder; its conversations stay, in no folder (ON DELETE SET NULL). */
  async delete(id: string): Promise<boolean> {
    const rows = await this.db
      .delete(conversationFolders)
      .where(this.where(eq(conversationFolders.id, id)))
      .returning({ id: conversationFolders.id });
    return rows.length > 0;
  }
}
