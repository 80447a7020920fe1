// /api/v1/assistants: create, list, read, update, delete. Secret API keys may read their own assistant.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assistantSchema,
  createAssistantBodySchema,
  idParamsSchema,
  listAssistantsQuerySchema,
  updateAssistantBodySchema,
} from '@parley/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { auditActor } from '../../http/audit-actor.js';
import { errorResponses } from '../../http/error-responses.js';

const errors = errorResponses(400, 401, 403, 404, 409);

export const assistantRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const svc = deps.assistants;
    const tags = ['assistants'];

    app.post(
      '/assistants',
      {
        config: { auth: 'user' },
        schema: { tags, summary: 'Create an assistant', body: createAssistantBodySchema, response: { 201: assistantSchema, ...errors } },
      },
      async (request, reply) => reply.code(201).send(await svc.create(request.principal!, request.body, auditActor(request))),
    );

    app.get(
      '/assistants',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'List the assistants of the active organization',
          querystring: listAssistantsQuerySchema,
          response: { 200: z.object({ items: z.array(assistantSchema), total: z.number().int() }), ...errors },
        },
      },
      async (request) => svc.list(request.principal!, request.query),
    );

    app.get(
      '/assistants/:id',
      { config: { auth: 'user_or_secret_key' }, schema: { tags, params: idParamsSchema, response: { 200: assistantSchema, ...errors } } },
      async (request) => svc.get(request.principal!, request.params.id),
    );

    app.patch(
      '/assistants/:id',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Change an assistant; nested settings merge into the stored ones',
          params: idParamsSchema,
          body: updateAssistantBodySchema,
          response: { 200: assistantSchema, ...errors },
        },
      },
      async (request) => svc.update(request.principal!, request.params.id, request.body, auditActor(request)),
    );

    app.delete(
      '/assistants/:id',
      { config: { auth: 'user' }, schema: { tags, params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await svc.delete(request.principal!, request.params.id, auditActor(request));
        return reply.code(204).send(null);
      },
    );
  };
