// Organizations (tenants), their members and invitations.
import { z } from 'zod';
import { isoDateSchema, roleSchema } from './common.js';
import { emailSchema } from './auth.js';

export const organizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  personal: z.boolean(),
  role: roleSchema.describe("The caller's role in this organization"),
  createdAt: isoDateSchema,
});
export type Organization = z.infer<typeof organizationSchema>;

export const createOrganizationBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
});
export const updateOrganizationBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
});

export const orgParamsSchema = z.strictObject({ orgId: z.uuid() });
export const memberParamsSchema = z.strictObject({ orgId: z.uuid(), userId: z.uuid() });
export const invitationParamsSchema = z.strictObject({ orgId: z.uuid(), invitationId: z.uuid() });

export const memberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: roleSchema,
  joinedAt: isoDateSchema,
});
export const updateMemberBodySchema = z.strictObject({ role: roleSchema });

export const createInvitationBodySchema = z.strictObject({
  email: emailSchema,
  role: z.enum(['admin', 'member']).default('member'),
});
export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: isoDateSchema,
  createdAt: isoDateSchema,
});
export const createdInvitationSchema = invitationSchema.extend({
  token: z.string().describe('Shown only in this response'),
  inviteUrl: z.string(),
  emailSent: z.boolean(),
});
export const acceptInvitationBodySchema = z.strictObject({
  token: z.string().min(20).max(200),
});
