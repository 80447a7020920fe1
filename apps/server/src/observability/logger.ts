// pino logger options: JSON lines, request ids, and every credential redacted wherever it appears.
import type { LoggerOptions } from 'pino';

export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.key',
  '*.secret',
  'secret',
  'config.secret',
  'config.smtp.url',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { service: 'parley' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}
