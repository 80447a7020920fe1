// Organizations (tenants), memberships and invitations. Every query here is bound to one organization
// after the caller's membership in it has been checked; a non-member gets 404, never 403.
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Role } from '@parley/contracts';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { invitations, memberships, organizations, users } from '../../db/schema.js';
import { AppError, conflict, forbidden, isUniqueViolation, notFound } from '../../http/errors.js';
import { slugify, withRandomSuffix } from '../../lib/slug.js';
import type { Mailer } from '../../mail/mailer.js';
import { isManagerRole } from '../../http/principal.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import { randomToken, sha256 } from '../auth/token-service.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;
type InvitationRow = typeof invitations.$inferSelect;

function presentInvitation(row: InvitationRow) {
  const status = row.acceptedAt ? 'accepted' : row.revokedAt ? 'revoked' : row.expiresAt.getTime() <= Date.now() ? 'expired' : 'pending';
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  } as const;
}

export class OrganizationService {
  constructor(private readonly deps: { db: Db; config: Config; audit: AuditService; mailer: Mailer }) {}

  async createOrganization(tx: Tx, input: { name: string; personal: boolean; ownerId: string }) {
    const base = slugify(input.name, 'org');
    for (let attempt = 0; ; attempt++) {
      const slug = attempt === 0 ? base : withRandomSuffix(base);
      try {
        // A savepoint per attempt: a failed insert would otherwise abort the surrounding transaction.
        return await tx.transaction(async (sp) => {
          const [org] = await sp.insert(organizations).values({ name: input.name, slug, personal: input.personal }).returning();
          await sp.insert(memberships).values({ organizationId: org!.id, userId: input.ownerId, role: 'owner' });
          return org!;
        });
      } catch (err) {
        if (attempt < 5 && isUniqueViolation(err, 'organizations_slug_key')) continue;
        throw err;
      }
    }
  }

