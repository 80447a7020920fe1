// Turns request credentials (Bearer JWT, access cookie, or an API key) into a Principal.
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { apiKeys, memberships, organizations, refreshTokens, users } from '../../db/schema.js';
import { forbidden, notFound, unauthorized } from '../../http/errors.js';
import type { ApiKeyPrincipal, AuthRequirement, Principal, UserPrincipal } from '../../http/principal.js';
import { hmac, type TokenService } from './token-service.js';

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
  ) {}

  async authenticate(requirement: AuthRequirement, creds: Credentials): Promise<Principal | null> {
    if (requirement === 'none') return null;
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
    const [row] = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, hmac(this.apiKeyHashKey, rawKey)), isNull(apiKeys.revokedAt)));
    if (!row) throw unauthorized('Invalid or revoked API key');
    // Record use at most once a minute per key, so busy keys do not write on every request.
    void this.db
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))))
      .catch(() => undefined);
    return {
      kind: 'api_key',
      apiKeyId: row.id,
      keyKind: row.kind,
      organizationId: row.organizationId,
      assistantId: row.assistantId,
      allowedOrigins: row.allowedOrigins,
    };
  }
}
