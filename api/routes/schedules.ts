// A province's yearly Temporal Schedule that starts its next cycle from a
// template of calendar offsets, so nobody has to remember to start it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cycleFromTemplate, CycleTemplate } from '../../domain/cycle';
import { startIssues } from '../../domain/cycle-start';
import { Round } from '../../domain/ids';
import { Instant, ProvinceCode } from '../../domain/schemas';
import type { ApiContext } from '../context';
import { requireGrant } from '../auth';
import { refuseStartIssues } from './cycles';
import { BEARER, problems, REFUSALS } from './operator';

const OPERATION = 'manageSchedules';

const ScheduleRequest = CycleTemplate.extend({
  month: z.number().int().min(1).max(12).default(1).describe('the month the cycle starts, at 00:00 Asia/Ho_Chi_Minh'),
  day: z.number().int().min(1).max(31).default(15).describe('the day of the month; 29 February is refused'),
}).meta({ id: 'CycleScheduleRequest' });

const CycleSchedule = z
  .object({
    scheduleId: z.string().max(100),
    nextRuns: z.array(Instant).max(20),
    paused: z.boolean(),
    recentRuns: z.number().int().min(0),
  })
  .meta({ id: 'CycleSchedule' });

export default async function scheduleRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/v1/schedules',
    {
      schema: {
        summary: "Start the province's cycle every year on a given day, from a template of calendar offsets",
        tags: ['schedules'],
        security: BEARER,
        body: ScheduleRequest,
        response: { 201: CycleSchedule, ...problems(...REFUSALS, 409) },
      },
    },
    async (request, reply) => {
      const { month, day, ...template } = request.body;
      requireGrant(request, OPERATION, { province: template.province });
      // The rule set of each year's cycle follows that year's date; one named here must be in force today
      // or carry its override, as a cycle started by hand must.
      refuseStartIssues(startIssues(cycleFromTemplate(template, request.receivedAt), request.receivedAt.getTime()));
      await ctx.ocop.createCycleSchedule(template, { month, day });
      const view = await ctx.ocop.describeCycleSchedule(template.province, template.round);
      return reply.code(201).send({ ...view, nextRuns: view.nextRuns.slice(0, 20) });
    },
  );

  api.get(
    '/v1/schedules/:province',
    {
      schema: {
        summary: "A province's Schedule and its next runs",
        tags: ['schedules'],
        security: BEARER,
        params: z.object({ province: ProvinceCode }),
        querystring: z.strictObject({
          round: z.coerce.number().pipe(Round).optional().describe('the round (đợt) whose Schedule; default 1'),
        }),
        response: { 200: CycleSchedule, ...problems(...REFUSALS, 404) },
      },
    },
    async (request) => {
      requireGrant(request, OPERATION, { province: request.params.province });
      const view = await ctx.ocop.describeCycleSchedule(request.params.province, request.query.round);
      return { ...view, nextRuns: view.nextRuns.slice(0, 20) };
    },
  );
}
