// Model providers: the instance provider from PARLEY_LLM_* (read-only, id "instance") and each
// organization's own OpenAI-compatible servers. API keys are sealed at rest and never returned.
// resolve() turns an assistant's provider reference into an endpoint the LLM router can call.
import type { CreateProviderBody, Provider } from '@parley/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { updateProviderBodySchema } from '@parley/contracts';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { providers } from '../../db/schema.js';
import { AppError, conflict, forbidden, isUniqueViolation, notFound } from '../../http/errors.js';
import { isManager, type Principal } from '../../http/principal.js';
import type { SealedBox } from '../../lib/sealed-box.js';
import type { LlmEndpoint } from '../../providers/llm/llm-router.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';

export const INSTANCE_PROVIDER_ID = 'instance';

type ProviderRow = typeof providers.$inferSelect;
type UpdateInput = z.output<typeof updateProviderBodySchema>;

/** An endpoint plus the model it serves when an assistant names none. */
export interface ResolvedProvider {
  readonly endpoint: LlmEndpoint;
  readonly defaultModel: string | null;
}

export interface ModelLister {
  listModels(endpoint: LlmEndpoint, signal: AbortSignal): Promise<readonly { id: string; ownedBy?: string }[]>;
}

const nameTaken = () =>
  conflict('provider_name_taken', 'Another provider in this organization has this name', {
    issues: [{ path: 'body.name', message: 'already used in this organization', code: 'taken' }],
  });

export class ProviderService {
  constructor(private readonly deps: { db: Db; config: Config; sealedBox: SealedBox; audit: AuditService; models: ModelLister }) {}

  private instance(): Provider | null {
    const inst = this.deps.config.llm.instance;
    if (!inst) return null;
    return {
      id: INSTANCE_PROVIDER_ID,
      name: 'Instance',
      kind: 'openai-compatible',
      baseUrl: inst.baseUrl,
      hasApiKey: Boolean(inst.apiKey),
      defaultModel: inst.model,
      managed: true,
      createdAt: null,
      updatedAt: null,
    };
  }

