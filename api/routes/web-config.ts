// What the web app asks before anyone signs in: the OpenID provider to send
// people to, the client it signs in as, the audience its tokens must name, and
// where province staff read a workflow's history in Temporal UI.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from '../context';
import { problems } from './operator';

/** The API's scope; openid for the id token that signing out hands back, offline_access for a refresh token. */
export const WEB_SCOPE = 'openid api offline_access';

export const WebConfig = z
  .object({
    issuer: z.string().max(2048).describe('the OpenID provider whose access tokens this API accepts'),
    clientId: z.string().max(255).describe('the public client the web app signs in as (authorization code + PKCE)'),
    audience: z.string().max(255).describe('the resource indicator to ask tokens for (`resource`)'),
    scope: z.string().max(255),
    temporalUi: z
      .object({ url: z.string().max(2048), namespace: z.string().max(255) })
      .nullable()
      .describe('Temporal UI and the namespace of the workflows; null when the API is not told where it is'),
  })
  .meta({ id: 'WebConfig' });
export type WebConfig = z.infer<typeof WebConfig>;

export function webConfig(ctx: ApiContext): WebConfig {
  const { config } = ctx;
  return {
    issuer: config.issuer,
    clientId: config.webClientId,
    audience: config.audience,
    scope: WEB_SCOPE,
    temporalUi: config.temporalUiUrl ? { url: config.temporalUiUrl, namespace: config.temporal.namespace } : null,
  };
}

export default async function webConfigRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/web-config',
    {
      config: { public: true },
      schema: {
        summary: 'How the web app signs in, and where Temporal UI is (no token needed)',
        tags: ['service'],
        security: [],
        response: { 200: WebConfig, ...problems(429) },
      },
    },
    async (_request, reply) => reply.header('cache-control', 'public, max-age=60').send(webConfig(ctx)),
  );
}
