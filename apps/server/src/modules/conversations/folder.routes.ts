// /api/v1/folders: a person's own folders for sorting conversations. Deleting a folder keeps its
// conversations, in no folder.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createFolderBodySchema, folderListSchema, folderSchema, idParamsSchema, updateFolderBodySchema } from '@parley/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorResponses } from '../../http/error-responses.js';

const errors = errorResponses(400, 401, 403, 404);

export const folderRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const svc = deps.folders;
    const tags = ['folders'];

    app.post(
      '/folders',
      {
        config: { auth: 'user' },
        schema: { tags, summary: 'Create a folder', body: createFolderBodySchema, response: { 201: folderSchema, ...errors } },
      },
      async (request, reply) => reply.code(201).send(await svc.create(request.principal!, request.body)),
    );

    app.get(
      '/folders',
      {
        config: { auth: 'user' },
        schema: { tags, summary: 'The caller’s folders, by name', response: { 200: folderListSchema, ...errors } },
      },
      async (request) => svc.list(request.principal!),
    );

    app.patch(
      '/folders/:id',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Rename a folder',
          params: idParamsSchema,
          body: updateFolderBodySchema,
          response: { 200: folderSchema, ...errors },
        },
      },
      async (request) => svc.rename(request.principal!, request.params.id, request.body),
    );

    app.delete(
      '/folders/:id',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Delete a folder; its conversations stay, in no folder',
          params: idParamsSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await svc.delete(request.principal!, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
