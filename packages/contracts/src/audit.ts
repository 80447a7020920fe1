// Audit trail of security-relevant actions in an organization.
import { z } from 'zod';
import { isoDateSchema } from './common.js';

export const auditEventSchema = z.object({
  id: z.uuid(),
  action: z.string(),
  actorUserId: z.uuid().nullable(),
  actorApiKeyId: z.uuid().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: isoDateSchema,
});
export const listAuditEventsQuerySchema = z.strictObject({
  action: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.iso.datetime({ offset: true }).optional(),
});
