// Business rules for assistants: who may change them, slug uniqueness, merging partial settings, and
// whether each answers with a model or in the extractive mode (answerMode).
import {
  type createAssistantBodySchema,
  defaultWidgetSettings,
  widgetSettingsSchema,
  type WidgetSettings,
  generationSettingsSchema,
  retrievalSettingsSchema,
  rtlLanguages,
  type Assistant,
  type AssistantLanguage,
  type updateAssistantBodySchema,
} from '@parley/contracts';
import type { z } from 'zod';
import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { providers } from '../../db/schema.js';
import type { Invalidations } from '../../state/local-cache.js';
import { conflict, forbidden, isUniqueViolation, notFound, validationFailed } from '../../http/errors.js';
import { isManager, scopeOf, type Principal } from '../../http/principal.js';
import { slugify, withRandomSuffix } from '../../lib/slug.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import { answerModeOf } from '../chat/answer-mode.js';
import { AssistantRepository, type AssistantRow } from './assistant.repository.js';

type CreateInput = z.output<typeof createAssistantBodySchema>;
type UpdateInput = z.output<typeof updateAssistantBodySchema>;

/** What answerMode is decided from besides the assistant: the instance's model settings and the organization's providers. */
export interface ModelContext {
  readonly llm: Pick<Config['llm'], 'enabled' | 'instance'>;
  readonly providerIds: ReadonlySet<string>;
}

/** The stored widget settings over the defaults; a stored value that no longer fits the contract falls back to its default. */
export function widgetSettingsOf(stored: Record<string, unknown>): WidgetSettings {
  const out: Record<string, unknown> = { ...defaultWidgetSettings };
  for (const [key, field] of Object.entries(widgetSettingsSchema.shape)) {
    if (key in stored && field.safeParse(stored[key]).success) out[key] = stored[key];
  }
  return out as WidgetSettings;
}

