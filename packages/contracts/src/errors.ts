// The one error shape Parley answers with over HTTP, and the stable machine-readable codes it uses.
import { z } from 'zod';

export const errorCodes = [
  // 400
  'validation_error',
  'invalid_json',
  'invalid_content_length',
  'bad_request',
  'invalid_text',
  'invitation_invalid',
  'invalid_request',
  // 401
  'unauthorized',
  'invalid_credentials',
  'token_expired',
  // 403
  'forbidden',
  'registration_closed',
  'origin_not_allowed',
  'wrong_key_kind',
  // 404: `<resource>_not_found` for resources, `route_not_found` for unknown paths
  'route_not_found',
  'organization_not_found',
  'assistant_not_found',
  'api_key_not_found',
  'member_not_found',
  'invitation_not_found',
  'document_not_found',
  'conversation_not_found',
  'message_not_found',
  // 409
  'email_taken',
  'slug_taken',
  'already_member',
  'last_owner',
  'document_in_progress',
  'answer_in_progress',
  // 413, 414, 415, 429
  'payload_too_large',
  'uri_too_long',
  'unsupported_media_type',
  'url_not_allowed',
  'rate_limited',
  // 5xx
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
