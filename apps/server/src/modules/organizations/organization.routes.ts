// /api/v1/organizations and /api/v1/invitations: tenants, members, invitations.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  acceptInvitationBodySchema,
  createInvitationBodySchema,
  createOrganizationBodySchema,
  createdInvitationSchema,
  invitationParamsSchema,
  invitationSchema,
  memberParamsSchema,
  memberSchema,
  organizationSchema,
  orgParamsSchema,
  updateMemberBodySchema,
  updateOrganizationBodySchema,
} from '@parley/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { auditActor } from '../../http/audit-actor.js';
import { errorResponses } from '../../http/error-responses.js';
import { requireUser } from '../../http/principal.js';

const errors = errorResponses(400, 401, 403, 404, 409);

export const organizationRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const orgs = deps.organizations;
    const tags = ['organizations'];

    app.get(
      '/organizations',
      {
        config: { auth: 'session' },
        schema: {
          tags,
          summary: "The caller's organizations",
          response: { 200: z.object({ items: z.array(organizationSchema) }), ...errors },
        },
      },
      async (request) => ({ items: await orgs.listForUser(requireUser(request.principal).userId) }),
    );

    app.post(
      '/organizations',
      {
        config: { auth: 'session' },
        schema: {
          tags,
          summary: 'Create an organization (the caller becomes its owner)',
          body: createOrganizationBodySchema,
          response: { 201: organizationSchema, ...errors },
        },
      },
      async (request, reply) => {
        const user = requireUser(request.principal);
        return reply.code(201).send(await orgs.create(user.userId, request.body.name, auditActor(request)));
      },
    );

    app.get(
      '/organizations/:orgId',
      { config: { auth: 'session' }, schema: { tags, params: orgParamsSchema, response: { 200: organizationSchema, ...errors } } },
      async (request) => orgs.get(requireUser(request.principal).userId, request.params.orgId),
    );

    app.patch(
      '/organizations/:orgId',
      {
        config: { auth: 'session' },
        schema: { tags, params: orgParamsSchema, body: updateOrganizationBodySchema, response: { 200: organizationSchema, ...errors } },
      },
      async (request) => orgs.rename(requireUser(request.principal).userId, request.params.orgId, request.body.name, auditActor(request)),
    );

    app.get(
      '/organizations/:orgId/members',
      {
        config: { auth: 'session' },
        schema: { tags, params: orgParamsSchema, response: { 200: z.object({ items: z.array(memberSchema) }), ...errors } },
      },
      async (request) => ({ items: await orgs.listMembers(requireUser(request.principal).userId, request.params.orgId) }),
    );

    app.patch(
      '/organizations/:orgId/members/:userId',
      {
        config: { auth: 'session' },
        schema: {
          tags,
          summary: "Change a member's role (owners only)",
          params: memberParamsSchema,
          body: updateMemberBodySchema,
          response: { 200: memberSchema, ...errors },
        },
      },
      async (request) =>
        orgs.changeRole(
          requireUser(request.principal).userId,
          request.params.orgId,
          request.params.userId,
          request.body.role,
          auditActor(request),
        ),
    );

    app.delete(
      '/organizations/:orgId/members/:userId',
      {
        config: { auth: 'session' },
        schema: { tags, summary: 'Remove a member, or leave', params: memberParamsSchema, response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        await orgs.removeMember(requireUser(request.principal).userId, request.params.orgId, request.params.userId, auditActor(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/organizations/:orgId/invitations',
      {
        config: { auth: 'session' },
        schema: {
          tags,
          summary: 'Invite someone by email; the response carries the link (also mailed when SMTP is configured)',
          params: orgParamsSchema,
          body: createInvitationBodySchema,
          response: { 201: createdInvitationSchema, ...errors },
        },
      },
      async (request, reply) => {
        const result = await orgs.invite(requireUser(request.principal).userId, request.params.orgId, request.body, auditActor(request));
        return reply.code(201).send(result);
      },
    );

    app.get(
      '/organizations/:orgId/invitations',
      {
        config: { auth: 'session' },
        schema: { tags, params: orgParamsSchema, response: { 200: z.object({ items: z.array(invitationSchema) }), ...errors } },
      },
      async (request) => ({ items: await orgs.listInvitations(requireUser(request.principal).userId, request.params.orgId) }),
    );

    app.delete(
      '/organizations/:orgId/invitations/:invitationId',
      { config: { auth: 'session' }, schema: { tags, params: invitationParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await orgs.revokeInvitation(
          requireUser(request.principal).userId,
          request.params.orgId,
          request.params.invitationId,
          auditActor(request),
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/invitations/accept',
      {
        config: { auth: 'session' },
        schema: {
          tags,
          summary: 'Accept an invitation addressed to the signed-in user',
          body: acceptInvitationBodySchema,
          response: { 200: organizationSchema, ...errors },
        },
      },
      async (request) => orgs.acceptInvitation(requireUser(request.principal).userId, request.body.token, auditActor(request)),
    );
  };