export function presentAssistant(row: AssistantRow, models: ModelContext): Assistant {
  const generation = generationSettingsSchema.parse(row.generation);
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    slug: row.slug,
    description: row.description,
    language: row.language,
    direction: rtlLanguages.includes(row.language as AssistantLanguage) ? 'rtl' : 'ltr',
    systemPrompt: row.systemPrompt,
    tone: row.tone as Assistant['tone'],
    generation,
    retrieval: retrievalSettingsSchema.parse(row.retrieval),
    widget: widgetSettingsOf(row.widget),
    version: row.version,
    answerMode: answerModeOf(generation, models.llm, models.providerIds),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const slugTaken = () =>
  conflict('slug_taken', 'Another assistant in this organization already uses this slug', {
    issues: [{ path: 'body.slug', message: 'already used in this organization', code: 'taken' }],
  });

export class AssistantService {
  constructor(
    private readonly deps: { db: Db; audit: AuditService; llm: Pick<Config['llm'], 'enabled' | 'instance'>; invalidations?: Invalidations },
  ) {}

  private repo(principal: Principal) {
    return new AssistantRepository(this.deps.db, scopeOf(principal));
  }

  /** Presents assistants of one organization (one query for its providers, whatever the number of rows). */
  private async presenter(organizationId: string): Promise<(row: AssistantRow) => Assistant> {
    const rows = this.deps.llm.enabled
      ? await this.deps.db.select({ id: providers.id }).from(providers).where(eq(providers.organizationId, organizationId))
      : [];
    const models: ModelContext = { llm: this.deps.llm, providerIds: new Set(rows.map((r) => r.id)) };
    return (row) => presentAssistant(row, models);
  }

  private actor(principal: Principal, actor: AuditActor): AuditActor {
    return principal.kind === 'user' ? { ...actor, userId: principal.userId } : { ...actor, apiKeyId: principal.apiKeyId };
  }

  async list(principal: Principal, opts: { q?: string; limit: number; offset: number }) {
    const { items, total } = await this.repo(principal).list(opts);
    const present = await this.presenter(principal.organizationId);
    return { items: items.map(present), total };
  }

  async get(principal: Principal, id: string): Promise<Assistant> {
    const row = await this.repo(principal).findById(id);
    if (!row) throw notFound('assistant');
    return (await this.presenter(principal.organizationId))(row);
  }

  /** Every provider an assistant's settings name must be one of its organization's (null = the instance's). */
  private async checkProviders(
    organizationId: string,
    generation: { providerId?: string | null; fallbacks?: { providerId: string | null }[] },
  ) {
    const named = [
      ...(generation.providerId ? [{ id: generation.providerId, path: 'body.generation.providerId' }] : []),
      ...(generation.fallbacks ?? []).flatMap((f, i) =>
        f.providerId ? [{ id: f.providerId, path: `body.generation.fallbacks.${i}.providerId` }] : [],
      ),
    ];
    if (named.length === 0) return;
    const known = await this.deps.db
      .select({ id: providers.id })
      .from(providers)
      .where(and(eq(providers.organizationId, organizationId), inArray(providers.id, [...new Set(named.map((n) => n.id))])));
    const ids = new Set(known.map((k) => k.id));
    const unknown = named.filter((n) => !ids.has(n.id));
    if (unknown.length > 0) {
      throw validationFailed(
        unknown.map((u) => ({ path: u.path, message: 'not a provider of this organization', code: 'unknown_provider' })),
      );
    }
  }

  async create(principal: Principal, input: CreateInput, actor: AuditActor): Promise<Assistant> {
    if (!isManager(principal)) throw forbidden('Only owners and admins can create assistants');
    await this.checkProviders(principal.organizationId, input.generation);
    const repo = this.repo(principal);
    const explicitSlug = input.slug;
    const base = explicitSlug ?? slugify(input.name, 'assistant');
    for (let attempt = 0; ; attempt++) {
      const slug = attempt === 0 ? base : withRandomSuffix(base);
      try {
        const row = await repo.insert({
          name: input.name,
          slug,
          description: input.description,
          language: input.language,
          systemPrompt: input.systemPrompt,
          tone: input.tone,
          generation: input.generation,
          retrieval: input.retrieval,
          createdBy: principal.kind === 'user' ? principal.userId : null,
        });
        await this.deps.audit.record(this.actor(principal, actor), {
          organizationId: principal.organizationId,
          action: 'assistant.created',
          targetType: 'assistant',
          targetId: row.id,
          metadata: { name: row.name, slug: row.slug },
        });
        return (await this.presenter(principal.organizationId))(row);
      } catch (err) {
        if (!isUniqueViolation(err, 'assistants_org_slug_key')) throw err;
        if (explicitSlug || attempt >= 5) throw slugTaken();
      }
    }
  }

  async update(principal: Principal, id: string, input: UpdateInput, actor: AuditActor): Promise<Assistant> {
    const repo = this.repo(principal);
    const current = await repo.findById(id);
    if (!current) throw notFound('assistant');
    if (!isManager(principal)) throw forbidden('Only owners and admins can change assistants');
    const { generation, retrieval, widget, ...rest } = input;
    if (generation) await this.checkProviders(principal.organizationId, generation);
    const mergedRetrieval = retrieval ? retrievalSettingsSchema.safeParse({ ...current.retrieval, ...retrieval }) : null;
    if (mergedRetrieval && !mergedRetrieval.success) {
      throw validationFailed(
        mergedRetrieval.error.issues.map((i) => ({ path: ['body', 'retrieval', ...i.path].join('.'), message: i.message, code: i.code })),
      );
    }
    try {
      const row = await repo.update(id, {
        ...rest,
        ...(generation ? { generation: generationSettingsSchema.parse({ ...current.generation, ...generation }) } : {}),
        ...(mergedRetrieval ? { retrieval: mergedRetrieval.data } : {}),
        ...(widget ? { widget: { ...widgetSettingsOf(current.widget), ...widget } } : {}),
      });
      if (!row) throw notFound('assistant');
      await this.deps.invalidations?.publish('assistant', id);
      await this.deps.audit.record(this.actor(principal, actor), {
        organizationId: principal.organizationId,
        action: 'assistant.updated',
        targetType: 'assistant',
        targetId: id,
        metadata: { fields: Object.keys(input) },
      });
      return (await this.presenter(principal.organizationId))(row);
    } catch (err) {
      if (isUniqueViolation(err, 'assistants_org_slug_key')) throw slugTaken();
      throw err;
    }
  }

  async delete(principal: Principal, id: string, actor: AuditActor): Promise<void> {
    const repo = this.repo(principal);
    if (!(await repo.findById(id))) throw notFound('assistant');
    if (!isManager(principal)) throw forbidden('Only owners and admins can delete assistants');
    await repo.delete(id);
    await this.deps.invalidations?.publish('assistant', id);
    await this.deps.audit.record(this.actor(principal, actor), {
      organizationId: principal.organizationId,
      action: 'assistant.deleted',
      targetType: 'assistant',
      targetId: id,
    });
  }
}
