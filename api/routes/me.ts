// Who the token names, and what it may do.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Grant, Principal } from '../../domain/access';
import { PROBLEM_RESPONSES } from '../problem';

export default async function meRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/me',
    {
      schema: {
        summary: 'The signed-in principal and its grants valid now',
        tags: ['identity'],
        security: [{ bearer: [] }],
        response: { 200: z.object({ principal: Principal, grants: z.array(Grant) }), ...PROBLEM_RESPONSES },
      },
    },
    async (request) => ({ principal: request.principal, grants: request.grants }),
  );
}