  private present(row: ProviderRow): Provider {
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      baseUrl: row.baseUrl,
      hasApiKey: row.apiKeySealed !== null,
      defaultModel: null,
      managed: false,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  private manager(principal: Principal) {
    if (!isManager(principal)) throw forbidden('Only owners and admins manage model providers');
    return principal;
  }

  private async row(organizationId: string, id: string): Promise<ProviderRow> {
    const [row] = await this.deps.db
      .select()
      .from(providers)
      .where(and(eq(providers.organizationId, organizationId), eq(providers.id, id)));
    if (!row) throw notFound('provider');
    return row;
  }

  private seal(providerId: string, apiKey: string): string {
    return this.deps.sealedBox.seal(apiKey, `provider:${providerId}`);
  }

  async list(principal: Principal): Promise<{ items: Provider[] }> {
    const rows = await this.deps.db
      .select()
      .from(providers)
      .where(eq(providers.organizationId, principal.organizationId))
      .orderBy(asc(providers.name));
    const instance = this.instance();
    return { items: [...(instance ? [instance] : []), ...rows.map((r) => this.present(r))] };
  }

  async get(principal: Principal, id: string): Promise<Provider> {
    if (id === INSTANCE_PROVIDER_ID) {
      const instance = this.instance();
      if (!instance) throw notFound('provider');
      return instance;
    }
    return this.present(await this.row(principal.organizationId, id));
  }

  async create(principal: Principal, body: CreateProviderBody & { kind: 'openai-compatible' }, actor: AuditActor): Promise<Provider> {
    const user = this.manager(principal);
    const id = crypto.randomUUID();
    try {
      const [row] = await this.deps.db
        .insert(providers)
        .values({
          id,
          organizationId: user.organizationId,
          name: body.name,
          kind: body.kind,
          baseUrl: body.baseUrl.replace(/\/+$/, ''),
          apiKeySealed: body.apiKey ? this.seal(id, body.apiKey) : null,
          createdBy: user.userId,
        })
        .returning();
      await this.deps.audit.record(
        { ...actor, userId: user.userId },
        {
          organizationId: user.organizationId,
          action: 'provider.created',
          targetType: 'provider',
          targetId: id,
          metadata: { name: body.name },
        },
      );
      return this.present(row!);
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken();
      throw err;
    }
  }

  async update(principal: Principal, id: string, body: UpdateInput, actor: AuditActor): Promise<Provider> {
    const user = this.manager(principal);
    if (id === INSTANCE_PROVIDER_ID) throw forbidden('The instance provider is configured on the server (PARLEY_LLM_*)');
    await this.row(user.organizationId, id);
    try {
      const [row] = await this.deps.db
        .update(providers)
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.baseUrl !== undefined ? { baseUrl: body.baseUrl.replace(/\/+$/, '') } : {}),
          ...(body.apiKey !== undefined ? { apiKeySealed: body.apiKey === null ? null : this.seal(id, body.apiKey) } : {}),
          updatedAt: new Date(),
        })
        .where(and(eq(providers.organizationId, user.organizationId), eq(providers.id, id)))
        .returning();
      await this.deps.audit.record(
        { ...actor, userId: user.userId },
        {
          organizationId: user.organizationId,
          action: 'provider.updated',
          targetType: 'provider',
          targetId: id,
          metadata: { fields: Object.keys(body).filter((k) => body[k as keyof UpdateInput] !== undefined) },
        },
      );
      return this.present(row!);
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken();
      throw err;
    }
  }

  async delete(principal: Principal, id: string, actor: AuditActor): Promise<void> {
    const user = this.manager(principal);
    if (id === INSTANCE_PROVIDER_ID) throw forbidden('The instance provider is configured on the server (PARLEY_LLM_*)');
    const row = await this.row(user.organizationId, id);
    await this.deps.db.delete(providers).where(and(eq(providers.organizationId, user.organizationId), eq(providers.id, id)));
    await this.deps.audit.record(
      { ...actor, userId: user.userId },
      {
        organizationId: user.organizationId,
        action: 'provider.deleted',
        targetType: 'provider',
        targetId: id,
        metadata: { name: row.name },
      },
    );
  }

  /** The models the server offers (its `/models`), for choosing one in the assistant's settings. */
  async models(principal: Principal, id: string): Promise<{ items: { id: string; ownedBy: string | null }[] }> {
    const resolved = await this.resolve(principal.organizationId, id === INSTANCE_PROVIDER_ID ? null : id);
    if (!resolved) throw notFound('provider');
    try {
      const models = await this.deps.models.listModels(resolved.endpoint, AbortSignal.timeout(15_000));
      return { items: models.map((m) => ({ id: m.id, ownedBy: m.ownedBy ?? null })) };
    } catch (err) {
      throw new AppError(
        502,
        'provider_unreachable',
        `Could not list the models of ${resolved.endpoint.baseUrl}: ${(err as Error).message}`,
      );
    }
  }

  /** The provider an assistant's settings name (null = the instance provider), or null when there is none. */
  async resolve(organizationId: string, providerId: string | null): Promise<ResolvedProvider | null> {
    if (providerId === null) {
      const inst = this.deps.config.llm.instance;
      if (!inst) return null;
      return {
        endpoint: { id: INSTANCE_PROVIDER_ID, name: 'instance', baseUrl: inst.baseUrl, ...(inst.apiKey ? { apiKey: inst.apiKey } : {}) },
        defaultModel: inst.model,
      };
    }
    const [row] = await this.deps.db
      .select()
      .from(providers)
      .where(and(eq(providers.organizationId, organizationId), eq(providers.id, providerId)));
    if (!row) return null;
    const apiKey = row.apiKeySealed ? this.deps.sealedBox.open(row.apiKeySealed, `provider:${row.id}`) : undefined;
    return { endpoint: { id: row.id, name: row.name, baseUrl: row.baseUrl, ...(apiKey ? { apiKey } : {}) }, defaultModel: null };
  }

  /** Ids among `ids` that are not providers of the organization (validates assistants' settings). */
  async unknownIds(organizationId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.deps.db.select({ id: providers.id }).from(providers).where(eq(providers.organizationId, organizationId));
    const known = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  }
}
