// Sign-up, sign-in, session refresh (rotating refresh tokens with reuse detection) and sign-out.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { MeResponse, Role, User } from '@parley/contracts';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { memberships, organizations, refreshTokens, users } from '../../db/schema.js';
import {
  AppError,
  conflict,
  invalidCredentials,
  isUniqueViolation,
  rateLimited,
  serviceUnavailable,
  unauthorized,
} from '../../http/errors.js';
import type { UserPrincipal } from '../../http/principal.js';
import type { RateLimiter } from '../../state/rate-limiter.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import type { OrganizationService } from '../organizations/organization.service.js';
import type { PasswordHasher } from './password-hasher.js';
import { randomToken, sha256, type TokenService } from './token-service.js';

export interface Session {
  user: User;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

export interface ClientInfo extends AuditActor {
  userAgent?: string | null;
}

const FIRST_USER_LOCK = 7_219_004_402;
/** Two tabs refreshing at once both present the same token; only reuse after this window counts as theft. */
const ROTATION_GRACE_MS = 10_000;
const LOGIN_WINDOW_SECONDS = 15 * 60;

export function presentUser(row: typeof users.$inferSelect): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    isInstanceAdmin: row.isInstanceAdmin,
    createdAt: row.createdAt.toISOString(),
  };
}

export class AuthService {
  constructor(
    private readonly deps: {
      db: Db;
      config: Config;
      hasher: PasswordHasher;
      tokens: TokenService;
      rateLimiter: RateLimiter;
      audit: AuditService;
      organizations: OrganizationService;
    },
  ) {}

