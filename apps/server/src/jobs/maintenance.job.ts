// Housekeeping that keeps the auth tables small: expired or long-revoked refresh tokens and
// invitations past their date are deleted. Runs hourly on whichever worker takes it.
import { and, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { invitations, refreshTokens } from '../db/schema.js';
import type { JobDefinition } from './job-queue.js';

export const MAINTENANCE_JOB = 'maintenance';

export async function purgeExpiredCredentials(db: Db): Promise<{ refreshTokens: number; invitations: number }> {
  const tokens = await db
    .delete(refreshTokens)
    .where(
      or(
        lt(refreshTokens.expiresAt, sql`now()`),
        and(isNotNull(refreshTokens.revokedAt), lt(refreshTokens.revokedAt, sql`now() - interval '1 day'`)),
      ),
    )
    .returning({ id: refreshTokens.id });
  const invites = await db
    .delete(invitations)
    .where(lt(invitations.expiresAt, sql`now() - interval '30 days'`))
    .returning({ id: invitations.id });
  return { refreshTokens: tokens.length, invitations: invites.length };
}

export function maintenanceJob(db: Db): JobDefinition<Record<string, never>> {
  return {
    name: MAINTENANCE_JOB,
    schedule: '17 * * * *',
    retryLimit: 1,
    async handle(_data, { logger }) {
      const purged = await purgeExpiredCredentials(db);
      logger.info({ purged }, 'maintenance done');
      return purged;
    },
  };
}
