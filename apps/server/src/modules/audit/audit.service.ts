// Records security-relevant actions (sign-ins, membership and key changes, assistant edits) per organization.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents } from '../../db/schema.js';
import type { TenantScope } from '../../http/principal.js';

export interface AuditActor {
  userId?: string | null;
  apiKeyId?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditEntry {
  organizationId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
}

export class AuditService {
  constructor(private readonly db: Db) {}

  async record(actor: AuditActor, entry: AuditEntry, db: Db = this.db): Promise<void> {
    await db.insert(auditEvents).values({
      organizationId: entry.organizationId,
      actorUserId: actor.userId ?? null,
      actorApiKeyId: actor.apiKeyId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      metadata: entry.metadata ?? {},
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
    });
  }

  async list(scope: TenantScope, opts: { action?: string; limit: number; before?: string }) {
    const rows = await this.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organizationId, scope.organizationId),
          opts.action ? eq(auditEvents.action, opts.action) : undefined,
          opts.before ? lt(auditEvents.createdAt, new Date(opts.before)) : undefined,
        ),
      )
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.seq))
      .limit(opts.limit);
    return rows.map((r) => ({
      id: r.id,
      action: r.action,
      actorUserId: r.actorUserId,
      actorApiKeyId: r.actorApiKeyId,
      targetType: r.targetType,
      targetId: r.targetId,
      metadata: r.metadata,
      ip: r.ip,
      requestId: r.requestId,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}
