// Small schemas reused across resources.
import { z } from 'zod';

export const uuidSchema = z.uuid();
export const isoDateSchema = z.iso.datetime({ offset: true });
export const slugSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes');

export const idParamsSchema = z.strictObject({ id: z.uuid() });

export const roleSchema = z.enum(['owner', 'admin', 'member']);
export type Role = z.infer<typeof roleSchema>;
