// The one error shape Parley answers with over HTTP, and the stable machine-readable codes it uses.
import { z } from 'zod';

export const errorCodes = [
  'validation_error',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'route_not_found',
  'method_not_allowed',
  'unauthorized',
  'invalid_credentials',
  'token_expired',
  'forbidden',
  'conflict',
  'email_taken',
  'slug_taken',
  'rate_limited',
  'registration_closed',
  'invitation_invalid',
  'last_owner',
  'service_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof errorCodes)[number] | (string & {});

export const fieldIssueSchema = z.object({
  path: z.string().describe('Dotted path of the offending field, e.g. `body.generation.temperature`'),
  message: z.string(),
  code: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable error code'),
      message: z.string().describe('Human-readable explanation'),
      details: z.unknown().optional(),
    }),
    requestId: z.string(),
  })
  .describe('The error shape of every non-2xx response');
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
