// "My tasks": the products that wait for the caller, within the caller's
// grants, soonest due first. Which stage waits for which role is
// domain/tasks.ts; the query is read-model/tasks.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findTasks, TASKS_LIMIT_DEFAULT, TASKS_LIMIT_MAX } from '../../read-model/tasks';
import { CycleId, ProductId } from '../../domain/ids';
import { Instant, LevelId, Stage } from '../../domain/schemas';
import type { ActionName } from '../../domain/stages';
import { taskFilters } from '../../domain/tasks';
import type { ApiContext } from '../context';
import { requireGrant } from '../auth';
import { BEARER, Limit, problems } from './operator';

/** Every action, for the documents that name one. */
export const ACTIONS = [
  'submitDossier',
  'reviewDossier',
  'submitSupplement',
  'recordCouncilResult',
  'recordInspection',
  'withdraw',
  'extendDeadline',
  'recordRecognitionDecision',
  'recordRevocationDecision',
] as const satisfies readonly ActionName[];

export const Task = z
  .object({
    productId: ProductId,
    name: z.string().max(300),
    cycleId: CycleId,
    stage: Stage,
    level: LevelId.nullable(),
    unit: z.string().max(5).nullable(),
    deadline: Instant.nullable(),
    overdue: z.boolean().describe('the deadline has passed: only a coordinator can extend it'),
    action: z.enum(ACTIONS).describe('what the product waits for from you; POST /v1/products/{id}/<endpoint>'),
  })
  .meta({ id: 'Task' });

export default async function taskRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/tasks',
    {
      schema: {
        summary: 'What waits for you within your grants, soonest due first',
        description:
          'Dossiers to review in your unit and level, councils to record at your level, dossiers and supplements ' +
          'your products wait for, post-inspections due within 30 days, and for a coordinator everything of the ' +
          'province that is overdue or due within 7 days, and every product awaiting a recognition or a revocation ' +
          'decision whatever its deadline.',
        tags: ['tasks'],
        security: BEARER,
        querystring: z.object({ limit: Limit(TASKS_LIMIT_MAX, TASKS_LIMIT_DEFAULT) }),
        response: { 200: z.array(Task).max(TASKS_LIMIT_MAX), ...problems(400, 401, 403, 503) },
      },
    },
    async (request) => {
      const now = request.receivedAt;
      const filters = taskFilters(request.grants, now);
      // A task lists a product: each province it reaches must let the caller see its products.
      for (const province of new Set(filters.map((f) => f.province))) {
        requireGrant(request, 'listProducts', { province });
      }
      const rows = await findTasks(ctx.db, filters, request.query.limit);
      return rows.map((r) => ({ ...r, overdue: r.deadline !== null && Date.parse(r.deadline) < now.getTime() }));
    },
  );
}
