// Application errors: each carries its HTTP status and a stable code; the error handler renders them
// in the one error shape. Throw these from services; never build error responses by hand.
import type { FieldIssue } from '@parley/contracts';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (resource: string) =>
  new AppError(404, `${resource.replace(/ /g, '_')}_not_found`, `${resource[0]?.toUpperCase()}${resource.slice(1)} not found`);
export const unauthorized = (message = 'Authentication required') => new AppError(401, 'unauthorized', message);
export const tokenExpired = () => new AppError(401, 'token_expired', 'The access token has expired; refresh it');
export const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Email or password is incorrect');
export const forbidden = (message = 'You are not allowed to do this') => new AppError(403, 'forbidden', message);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const validationFailed = (issues: FieldIssue[]) =>
  new AppError(400, 'validation_error', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
export const rateLimited = (retryAfterMs: number, message = 'Too many requests; try again later') => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError(429, 'rate_limited', message, { retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
};
export const serviceUnavailable = (message: string) => new AppError(503, 'service_unavailable', message);

/** Postgres unique violation (23505) on a given constraint, so services can turn it into a 409. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  let e: unknown = err;
  // drizzle wraps driver errors in `cause`
  for (let depth = 0; e && depth < 4; depth++) {
    const candidate = e as { code?: string; constraint?: string; cause?: unknown };
    if (candidate.code === '23505') return !constraint || candidate.constraint === constraint;
    e = candidate.cause;
  }
  return false;
}
