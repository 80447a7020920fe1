// Who is calling and in which tenant. Every tenant-scoped repository is built from a TenantScope,
// never from ids taken out of the request by hand.
import type { Role } from '@parley/contracts';

export interface UserPrincipal {
  readonly kind: 'user';
  readonly userId: string;
  readonly sessionId: string;
  readonly isInstanceAdmin: boolean;
  readonly organizationId: string;
  readonly role: Role;
}

export interface ApiKeyPrincipal {
  readonly kind: 'api_key';
  readonly apiKeyId: string;
  readonly keyKind: 'secret' | 'publishable';
  readonly organizationId: string;
  readonly assistantId: string;
  readonly allowedOrigins: readonly string[];
  /**
   * On the public widget routes: the HMAC of the anonymous visitor's id. A publishable key acts only
   * for one visitor at a time and sees that visitor's widget conversations, nothing else.
   */
  readonly visitorHash?: string;
}

export type Principal = UserPrincipal | ApiKeyPrincipal;

/** The tenant a repository is bound to. An API key is further confined to its one assistant. */
export interface TenantScope {
  readonly organizationId: string;
  readonly assistantId?: string;
}

export function scopeOf(principal: Principal): TenantScope {
  return principal.kind === 'api_key'
    ? { organizationId: principal.organizationId, assistantId: principal.assistantId }
    : { organizationId: principal.organizationId };
}

/** Route-level auth requirement, set as `config: { auth }` on each route. */
export type AuthRequirement =
  | 'none' // public
  | 'session' // a signed-in user, no organization needed (auth/me, accept invitation)
  | 'user' // a signed-in user acting in an organization
  | 'user_or_secret_key' // as 'user', or a secret API key confined to its assistant
  | 'publishable_key'; // the public widget routes: a publishable key in the path, checked by modules/public

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthRequirement;
    /** Skip the general per-IP rate limit (health probes, metrics scrapes). */
    skipRateLimit?: boolean;
    /** Also accept the token as `?access_token=` (WebSocket upgrades, which browsers cannot give headers). */
    queryToken?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Owners and admins manage an organization's assistants, keys, members and invitations. */
export function isManagerRole(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** A signed-in owner or admin (API keys never manage anything). */
export function isManager(principal: Principal): principal is UserPrincipal {
  return principal.kind === 'user' && isManagerRole(principal.role);
}

export function requireUser(principal: Principal | null): UserPrincipal {
  if (!principal || principal.kind !== 'user') throw new Error('route misconfigured: user principal expected');
  return principal;
}
