// Renders every failure in the one error shape: {"error":{"code","message","details"},"requestId"}.
// Validation failures name the offending field; unexpected errors are logged and answered 500 without internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorResponse, FieldIssue } from '@parley/contracts';
import { AppError } from './errors.js';

const fastifyCodeMap: Record<string, { status: number; code: string; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', message: 'Body is empty but Content-Type is application/json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'Body is not valid JSON' },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: 'bad_request' },
  FST_ERR_INVALID_URL: { status: 400, code: 'bad_request', message: 'Malformed URL' },
  FST_ERR_BAD_URL: { status: 400, code: 'bad_request', message: 'Malformed URL' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'uri_too_long', message: 'A path parameter is too long' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'bad_request' },
  FST_PARTS_LIMIT: { status: 413, code: 'payload_too_large', message: 'Too many parts in the multipart body' },
  FST_FILES_LIMIT: { status: 413, code: 'payload_too_large', message: 'Send one file per request' },
  FST_FIELDS_LIMIT: { status: 413, code: 'payload_too_large', message: 'Too many fields in the multipart body' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: 'unsupported_media_type', message: 'Expected multipart/form-data' },
  FST_MP_PREMATURE_CLOSE: { status: 400, code: 'bad_request', message: 'The upload was interrupted' },
  FST_PROTO_VIOLATION: { status: 400, code: 'bad_request', message: 'Field name not allowed' },
};

export function sendError(reply: FastifyReply, status: number, code: string, message: string, details?: unknown): FastifyReply {
  const body: ErrorResponse = { error: { code, message, ...(details === undefined ? {} : { details }) }, requestId: reply.request.id };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

function zodIssues(error: {
  validation: { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[];
  validationContext?: string;
}): FieldIssue[] {
  const context = error.validationContext ?? 'body';
  return error.validation.map((v) => {
    const segments = v.instancePath.split('/').filter(Boolean);
    // Unknown keys come back on the parent object: name the key itself so the client knows which field to drop.
    const keys = (v.params as { keys?: unknown }).keys;
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys) && keys.length > 0) {
      return { path: [context, ...segments, String(keys[0])].join('.'), message: v.message ?? 'Unknown field', code: v.keyword };
    }
    return { path: [context, ...segments].join('.'), message: v.message ?? 'Invalid value', code: v.keyword };
  });
}

/** SQLSTATEs a driver raises when a value that passed validation still cannot be stored or compared as text. */
const UNSTORABLE_TEXT_STATES = new Set(['22021', '22P05']);

/**
 * True for text PostgreSQL refuses: NUL (U+0000) anywhere (22021 in text, 22P05 in jsonb) and unpaired
 * UTF-16 surrogates inside jsonb (22P02 "invalid input syntax for type json"). Either is bad client input,
 * not a server fault, so it answers 400 instead of 500.
 */
function isUnstorableText(err: unknown): boolean {
  let e: unknown = err;
  // drizzle wraps driver errors in `cause`
  for (let depth = 0; e && depth < 4; depth++) {
    const candidate = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string') {
      if (UNSTORABLE_TEXT_STATES.has(candidate.code)) return true;
      if (candidate.code === '22P02' && typeof candidate.message === 'string' && /type json/i.test(candidate.message)) return true;
    }
    e = candidate.cause;
  }
  return false;
}

/**
 * Fastify's `frameworkErrors` option (pass it to `Fastify({ frameworkErrors: handleFrameworkError })`).
 * Router failures (malformed percent-encoding, an over-long path parameter) happen before any hook and never
 * reach the error handler; without this they answer Fastify's own body and no x-request-id.
 */
export function handleFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', request.id);
  const mapped = fastifyCodeMap[err.code];
  sendError(reply, mapped?.status ?? 400, mapped?.code ?? 'bad_request', mapped?.message ?? err.message);
}

export interface DescribedError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;
}

/** Status, code and message for any error a route or hook throws (unexpected ones are logged). */
export function describeError(err: FastifyError | AppError | Error, request: FastifyRequest): DescribedError {
  if (err instanceof AppError) {
    return {
      status: err.status,
      code: err.code,
      message: err.message,
      details: err.details,
      ...(err.headers ? { headers: err.headers } : {}),
    };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = zodIssues(err as never);
    return { status: 400, code: 'validation_error', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), details: { issues } };
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
    return { status: 500, code: 'internal_error', message: 'Internal server error' };
  }
  const fe = err as FastifyError;
  const mapped = fe.code ? fastifyCodeMap[fe.code] : undefined;
  if (mapped) return { status: mapped.status, code: mapped.code, message: mapped.message ?? fe.message };
  if (err instanceof SyntaxError && fe.statusCode === 400) return { status: 400, code: 'invalid_json', message: 'Body is not valid JSON' };
  if (fe.statusCode === 429) return { status: 429, code: 'rate_limited', message: fe.message };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return { status: fe.statusCode, code: 'bad_request', message: fe.message };
  if (isUnstorableText(err)) {
    request.log.info({ err }, 'refused text the database cannot store');
    return { status: 400, code: 'invalid_text', message: 'Text must not contain NUL characters (U+0000) or unpaired UTF-16 surrogates' };
  }
  request.log.error({ err }, 'unhandled error');
  return { status: 500, code: 'internal_error', message: 'Internal server error' };
}

/** Answers a request no route took before the JSON 404 does (the web app's pages); null to decline. */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | null;

export function registerErrorHandling(app: FastifyInstance, fallback?: NotFoundFallback): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const described = describeError(err, request);
    if (described.headers) reply.headers(described.headers);
    return sendError(reply, described.status, described.code, described.message, described.details);
  });

  app.setNotFoundHandler(
    (request, reply) =>
      fallback?.(request, reply) ?? sendError(reply, 404, 'route_not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
  );
}