  async register(
    input: { email: string; password: string; name?: string; invitationToken?: string },
    client: ClientInfo,
  ): Promise<Session> {
    const { db, config, hasher, audit, organizations: orgs } = this.deps;
    const passwordHash = await hasher.hash(input.password);
    const invitation = input.invitationToken ? await orgs.findPendingInvitation(input.invitationToken) : null;
    if (input.invitationToken && (!invitation || invitation.email !== input.email)) {
      throw new AppError(400, 'invitation_invalid', 'The invitation is invalid, expired, or for another email address');
    }
    const user = await db
      .transaction(async (tx) => {
        // Serialises sign-ups so exactly one first user becomes the instance admin.
        await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_USER_LOCK})`);
        const [{ count } = { count: 0 }] = await tx.select({ count: sql<number>`count(*)::int` }).from(users);
        const isFirst = count === 0;
        if (!isFirst && !config.auth.allowRegistration && !invitation) {
          throw new AppError(403, 'registration_closed', 'Sign-up is closed on this instance; ask for an invitation');
        }
        const [created] = await tx
          .insert(users)
          .values({ email: input.email, name: input.name ?? null, passwordHash, isInstanceAdmin: isFirst })
          .returning();
        const org = await orgs.createOrganization(tx, {
          name: input.name ? `${input.name}` : input.email.split('@')[0]!,
          personal: true,
          ownerId: created!.id,
        });
        if (invitation) await orgs.acceptInvitationTx(tx, invitation, created!.id);
        await audit.record(
          { ...client, userId: created!.id },
          {
            organizationId: org.id,
            action: 'user.registered',
            targetType: 'user',
            targetId: created!.id,
            metadata: { instanceAdmin: isFirst },
          },
          tx,
        );
        return created!;
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err, 'users_email_key')) {
          throw conflict('email_taken', 'An account with this email already exists', {
            issues: [{ path: 'body.email', message: 'already registered', code: 'taken' }],
          });
        }
        throw err;
      });
    return this.startSession(user, client);
  }

  /** `parley create-admin`: creates an instance admin, or promotes (and optionally re-passwords) an existing user. */
  async ensureAdmin(input: { email: string; password?: string; name?: string }): Promise<{ user: User; created: boolean }> {
    const { db, hasher, organizations: orgs, audit } = this.deps;
    const [existing] = await db.select().from(users).where(eq(users.email, input.email));
    if (existing) {
      const [updated] = await db
        .update(users)
        .set({
          isInstanceAdmin: true,
          updatedAt: new Date(),
          ...(input.password ? { passwordHash: await hasher.hash(input.password) } : {}),
          ...(input.name ? { name: input.name } : {}),
        })
        .where(eq(users.id, existing.id))
        .returning();
      await audit.record(
        { userId: existing.id },
        { organizationId: null, action: 'user.promoted_admin', targetType: 'user', targetId: existing.id },
      );
      return { user: presentUser(updated!), created: false };
    }
    if (!input.password) throw new AppError(400, 'validation_error', 'A password is needed to create a new admin');
    const passwordHash = await hasher.hash(input.password);
    const user = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name ?? null, passwordHash, isInstanceAdmin: true })
        .returning();
      const org = await orgs.createOrganization(tx, {
        name: input.name ?? input.email.split('@')[0]!,
        personal: true,
        ownerId: created!.id,
      });
      await audit.record(
        { userId: created!.id },
        { organizationId: org.id, action: 'user.created_admin', targetType: 'user', targetId: created!.id },
        tx,
      );
      return created!;
    });
    return { user: presentUser(user), created: true };
  }

  async login(input: { email: string; password: string }, client: ClientInfo): Promise<Session> {
    const { db, hasher, audit, rateLimiter, config } = this.deps;
    const window = (n: number) => ({ capacity: n, refillPerSecond: n / LOGIN_WINDOW_SECONDS });
    // Login throttling fails closed: without it, passwords could be guessed at full speed during an outage.
    const [byIp, byAccount] = await Promise.all([
      rateLimiter.consume(`login:ip:${client.ip ?? 'unknown'}`, window(config.auth.loginAttemptsPerIp)),
      rateLimiter.consume(`login:account:${input.email}`, window(config.auth.loginAttemptsPerAccount)),
    ]).catch(() => {
      throw serviceUnavailable('Sign-in is briefly unavailable; try again in a moment');
    });
    if (!byIp.allowed || !byAccount.allowed) {
      throw rateLimited(Math.max(byIp.retryAfterMs, byAccount.retryAfterMs), 'Too many sign-in attempts; wait and try again');
    }
    const [user] = await db.select().from(users).where(eq(users.email, input.email));
    const ok = user ? await hasher.verify(input.password, user.passwordHash) : await hasher.verifyDummy(input.password);
    if (!user || !ok) {
      await audit.record(client, {
        organizationId: null,
        action: 'user.login_failed',
        targetType: 'user',
        ...(user ? { targetId: user.id } : {}),
        metadata: { email: input.email },
      });
      throw invalidCredentials();
    }
    // Only failures should use up the account's budget: a good sign-in starts it afresh.
    await rateLimiter.reset(`login:account:${input.email}`).catch(() => undefined);
    await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
    await audit.record(
      { ...client, userId: user.id },
      { organizationId: null, action: 'user.login', targetType: 'user', targetId: user.id },
    );
    return this.startSession(user, client);
  }

  async refresh(rawToken: string | null, client: ClientInfo): Promise<Session> {
    const { db } = this.deps;
    if (!rawToken) throw unauthorized('No refresh token');
    const [row] = await db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256(rawToken)));
    if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw unauthorized('Refresh token is invalid or expired');
    if (row.rotatedAt) {
      if (Date.now() - row.rotatedAt.getTime() > ROTATION_GRACE_MS) {
        // A rotated token came back: someone holds a stolen copy. End the whole session family.
        await this.revokeFamily(row.familyId);
        await this.deps.audit.record(
          { ...client, userId: row.userId },
          { organizationId: null, action: 'session.refresh_reuse_detected', targetType: 'session', targetId: row.familyId },
        );
      }
      throw unauthorized('Refresh token was already used');
    }
    const rotated = await db
      .update(refreshTokens)
      .set({ rotatedAt: new Date() })
      .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.rotatedAt)))
      .returning({ id: refreshTokens.id });
    if (rotated.length === 0) throw unauthorized('Refresh token was already used');
    const [user] = await db.select().from(users).where(eq(users.id, row.userId));
    if (!user) throw unauthorized('The account no longer exists');
    return this.startSession(user, client, row.familyId);
  }

  async logout(principal: UserPrincipal | null, rawToken: string | null, allSessions: boolean): Promise<void> {
    const { db } = this.deps;
    if (principal && allSessions) {
      await db
        .update(refreshTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(refreshTokens.userId, principal.userId), isNull(refreshTokens.revokedAt)));
      return;
    }
    if (principal) await this.revokeFamily(principal.sessionId);
    if (rawToken) {
      const [row] = await db
        .select({ familyId: refreshTokens.familyId })
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, sha256(rawToken)));
      if (row) await this.revokeFamily(row.familyId);
    }
  }

  async me(principal: UserPrincipal): Promise<MeResponse> {
    const { db } = this.deps;
    const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
    if (!user) throw unauthorized('The account no longer exists');
    const orgs = await db
      .select({
        id: organizations.id,
        name: organizations.name,
        slug: organizations.slug,
        personal: organizations.personal,
        role: memberships.role,
      })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(eq(memberships.userId, principal.userId))
      .orderBy(sql`${organizations.personal} desc`, organizations.name);
    return {
      user: presentUser(user),
      organizations: orgs.map((o) => ({ ...o, role: o.role as Role })),
      activeOrganizationId: principal.organizationId,
    };
  }

  private async revokeFamily(familyId: string) {
    await this.deps.db
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
  }

  private async startSession(user: typeof users.$inferSelect, client: ClientInfo, familyId: string = randomUUID()): Promise<Session> {
    const { db, tokens, config } = this.deps;
    const refreshToken = randomToken('rt_');
    const refreshTokenExpiresAt = new Date(Date.now() + config.auth.refreshTokenTtlDays * 86_400_000);
    await db.insert(refreshTokens).values({
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: refreshTokenExpiresAt,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      ip: client.ip ?? null,
    });
    const access = await tokens.issueAccessToken({ userId: user.id, sessionId: familyId });
    return {
      user: presentUser(user),
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt,
    };
  }
}
