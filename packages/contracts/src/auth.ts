// Accounts: registration, login, session tokens and the caller's identity.
import { z } from 'zod';
import { isoDateSchema, roleSchema } from './common.js';

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((e) => e.toLowerCase());

export const passwordSchema = z.string().min(8, 'at least 8 characters').max(256);

export const registerBodySchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1).max(100).optional(),
  invitationToken: z
    .string()
    .min(20)
    .max(200)
    .optional()
    .describe('Accept this invitation right after signing up (also lets invited people in when registration is closed)'),
  includeRefreshToken: z
    .boolean()
    .optional()
    .describe('Also return the refresh token in the body (for non-browser clients); browsers use the cookie'),
});

export const loginBodySchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(256),
  includeRefreshToken: z.boolean().optional(),
});

export const refreshBodySchema = z
  .strictObject({
    refreshToken: z.string().min(20).max(200).optional(),
    includeRefreshToken: z.boolean().optional(),
  })
  .nullish();

export const logoutBodySchema = z
  .strictObject({
    refreshToken: z.string().min(20).max(200).optional(),
    allSessions: z.boolean().optional(),
  })
  .nullish();

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  isInstanceAdmin: z.boolean(),
  createdAt: isoDateSchema,
});
export type User = z.infer<typeof userSchema>;

export const sessionResponseSchema = z.object({
  user: userSchema,
  accessToken: z.string(),
  accessTokenExpiresAt: isoDateSchema,
  refreshToken: z.string().optional(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const membershipSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  personal: z.boolean(),
  role: roleSchema,
});

export const meResponseSchema = z.object({
  user: userSchema,
  organizations: z.array(membershipSummarySchema),
  activeOrganizationId: z.uuid(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
