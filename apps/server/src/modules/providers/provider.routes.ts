// /api/v1/providers: the organization's model servers (owners and admins manage them), and model discovery.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createProviderBodySchema,
  providerIdParamsSchema,
  providerListSchema,
  providerModelsSchema,
  providerSchema,
  updateProviderBodySchema,
} from '@parley/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { auditActor } from '../../http/audit-actor.js';
import { errorResponses } from '../../http/error-responses.js';

const errors = errorResponses(400, 401, 403, 404, 409);

export const providerRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const svc = deps.providers;
    const tags = ['providers'];

    app.post(
      '/providers',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Connect an OpenAI-compatible model server',
          body: createProviderBodySchema,
          response: { 201: providerSchema, ...errors },
        },
      },
      async (request, reply) => reply.code(201).send(await svc.create(request.principal!, request.body, auditActor(request))),
    );

    app.get(
      '/providers',
      {
        config: { auth: 'user' },
        schema: { tags, summary: "The instance provider and the organization's own", response: { 200: providerListSchema, ...errors } },
      },
      async (request) => svc.list(request.principal!),
    );

    app.get(
      '/providers/:id',
      { config: { auth: 'user' }, schema: { tags, params: providerIdParamsSchema, response: { 200: providerSchema, ...errors } } },
      async (request) => svc.get(request.principal!, request.params.id),
    );

    app.patch(
      '/providers/:id',
      {
        config: { auth: 'user' },
        schema: { tags, params: providerIdParamsSchema, body: updateProviderBodySchema, response: { 200: providerSchema, ...errors } },
      },
      async (request) => svc.update(request.principal!, request.params.id, request.body, auditActor(request)),
    );

    app.delete(
      '/providers/:id',
      { config: { auth: 'user' }, schema: { tags, params: providerIdParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await svc.delete(request.principal!, request.params.id, auditActor(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/providers/:id/models',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'The models the server lists at its /models',
          params: providerIdParamsSchema,
          response: { 200: providerModelsSchema, ...errorResponses(401, 403, 404, 502) },
        },
      },
      async (request) => svc.models(request.principal!, request.params.id),
    );
  };
