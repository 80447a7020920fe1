// API keys for an assistant: secret (sk_) for programs, publishable (pk_) for the website widget.
// The full key exists only in the creation response; we keep a keyed hash and a short display prefix.
import type { Invalidations } from '../../state/local-cache.js';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { forbidden, notFound } from '../../http/errors.js';
import { isManager, scopeOf, type Principal } from '../../http/principal.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import { hmac } from '../auth/token-service.js';
import { AssistantRepository } from '../assistants/assistant.repository.js';
import { ApiKeyRepository, type ApiKeyRow } from './api-key.repository.js';

const PREFIX_LENGTH = 11; // "sk_" + 8 characters

function present(row: ApiKeyRow) {
  return {
    id: row.id,
    assistantId: row.assistantId,
    name: row.name,
    kind: row.kind,
    prefix: row.prefix,
    allowedOrigins: row.allowedOrigins,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt ? row.lastUsedAt.toISOString() : null,
  };
}

export class ApiKeyService {
  constructor(private readonly deps: { db: Db; audit: AuditService; hashKey: Uint8Array; invalidations?: Invalidations }) {}

  /** Key management is for signed-in owners and admins; an API key can never mint or list keys. */
  private async authorize(principal: Principal, assistantId: string) {
    const scope = scopeOf(principal);
    const assistant = await new AssistantRepository(this.deps.db, scope).findById(assistantId);
    if (!assistant) throw notFound('assistant');
    if (!isManager(principal)) {
      throw forbidden('Only owners and admins can manage API keys');
    }
    return { repo: new ApiKeyRepository(this.deps.db, scope), principal };
  }

  async create(
    principal: Principal,
    assistantId: string,
    input: { name: string; kind: 'secret' | 'publishable'; allowedOrigins?: string[] },
    actor: AuditActor,
  ) {
    const { repo, principal: user } = await this.authorize(principal, assistantId);
    const key = `${input.kind === 'secret' ? 'sk' : 'pk'}_${randomBytes(32).toString('base64url')}`;
    const row = await repo.insert({
      assistantId,
      name: input.name,
      kind: input.kind,
      prefix: key.slice(0, PREFIX_LENGTH),
      keyHash: hmac(this.deps.hashKey, key),
      allowedOrigins: [...new Set(input.allowedOrigins ?? [])],
      createdBy: user.userId,
    });
    await this.deps.audit.record(
      { ...actor, userId: user.userId },
      {
        organizationId: user.organizationId,
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: row.id,
        metadata: { kind: row.kind, assistantId },
      },
    );
    return { ...present(row), key };
  }

  async list(principal: Principal, assistantId: string) {
    const { repo } = await this.authorize(principal, assistantId);
    return (await repo.listActive(assistantId)).map(present);
  }

  async revoke(principal: Principal, assistantId: string, keyId: string, actor: AuditActor) {
    const { repo, principal: user } = await this.authorize(principal, assistantId);
    if (!(await repo.revoke(assistantId, keyId))) throw notFound('api key');
    await this.deps.invalidations?.publish('api-key', keyId);
    await this.deps.audit.record(
      { ...actor, userId: user.userId },
      { organizationId: user.organizationId, action: 'api_key.revoked', targetType: 'api_key', targetId: keyId, metadata: { assistantId } },
    );
  }
}
