// The HTTP service every client uses: Fastify with the domain's zod schemas as
// request and response schemas, an OpenAPI 3.1 document generated from them,
// bearer-token authentication on /v1 and one error shape (RFC 9457).
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { installAuth } from './auth';
import type { ApiContext } from './context';
import { parseCsvBody } from './csv-body';
import { handleError, handleNotFound } from './errors';
import { ApiProblem } from './problem';
import { routes } from './routes';
import { webApp } from './web-app';

export const API_PREFIX = '/v1';
const MIB = 1024 * 1024;

export interface ServerOptions {
  /** Fastify's logger: false in tests; the default logs requests without bodies or tokens. */
  logger?: FastifyServerOptions['logger'];
  /** Per principal (or address) per minute; the configuration's by default. */
  rateLimitPerMinute?: number;
  version?: string;
}

const LOGGER: FastifyServerOptions['logger'] = {
  level: process.env.LOG_LEVEL ?? 'info',
  // Fastify logs no bodies; the headers a token or a session travels in are hidden all the same.
  redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '***' },
  serializers: {
    // The URL only: query strings may carry names searched for (q), which are personal data.
    req: (req: { method: string; url: string; id: string }) => ({
      method: req.method,
      url: req.url.split('?')[0],
      id: req.id,
    }),
  },
};

export async function buildServer(ctx: ApiContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? LOGGER,
    bodyLimit: MIB,
    // A query at its documented maximum, percent-encoded (up to 12 bytes a character), fits: Node's default
    // of 16 KiB would answer 431 with no problem document before any route sees the request.
    http: { maxHeaderSize: 64 * 1024 },
    requestTimeout: 90_000, // longer than an action's own timeout, so the client library answers first
    keepAliveTimeout: 10_000,
    trustProxy: ctx.config.trustProxy,
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: MIB }, parseCsvBody);

  await app.register(helmet, { global: true });
  await app.register(cors, {
    // A list, so that another origin gets no Access-Control-Allow-Origin at all.
    origin: ctx.config.webOrigin ? [ctx.config.webOrigin] : false,
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept'],
    maxAge: 600,
  });
  installAuth(app, ctx, API_PREFIX);
  await app.register(rateLimit, {
    global: true,
    // After authentication: the principal is known, so one person's burst does not slow an office behind one address.
    hook: 'preHandler',
    max: options.rateLimitPerMinute ?? ctx.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => (request.principal ? `principal:${request.principal.id}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new ApiProblem(
        429,
        'Too Many Requests',
        `at most ${context.max} requests per minute; retry in ${context.after}`,
        {
          kind: 'rate-limited',
        },
      ),
  });
  await registerDocs(app, options.version ?? '1.0.0');

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness, and the OpenID provider whose tokens this API accepts (for `ocop login`)',
        tags: ['service'],
        response: {
          200: z.object({ status: z.literal('ok'), issuer: z.string().max(2048), audience: z.string().max(255) }),
        },
      },
    },
    async () => ({ status: 'ok' as const, issuer: ctx.config.issuer, audience: ctx.config.audience }),
  );
  // Each module names its full paths (under API_PREFIX), so the document shows them as they are served.
  for (const plugin of routes) await app.register(async (scope) => plugin(scope, ctx));
  // Last, so that every route above is matched before the app's catch-all.
  await app.register(async (scope) => webApp(scope, { root: ctx.config.webDist, issuer: ctx.config.issuer }));
  return app;
}

type OpenApiDocument = ReturnType<typeof jsonSchemaTransformObject>;

/**
 * Every 4xx and 5xx is served as application/problem+json (RFC 9457); the zod
 * provider documents each response as application/json, so the document says
 * what the wire carries.
 */
function problemsAsProblemJson(document: OpenApiDocument): OpenApiDocument {
  const paths = (document as { paths?: Record<string, Record<string, { responses?: Record<string, ResponseDoc> }>> })
    .paths;
  for (const operations of Object.values(paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const json = response.content?.['application/json'];
        if (Number(status) < 400 || !json || !response.content) continue;
        delete response.content['application/json'];
        response.content['application/problem+json'] = json;
      }
    }
  }
  return document;
}

/**
 * The named schemas in name order. They come from zod's global registry, which is
 * kept on globalThis: its order follows whichever modules registered first in the
 * process, so a document generated after other code ran would list them otherwise.
 */
function schemasByName(document: OpenApiDocument): OpenApiDocument {
  const components = (document as { components?: { schemas?: Record<string, unknown> } }).components;
  if (components?.schemas) {
    components.schemas = Object.fromEntries(
      Object.entries(components.schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  }
  return document;
}

interface ResponseDoc {
  content?: Record<string, unknown>;
}

/** Swagger UI's own files, and the inline styles it sets as it draws the operations. */
const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; font-src 'self' data:; frame-ancestors 'self'; img-src 'self' data:; " +
  "object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'";

async function registerDocs(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OCOP cycle engine API',
        description:
          "Vietnam's OCOP programme: cycles, product applications and their actions, reports, notifications and grants. " +
          'Every /v1 operation needs an OAuth 2.0 bearer access token (JWT) from the configured OpenID provider; ' +
          'what it may do follows from the grants its principal holds.',
        version,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => schemasByName(problemsAsProblemJson(jsonSchemaTransformObject(input))),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
