// Turns request credentials (Bearer JWT, access cookie, or an API key) into a Principal.
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { apiKeys, memberships, organizations, refreshTokens, users } from '../../db/schema.js';
import { forbidden, notFound, unauthorized } from '../../http/errors.js';
import type { ApiKeyPrincipal, AuthRequirement, Principal, UserPrincipal } from '../../http/principal.js';
import { LocalCache, type Invalidations } from '../../state/local-cache.js';
import { hmac, type TokenService } from './token-service.js';

/** How long a verified API key is trusted without asking the database (revocation announces itself at once). */
const API_KEY_CACHE_MS = 10_000;
/** `last_used_at` is written at most this often per key. */
const LAST_USED_EVERY_MS = 60_000;

export const ACCESS_COOKIE = 'parley_access';
export const REFRESH_COOKIE = 'parley_refresh';
export const ORGANIZATION_HEADER = 'x-parley-organization';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Credentials {
  bearer: string | null;
  accessCookie: string | null;
  organizationId: string | null;
  /** The route needs only a signed-in user: an unknown organization header falls back to the default one. */
  sessionOnly?: boolean;
}

export class Authenticator {
  constructor(
    private readonly db: Db,
    private readonly tokens: TokenService,
    private readonly apiKeyHashKey: Uint8Array,
    invalidations?: Invalidations,
  ) {
    // A revoked key, or one whose assistant is deleted, stops working on every instance at once.
    invalidations?.on('api-key', (id) => this.apiKeys.deleteWhere((p) => p.apiKeyId === id));
    invalidations?.on('assistant', (id) => this.apiKeys.deleteWhere((p) => p.assistantId === id));
  }

  private readonly apiKeys = new LocalCache<ApiKeyPrincipal>(API_KEY_CACHE_MS);
  private readonly lastUsedWrites = new LocalCache<true>(LAST_USED_EVERY_MS);

  async authenticate(requirement: AuthRequirement, creds: Credentials): Promise<Principal | null> {
    // The public widget routes admit their publishable key themselves (modules/public).
    if (requirement === 'none' || requirement === 'publishable_key') return null;
    if (creds.bearer && /^(sk|pk)_/.test(creds.bearer)) {
      const key = await this.apiKeyPrincipal(creds.bearer);
      if (key.keyKind === 'publishable') {
        throw forbidden('Publishable keys work only on the public widget endpoints (/api/v1/public/…)');
      }
      if (requirement !== 'user_or_secret_key') throw forbidden('This endpoint needs a signed-in user, not an API key');
      return key;
    }
    const token = creds.bearer ?? creds.accessCookie;
    if (!token) throw unauthorized();
    const claims = await this.tokens.verifyAccessToken(token);
    // One query answers both "does the user exist" and "is the session alive" (logout revokes at once).
    const [user] = await this.db
      .select({
        id: users.id,
        isInstanceAdmin: users.isInstanceAdmin,
        sessionActive: sql<boolean>`exists (select 1 from ${refreshTokens} where ${refreshTokens.familyId} = ${claims.sessionId} and ${refreshTokens.revokedAt} is null and ${refreshTokens.expiresAt} > now())`,
      })
      .from(users)
      .where(eq(users.id, claims.userId));
    if (!user) throw unauthorized('The account no longer exists');
    if (!user.sessionActive) throw unauthorized('The session has ended; sign in again');
    const membership = await this.activeMembership(user.id, creds.organizationId).catch((err: unknown) => {
      if (creds.sessionOnly && creds.organizationId) return this.activeMembership(user.id, null);
      throw err;
    });
    const principal: UserPrincipal = {
      kind: 'user',
      userId: user.id,
      sessionId: claims.sessionId,
      isInstanceAdmin: user.isInstanceAdmin,
      organizationId: membership.organizationId,
      role: membership.role,
    };
    return principal;
  }

  /** The organization named by the header, or the user's personal one (then the oldest). A non-member gets 404. */
  private async activeMembership(userId: string, requested: string | null) {
    if (requested !== null && !UUID_RE.test(requested)) throw notFound('organization');
    const rows = await this.db
      .select({ organizationId: memberships.organizationId, role: memberships.role, personal: organizations.personal })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(requested ? and(eq(memberships.userId, userId), eq(memberships.organizationId, requested)) : eq(memberships.userId, userId))
      .orderBy(sql`${organizations.personal} desc`, memberships.createdAt)
      .limit(1);
    const row = rows[0];
    if (!row) throw notFound('organization');
    return row;
  }

  async apiKeyPrincipal(rawKey: string): Promise<ApiKeyPrincipal> {
    if (rawKey.length > 200) throw unauthorized('Invalid API key');
    const keyHash = hmac(this.apiKeyHashKey, rawKey);
    const cached = this.apiKeys.get(keyHash);
    if (cached) {
      this.touch(cached.apiKeyId);
      return cached;
    }
    const [row] = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
    if (!row) throw unauthorized('Invalid or revoked API key');
    const principal: ApiKeyPrincipal = {
      kind: 'api_key',
      apiKeyId: row.id,
      keyKind: row.kind,
      organizationId: row.organizationId,
      assistantId: row.assistantId,
      allowedOrigins: row.allowedOrigins,
    };
    this.apiKeys.set(keyHash, principal);
    this.touch(row.id);
    return principal;
  }

  /** Records use at most once a minute per key (per instance), so busy keys do not write on every request. */
  private touch(apiKeyId: string): void {
    if (this.lastUsedWrites.get(apiKeyId)) return;
    this.lastUsedWrites.set(apiKeyId, true);
    void this.db
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(apiKeys.id, apiKeyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))))
      .catch(() => undefined);
  }
}
