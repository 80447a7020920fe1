// API keys: secret keys (sk_) for server-side programs, publishable keys (pk_) for the website widget.
import { z } from 'zod';
import { isoDateSchema } from './common.js';

export const apiKeyKindSchema = z.enum(['secret', 'publishable']);

const originSchema = z
  .string()
  .max(255)
  .regex(/^https?:\/\/[^/\s?#]+$/, 'an origin such as https://shop.example (scheme and host, no path)');

export const createApiKeyBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    kind: apiKeyKindSchema,
    allowedOrigins: z.array(originSchema).max(50).optional(),
  })
  .refine((b) => b.kind === 'publishable' || !b.allowedOrigins, {
    message: 'allowedOrigins applies to publishable keys only',
    path: ['allowedOrigins'],
  });

export const apiKeySchema = z.object({
  id: z.uuid(),
  assistantId: z.uuid(),
  name: z.string(),
  kind: apiKeyKindSchema,
  prefix: z.string().describe('First characters of the key, to recognise it'),
  allowedOrigins: z.array(z.string()),
  createdAt: isoDateSchema,
  lastUsedAt: isoDateSchema.nullable(),
});
export const createdApiKeySchema = apiKeySchema.extend({
  key: z.string().describe('The full key; shown only in this response'),
});
export const apiKeyParamsSchema = z.strictObject({ id: z.uuid(), keyId: z.uuid() });
