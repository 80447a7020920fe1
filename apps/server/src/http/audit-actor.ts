// The audit actor of a request: who (user or key), from where, and under which request id.
import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../modules/audit/audit.service.js';

export function auditActor(request: FastifyRequest): AuditActor & { userAgent: string | null } {
  const p = request.principal;
  return {
    userId: p?.kind === 'user' ? p.userId : null,
    apiKeyId: p?.kind === 'api_key' ? p.apiKeyId : null,
    ip: request.ip,
    requestId: request.id,
    userAgent: request.headers['user-agent'] ?? null,
  };
}
