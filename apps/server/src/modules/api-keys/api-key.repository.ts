// SQL for API keys, bound to one tenant at construction (organization, and assistant for key principals).
import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { apiKeys } from '../../db/schema.js';
import type { TenantScope } from '../../http/principal.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export class ApiKeyRepository {
  constructor(
    private readonly db: Db,
    private readonly scope: TenantScope,
  ) {}

  private where(...extra: (SQL | undefined)[]): SQL {
    return and(
      eq(apiKeys.organizationId, this.scope.organizationId),
      this.scope.assistantId ? eq(apiKeys.assistantId, this.scope.assistantId) : undefined,
      ...extra,
    )!;
  }

  async listActive(assistantId: string): Promise<ApiKeyRow[]> {
    return this.db
      .select()
      .from(apiKeys)
      .where(this.where(eq(apiKeys.assistantId, assistantId), isNull(apiKeys.revokedAt)))
      .orderBy(desc(apiKeys.createdAt));
  }

  async insert(values: Omit<typeof apiKeys.$inferInsert, 'organizationId' | 'id'>): Promise<ApiKeyRow> {
    const [row] = await this.db
      .insert(apiKeys)
      .values({ ...values, organizationId: this.scope.organizationId })
      .returning();
    return row!;
  }

  async revoke(assistantId: string, keyId: string): Promise<boolean> {
    const rows = await this.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(this.where(eq(apiKeys.assistantId, assistantId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    return rows.length > 0;
  }
}
