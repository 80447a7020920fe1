// /api/v1/assistants/:id/documents: upload (multipart) or push (JSON text or URL), list, read, delete,
// re-index, read the indexed passages, and a server-sent event stream of progress for the UI.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createDocumentBodySchema,
  documentChunkListSchema,
  documentListSchema,
  documentParamsSchema,
  documentSchema,
  idParamsSchema,
  listChunksQuerySchema,
  listDocumentsQuerySchema,
} from '@parley/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { auditActor } from '../../http/audit-actor.js';
import { errorResponses } from '../../http/error-responses.js';
import { badRequest, validationFailed } from '../../http/errors.js';
import { eventStreams } from '../../http/sse.js';

export const documentRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const svc = deps.documents;
    const tags = ['documents'];
    const openEventStream = eventStreams(app);
    // Our blob store enforces the real limit (and records the failure); the parser's is a backstop.
    await app.register(multipart, {
      limits: { fileSize: deps.config.ingestion.uploadLimitBytes + 1, files: 1, fields: 10, parts: 12, fieldSize: 10_000 },
    });

    app.post(
      '/assistants/:id/documents',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'Add a document: a multipart `file`, JSON `{title, text}`, or JSON `{url, crawl?}` for a web page or site',
          description:
            'Files (PDF, DOCX, HTML, Markdown, TXT, CSV) are typed by their content, not their name. The same content twice answers 200 with the existing document (`deduplicated: true`). A file over the upload limit answers 413 and is listed as failed.',
          consumes: ['multipart/form-data', 'application/json'],
          params: idParamsSchema,
          body: createDocumentBodySchema.nullish(),
          response: { 200: documentSchema, 202: documentSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
        },
      },
      async (request, reply) => {
        const principal = request.principal!;
        const assistantId = request.params.id;
        const actor = auditActor(request);
        let result;
        if (request.isMultipart()) {
          const file = await request.file().catch((err: { statusCode?: number }) => {
            if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) throw err;
            throw badRequest('bad_request', 'The multipart body is malformed');
          });
          if (!file || file.fieldname !== 'file') {
            file?.file.resume();
            throw validationFailed([
              { path: 'body.file', message: 'Send the document in a multipart field named "file"', code: 'required' },
            ]);
          }
          result = await svc.upload(
            principal,
            assistantId,
            { filename: file.filename || 'upload', mimeType: file.mimetype || null, stream: file.file },
            actor,
          );
        } else if (!request.body) {
          throw badRequest('bad_request', 'Send a multipart "file", or JSON {title, text} or {url}');
        } else if (request.body.url !== undefined) {
          const { url, title, crawl } = request.body;
          result = await svc.createFromUrl(
            principal,
            assistantId,
            { url, ...(title ? { title } : {}), ...(crawl ? { crawl } : {}) },
            actor,
          );
        } else {
          result = await svc.createFromText(principal, assistantId, { title: request.body.title!, text: request.body.text! }, actor);
        }
        return reply.code(result.created ? 202 : 200).send(result.document);
      },
    );

    app.get(
      '/assistants/:id/documents',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          params: idParamsSchema,
          querystring: listDocumentsQuerySchema,
          response: { 200: documentListSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => svc.list(request.principal!, request.params.id, request.query),
    );

    app.get(
      '/assistants/:id/documents/events',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'Server-sent events: `document.updated` (status, progress) and `document.deleted`',
          params: idParamsSchema,
          response: { 200: z.string().describe('text/event-stream'), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const channel = await svc.eventsChannel(request.principal!, request.params.id);
        openEventStream(request, reply, (send) =>
          deps.state.events.subscribe(channel, (message) => {
            const event = message as { type: string };
            send(event.type, message);
          }),
        );
      },
    );

    app.get(
      '/assistants/:id/documents/:docId',
      {
        config: { auth: 'user_or_secret_key' },
        schema: { tags, params: documentParamsSchema, response: { 200: documentSchema, ...errorResponses(400, 401, 403, 404) } },
      },
      async (request) => svc.get(request.principal!, request.params.id, request.params.docId),
    );

    app.get(
      '/assistants/:id/documents/:docId/chunks',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'The indexed passages of a document, in document order',
          description: 'Empty until the document is indexed; re-indexing replaces them (new ids).',
          params: documentParamsSchema,
          querystring: listChunksQuerySchema,
          response: { 200: documentChunkListSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => svc.chunks(request.principal!, request.params.id, request.params.docId, request.query),
    );

    app.post(
      '/assistants/:id/documents/:docId/reindex',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'Parse, chunk and embed the document again (e.g. after changing chunk settings)',
          params: documentParamsSchema,
          response: { 202: documentSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await svc.reindex(request.principal!, request.params.id, request.params.docId, auditActor(request))),
    );

    app.delete(
      '/assistants/:id/documents/:docId',
      {
        config: { auth: 'user_or_secret_key' },
        schema: {
          tags,
          summary: 'Delete the document with its stored file, chunks and vectors',
          params: documentParamsSchema,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await svc.delete(request.principal!, request.params.id, request.params.docId, auditActor(request));
        return reply.code(204).send(null);
      },
    );
  };
