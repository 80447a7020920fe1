// buildApp(deps): the Fastify server with every route, hook and plugin, not listening.
// main.ts listens; tests inject requests or listen on a random port.
import cookie from '@fastify/cookie';
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from './deps.js';
import { handleFrameworkError, registerErrorHandling } from './http/error-handler.js';
import { genRequestId, registerRequestHooks } from './http/request-hooks.js';
import { WebApp } from './http/web-app.js';
import { WidgetScript } from './http/widget-script.js';
import { apiKeyRoutes } from './modules/api-keys/api-key.routes.js';
import { assistantRoutes } from './modules/assistants/assistant.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { ORGANIZATION_HEADER } from './modules/auth/authenticator.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { organizationRoutes } from './modules/organizations/organization.routes.js';
import { documentRoutes } from './modules/documents/document.routes.js';
import { retrievalRoutes } from './modules/retrieval/retrieval.routes.js';
import { conversationRoutes } from './modules/conversations/conversation.routes.js';
import { folderRoutes } from './modules/conversations/folder.routes.js';
import { usageRoutes } from './modules/usage/usage.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { instanceRoutes } from './modules/instance/instance.routes.js';
import websocket from '@fastify/websocket';
import { chatRoutes } from './modules/chat/chat.routes.js';
import { chatWsRoutes } from './modules/chat/chat-ws.routes.js';
import { openAIRoutes } from './modules/openai/openai.routes.js';
import { providerRoutes } from './modules/providers/provider.routes.js';
import { PUBLIC_EXPOSED_HEADERS, publicRoutes, publishableKeyOfUrl } from './modules/public/public.routes.js';
import { VISITOR_HEADER } from '@parley/contracts';

export const API_PREFIX = '/api/v1';
export const OPENAPI_PATH = `${API_PREFIX}/openapi.json`;

export const openApiInfo = {
  title: 'Parley API',
  version: '1.0.0',
  description:
    'Parley: self-hosted assistants grounded in your own documents. Every error answers ' +
    '`{"error":{"code","message","details"},"requestId"}`; every response carries `x-request-id`.',
};

export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    genReqId: genRequestId,
    // Router-level failures (malformed percent-encoding, overlong parameters) in the one error shape too.
    frameworkErrors: handleFrameworkError,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: config.bodyLimitBytes,
    // Fastify accepts a hop count at run time; its typings only list string forms.
    trustProxy: config.trustProxy as boolean | string | string[],
    // Requests that arrive while closing get a 503 in the one error shape (see request-hooks.ts).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  // The API speaks JSON (multipart arrives with document uploads); anything else is a 415, not a string body.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const web = new WebApp(config.webDir);
  registerErrorHandling(app, (request, reply) => web.fallback(request, reply));

  await app.register(helmet, {
    // One policy for the API, the docs UI and the web app: scripts only from this origin; inline styles
    // (Mantine injects style tags); images and fonts from here or inline; calls to this origin only.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // Helmet's default would make browsers fetch every script over https, which breaks a plain-http install on a LAN.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  const apiCors: FastifyCorsOptions = {
    origin: (origin, cb) => {
      if (!origin) return cb(null, false);
      cb(null, config.cors.anyOrigin || config.cors.origins.includes(origin));
    },
    // A wildcard never goes with credentials: browsers would refuse it, and it would be unsafe.
    credentials: !config.cors.anyOrigin,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id', ORGANIZATION_HEADER],
    exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining'],
    maxAge: 600,
  };
  // The widget's public API answers CORS per publishable key: exactly the origins that key allows,
  // looked up from the key in the path (preflights carry no credentials). Everything else: PARLEY_CORS_ORIGINS.
  const publicCors: FastifyCorsOptions = {
    credentials: false,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', VISITOR_HEADER],
    exposedHeaders: PUBLIC_EXPOSED_HEADERS,
    maxAge: 600,
  };
  await app.register(cors, {
    delegator: async (request: FastifyRequest): Promise<FastifyCorsOptions> => {
      const key = publishableKeyOfUrl(request.url);
      if (!key) return apiCors;
      const found = await deps.publicWidget.publishableKey(key);
      return { ...publicCors, origin: found ? [...found.allowedOrigins] : false };
    },
  });
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 256 * 1024 } });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: openApiInfo,
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Access token (JWT) or secret API key (sk_…)' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'parley_access' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
      tags: [
        { name: 'auth' },
        { name: 'organizations' },
        { name: 'assistants' },
        { name: 'api-keys' },
        { name: 'audit' },
        { name: 'conversations' },
        { name: 'folders' },
        { name: 'usage' },
        { name: 'dashboard' },
        { name: 'instance' },
        { name: 'chat' },
        { name: 'providers' },
        {
          name: 'public',
          description:
            'The website widget’s API at /api/v1/public/{key}: a publishable key (pk_…) in the path, called from one of its ' +
            'allowed origins, for one anonymous visitor (`x-parley-visitor`)',
        },
        { name: 'openai-compatible', description: 'OpenAI-compatible API at /v1: any OpenAI client can talk to an assistant' },
        { name: 'operations' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  if (config.docsEnabled) {
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      uiConfig: { docExpansion: 'list', deepLinking: true },
      uiHooks: { onRequest: async () => undefined },
    });
  }

  registerRequestHooks(app, deps);

  await app.register(healthRoutes(deps));
  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () => app.swagger());
      await api.register(authRoutes(deps), { prefix: '/auth' });
      await api.register(organizationRoutes(deps));
      await api.register(assistantRoutes(deps));
      await api.register(apiKeyRoutes(deps));
      await api.register(auditRoutes(deps));
      await api.register(documentRoutes(deps));
      await api.register(retrievalRoutes(deps));
      await api.register(conversationRoutes(deps));
      await api.register(folderRoutes(deps));
      await api.register(usageRoutes(deps));
      await api.register(dashboardRoutes(deps));
      await api.register(instanceRoutes(deps));
      await api.register(providerRoutes(deps));
      await api.register(chatRoutes(deps));
      await api.register(chatWsRoutes(deps));
      await api.register(publicRoutes(deps));
    },
    { prefix: API_PREFIX },
  );
  await app.register(openAIRoutes(deps), { prefix: '/v1' });
  new WidgetScript(config.widget.file).register(app);
  await web.register(app);
  return app;
}
