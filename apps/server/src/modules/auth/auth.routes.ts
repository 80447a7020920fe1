// /api/v1/auth: register, login, refresh, logout, me. Browsers get HTTP-only cookies; programs use the
// access token from the body as a Bearer token (and may ask for the refresh token in the body).
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  loginBodySchema,
  logoutBodySchema,
  meResponseSchema,
  refreshBodySchema,
  registerBodySchema,
  sessionResponseSchema,
} from '@parley/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { auditActor } from '../../http/audit-actor.js';
import { errorResponses } from '../../http/error-responses.js';
import { requireUser } from '../../http/principal.js';
import { requestCredentials } from '../../http/request-hooks.js';
import type { Session } from './auth.service.js';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './authenticator.js';

const errors = errorResponses(400, 401, 403, 409, 429);
const REFRESH_PATH = '/api/v1/auth';

export const authRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const secure = deps.config.publicUrl.startsWith('https://');

    function setSessionCookies(reply: FastifyReply, session: Session) {
      reply.setCookie(ACCESS_COOKIE, session.accessToken, {
        httpOnly: true,
        secure,
        sameSite: 'lax',
        path: '/',
        expires: session.accessTokenExpiresAt,
      });
      reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
        httpOnly: true,
        secure,
        sameSite: 'strict',
        path: REFRESH_PATH,
        expires: session.refreshTokenExpiresAt,
      });
    }

    function sessionBody(session: Session, includeRefreshToken: boolean | undefined) {
      return {
        user: session.user,
        accessToken: session.accessToken,
        accessTokenExpiresAt: session.accessTokenExpiresAt.toISOString(),
        ...(includeRefreshToken ? { refreshToken: session.refreshToken } : {}),
      };
    }

    app.post(
      '/register',
      {
        config: { auth: 'none' },
        schema: {
          tags: ['auth'],
          summary: 'Create an account (and its personal organization)',
          body: registerBodySchema,
          response: { 201: sessionResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { includeRefreshToken, ...input } = request.body;
        const session = await deps.auth.register(input, auditActor(request));
        setSessionCookies(reply, session);
        return reply.code(201).send(sessionBody(session, includeRefreshToken));
      },
    );

    app.post(
      '/login',
      {
        config: { auth: 'none' },
        schema: { tags: ['auth'], summary: 'Sign in', body: loginBodySchema, response: { 200: sessionResponseSchema, ...errors } },
      },
      async (request, reply) => {
        const session = await deps.auth.login(request.body, auditActor(request));
        setSessionCookies(reply, session);
        return sessionBody(session, request.body.includeRefreshToken);
      },
    );

    app.post(
      '/refresh',
      {
        config: { auth: 'none' },
        schema: {
          tags: ['auth'],
          summary: 'Exchange a refresh token (cookie or body) for a new session; the old refresh token stops working',
          body: refreshBodySchema,
          response: { 200: sessionResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const raw = request.body?.refreshToken ?? request.cookies[REFRESH_COOKIE] ?? null;
        const session = await deps.auth.refresh(raw, auditActor(request));
        setSessionCookies(reply, session);
        return sessionBody(session, request.body?.includeRefreshToken);
      },
    );

    app.post(
      '/logout',
      {
        config: { auth: 'none' },
        schema: {
          tags: ['auth'],
          summary: 'End this session (or all sessions)',
          body: logoutBodySchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        // Logout works with an expired access token too: the refresh cookie or body names the session.
        const principal = await deps.authenticator
          .authenticate('session', { ...requestCredentials(request, true), organizationId: null })
          .catch(() => null);
        const raw = request.body?.refreshToken ?? request.cookies[REFRESH_COOKIE] ?? null;
        await deps.auth.logout(principal?.kind === 'user' ? principal : null, raw, request.body?.allSessions ?? false);
        reply.clearCookie(ACCESS_COOKIE, { path: '/' });
        reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_PATH });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/me',
      {
        config: { auth: 'session' },
        schema: { tags: ['auth'], summary: 'The signed-in user and their organizations', response: { 200: meResponseSchema, ...errors } },
      },
      async (request) => deps.auth.me(requireUser(request.principal)),
    );
  };