  /** The caller's role in an organization; 404 when not a member. */
  async roleIn(userId: string, organizationId: string): Promise<Role> {
    const [row] = await this.deps.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId)));
    if (!row) throw notFound('organization');
    return row.role;
  }

  private async requireManager(userId: string, organizationId: string): Promise<Role> {
    const role = await this.roleIn(userId, organizationId);
    if (!isManagerRole(role)) throw forbidden('Only owners and admins can do this');
    return role;
  }

  async listForUser(userId: string) {
    const rows = await this.deps.db
      .select({ org: organizations, role: memberships.role })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(eq(memberships.userId, userId))
      .orderBy(desc(organizations.personal), asc(organizations.name));
    return rows.map((r) => this.present(r.org, r.role));
  }

  async get(userId: string, organizationId: string) {
    const role = await this.roleIn(userId, organizationId);
    const [org] = await this.deps.db.select().from(organizations).where(eq(organizations.id, organizationId));
    if (!org) throw notFound('organization');
    return this.present(org, role);
  }

  async create(userId: string, name: string, actor: AuditActor) {
    const org = await this.deps.db.transaction((tx) => this.createOrganization(tx, { name, personal: false, ownerId: userId }));
    await this.deps.audit.record(actor, {
      organizationId: org.id,
      action: 'organization.created',
      targetType: 'organization',
      targetId: org.id,
    });
    return this.present(org, 'owner');
  }

  async rename(userId: string, organizationId: string, name: string, actor: AuditActor) {
    const role = await this.requireManager(userId, organizationId);
    // One transaction: the rename and its audit record land together or not at all.
    const org = await this.deps.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(organizations)
        .set({ name, updatedAt: new Date() })
        .where(eq(organizations.id, organizationId))
        .returning();
      await this.deps.audit.record(
        actor,
        { organizationId, action: 'organization.renamed', targetType: 'organization', targetId: organizationId, metadata: { name } },
        tx,
      );
      return updated!;
    });
    return this.present(org, role);
  }

  async listMembers(userId: string, organizationId: string) {
    await this.roleIn(userId, organizationId);
    const rows = await this.deps.db
      .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organizationId, organizationId))
      .orderBy(asc(memberships.createdAt));
    return rows.map((r) => ({ ...r, joinedAt: r.joinedAt.toISOString() }));
  }

  async changeRole(userId: string, organizationId: string, memberId: string, role: Role, actor: AuditActor) {
    const callerRole = await this.roleIn(userId, organizationId);
    if (callerRole !== 'owner') throw forbidden('Only owners can change roles');
    await this.deps.db.transaction(async (tx) => {
      const target = await this.lockMember(tx, organizationId, memberId);
      if (target.role === 'owner' && role !== 'owner') await this.assertAnotherOwner(tx, organizationId);
      await tx.update(memberships).set({ role }).where(this.memberWhere(organizationId, memberId));
      await this.deps.audit.record(
        actor,
        { organizationId, action: 'member.role_changed', targetType: 'user', targetId: memberId, metadata: { role } },
        tx,
      );
    });
    return (await this.listMembers(userId, organizationId)).find((m) => m.userId === memberId)!;
  }

  async removeMember(userId: string, organizationId: string, memberId: string, actor: AuditActor) {
    const callerRole = await this.roleIn(userId, organizationId);
    // Anyone may leave; removing others needs owner or admin, and only owners remove owners.
    if (memberId !== userId && !isManagerRole(callerRole)) throw forbidden('Only owners and admins can remove members');
    await this.deps.db.transaction(async (tx) => {
      const target = await this.lockMember(tx, organizationId, memberId);
      if (target.role === 'owner' && callerRole !== 'owner') throw forbidden('Only owners can remove an owner');
      if (target.role === 'owner') await this.assertAnotherOwner(tx, organizationId);
      await tx.delete(memberships).where(this.memberWhere(organizationId, memberId));
      await this.deps.audit.record(actor, { organizationId, action: 'member.removed', targetType: 'user', targetId: memberId }, tx);
    });
  }

  private memberWhere(organizationId: string, memberId: string) {
    return and(eq(memberships.organizationId, organizationId), eq(memberships.userId, memberId));
  }

  /** The member's row, locked for the rest of the transaction so two owners cannot both step down at once. */
  private async lockMember(tx: Tx, organizationId: string, memberId: string) {
    const [target] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(this.memberWhere(organizationId, memberId))
      .for('update');
    if (!target) throw notFound('member');
    return target;
  }

  private async assertAnotherOwner(tx: Tx, organizationId: string) {
    const [{ owners } = { owners: 0 }] = await tx
      .select({ owners: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'owner')));
    if (owners <= 1) throw conflict('last_owner', 'An organization must keep at least one owner');
  }

  async invite(userId: string, organizationId: string, input: { email: string; role: 'admin' | 'member' }, actor: AuditActor) {
    await this.requireManager(userId, organizationId);
    const { db, config, mailer } = this.deps;
    const [existing] = await db
      .select({ userId: users.id })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organizationId, organizationId)))
      .where(eq(users.email, input.email));
    if (existing) throw conflict('already_member', 'This person is already a member');
    const token = randomToken('inv_');
    const [row] = await db
      .insert(invitations)
      .values({
        organizationId,
        email: input.email,
        role: input.role,
        tokenHash: sha256(token),
        invitedBy: userId,
        expiresAt: new Date(Date.now() + config.auth.invitationTtlDays * 86_400_000),
      })
      .returning();
    const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId));
    const inviteUrl = `${config.publicUrl}/invite?token=${encodeURIComponent(token)}`;
    const emailSent = await mailer.send({
      to: input.email,
      subject: `You are invited to ${org?.name ?? 'an organization'} on Parley`,
      text: `You have been invited to join ${org?.name ?? 'an organization'} on Parley.\n\nAccept the invitation: ${inviteUrl}\n\nThe link expires on ${row!.expiresAt.toUTCString()}.`,
    });
    await this.deps.audit.record(actor, {
      organizationId,
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: row!.id,
      metadata: { email: input.email, role: input.role, emailSent },
    });
    return { ...presentInvitation(row!), token, inviteUrl, emailSent };
  }

  async listInvitations(userId: string, organizationId: string) {
    await this.requireManager(userId, organizationId);
    const rows = await this.deps.db
      .select()
      .from(invitations)
      .where(eq(invitations.organizationId, organizationId))
      .orderBy(desc(invitations.createdAt));
    return rows.map(presentInvitation);
  }

  async revokeInvitation(userId: string, organizationId: string, invitationId: string, actor: AuditActor) {
    await this.requireManager(userId, organizationId);
    const updated = await this.deps.db
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, invitationId), eq(invitations.organizationId, organizationId), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (updated.length === 0) throw notFound('invitation');
    await this.deps.audit.record(actor, { organizationId, action: 'invitation.revoked', targetType: 'invitation', targetId: invitationId });
  }

  async findPendingInvitation(token: string): Promise<InvitationRow | null> {
    const [row] = await this.deps.db
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.tokenHash, sha256(token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, sql`now()`),
        ),
      );
    return row ?? null;
  }

  async acceptInvitationTx(tx: Tx, invitation: InvitationRow, userId: string) {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) throw new AppError(400, 'invitation_invalid', 'The invitation was already used');
    await tx.insert(memberships).values({ organizationId: invitation.organizationId, userId, role: invitation.role }).onConflictDoNothing();
  }

  async acceptInvitation(userId: string, token: string, actor: AuditActor) {
    const [user] = await this.deps.db.select({ email: users.email }).from(users).where(eq(users.id, userId));
    const invitation = await this.findPendingInvitation(token);
    // The link is bound to the invited address, so a forwarded link cannot be used by someone else.
    if (!invitation || invitation.email !== user?.email) {
      throw new AppError(400, 'invitation_invalid', 'The invitation is invalid, expired, or for another email address');
    }
    await this.deps.db.transaction((tx) => this.acceptInvitationTx(tx, invitation, userId));
    await this.deps.audit.record(actor, {
      organizationId: invitation.organizationId,
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: invitation.id,
    });
    return this.get(userId, invitation.organizationId);
  }

  private present(org: typeof organizations.$inferSelect, role: Role) {
    return { id: org.id, name: org.name, slug: org.slug, personal: org.personal, role, createdAt: org.createdAt.toISOString() };
  }
}
