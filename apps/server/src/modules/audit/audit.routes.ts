// /api/v1/audit-events: the organization's audit trail, for owners and admins.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEventSchema, errorResponseSchema, listAuditEventsQuerySchema } from '@parley/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { forbidden } from '../../http/errors.js';
import { requireUser, scopeOf } from '../../http/principal.js';

export const auditRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit-events',
      {
        config: { auth: 'user' },
        schema: {
          tags: ['audit'],
          summary: 'Recent audit events of the active organization (owners and admins)',
          querystring: listAuditEventsQuerySchema,
          response: {
            200: z.object({ items: z.array(auditEventSchema) }),
            400: errorResponseSchema,
            401: errorResponseSchema,
            403: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const user = requireUser(request.principal);
        if (user.role === 'member') throw forbidden('Only owners and admins can read the audit trail');
        return { items: await deps.audit.list(scopeOf(user), request.query) };
      },
    );
  };
