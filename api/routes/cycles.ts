// A province's annual cycles: the list, starting one (or a rehearsal on a
// calendar of minutes), its state, extending a date, and registering products.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { previousApplication } from '../../activities/cycle';
import { type Grant, mayDo } from '../../domain/access';
import {
  checkPreviousApplication,
  type CycleCalendar,
  type CycleInput,
  rehearsalCalendar,
  RegistrationForm,
  StartCycleBody,
} from '../../domain/cycle';
import { CycleId, cycleOfProduct, productId } from '../../domain/ids';
import { RuleSetId } from '../../domain/rules';
import type { ApplicationKind } from '../../domain/schemas';
import { untilInReadModel } from '../read-your-writes';
import { requireGrant } from '../auth';
import type { ApiContext } from '../context';
import { CycleStateDoc, CycleSummary, ExtendCalendarBody, Registered, Started } from '../openapi';
import { badRequest, PROBLEM_RESPONSES } from '../problem';

/**
 * A cycle's province and rule set: from the read model, or, for a cycle started
 * a moment ago whose row the workflow has not written yet, from the workflow
 * itself (which answers 404 for a cycle that was never started).
 */
export async function cycleOf(ctx: ApiContext, cycleId: string): Promise<{ province: string; ruleSetId: RuleSetId }> {
  const row = await ctx.db
    .selectFrom('cycles')
    .select(['province', 'rule_set'])
    .where('id', '=', cycleId)
    .executeTakeFirst();
  if (row) return { province: row.province, ruleSetId: RuleSetId.parse(row.rule_set) };
  const state = await ctx.ocop.cycleState(cycleId);
  return { province: state.province, ruleSetId: RuleSetId.parse(state.ruleSetId) };
}

/**
 * Why a re-evaluation or an upgrade may not re-rate the application it names,
 * or undefined: checked before the registration is sent, so a refused one
 * leaves no event in the cycle's history. An id of this cycle not registered
 * yet is the one the registration would get (serials have no gaps), so it is
 * checked as the product itself. The cycle's reservation checks again.
 */
export async function previousApplicationRefusal(
  ctx: ApiContext,
  cycleId: string,
  registration: {
    kind?: ApplicationKind;
    previousProductId?: string;
    subject: { id: string };
    product: { name: string };
  },
): Promise<string | undefined> {
  const id = registration.previousProductId;
  if (!id || (registration.kind ?? 'new') === 'new') return undefined;
  // Before any read: another province's applications are not this caller's to probe.
  if (cycleOfProduct(id).split('-')[0] !== provinceOf(cycleId)) {
    return `must name an application of ${provinceOf(cycleId)}, not ${id}`;
  }
  const previous = await previousApplication(ctx.db, id);
  const next =
    !previous && cycleOfProduct(id) === cycleId
      ? productId(cycleId, (await ctx.ocop.cycleState(cycleId)).registered + 1)
      : undefined;
  return checkPreviousApplication(previous, { ...registration, productId: next });
}

const CycleParams = z.strictObject({ cycleId: CycleId });
export const provinceOf = (cycleId: string) => cycleId.slice(0, cycleId.indexOf('-'));

function provincesFor(grants: readonly Grant[]): string[] {
  return [...new Set(grants.filter((g) => mayDo(g.role, 'viewCycle')).map((g) => g.scope.province))];
}

export default async function cycleRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const common = { tags: ['cycles'], security: [{ bearer: [] }] };

  typed.get(
    '/v1/cycles',
    {
      schema: {
        ...common,
        summary: 'The cycles of the provinces you may see, newest first',
        response: { 200: z.array(CycleSummary), ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      const provinces = provincesFor(request.grants);
      if (provinces.length === 0) return [];
      const rows = await ctx.db
        .selectFrom('cycles')
        .select(['id', 'province', 'year', 'rule_set', 'phase'])
        .select(({ ref }) => [
          ref('calendar', '->>').key('registrationOpens').$notNull().as('registrationOpens'),
          ref('calendar', '->>').key('cycleEnds').$notNull().as('cycleEnds'),
        ])
        .where('province', 'in', provinces)
        .orderBy('year', 'desc')
        .orderBy('id')
        .limit(500)
        .execute();
      return rows.map((r) => ({
        cycleId: r.id,
        province: r.province,
        year: r.year,
        ruleSetId: r.rule_set,
        phase: r.phase,
        calendar: { registrationOpens: r.registrationOpens, cycleEnds: r.cycleEnds },
      }));
    },
  );

  typed.post(
    '/v1/cycles',
    {
      schema: {
        ...common,
        summary: "Start a province's annual cycle, or a rehearsal on a calendar of minutes",
        body: StartCycleBody,
        response: { 201: Started, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      requireGrant(request, 'startCycle', { province: request.body.province });
      const { rehearsal, calendar, ...rest } = request.body;
      const input: CycleInput = rehearsal
        ? { ...rest, calendar: rehearsalCalendar(rehearsal, new Date()), compressed: true }
        : { ...rest, calendar: calendar as CycleCalendar };
      const started = await ctx.ocop.startCycle(input);
      return reply.code(201).send(started);
    },
  );

  typed.get(
    '/v1/cycles/:cycleId',
    {
      schema: {
        ...common,
        summary: "A cycle's phase, calendar and progress",
        params: CycleParams,
        response: { 200: CycleStateDoc, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      requireGrant(request, 'viewCycle', { province: provinceOf(request.params.cycleId) });
      return ctx.ocop.cycleState(request.params.cycleId);
    },
  );

  typed.post(
    '/v1/cycles/:cycleId/calendar-extensions',
    {
      schema: {
        ...common,
        summary: 'Move a date of the calendar later',
        params: CycleParams,
        body: ExtendCalendarBody,
        response: { 200: CycleStateDoc, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      const { actor } = requireGrant(request, 'extendCalendar', { province: provinceOf(request.params.cycleId) });
      return ctx.ocop.extendCalendar(request.params.cycleId, { ...request.body, actor });
    },
  );

  typed.post(
    '/v1/cycles/:cycleId/products',
    {
      schema: {
        ...common,
        summary: 'Register a product in the cycle',
        description: 'A producer registers only for its own subject id; an officer only in its unit.',
        params: CycleParams,
        body: RegistrationForm.strict(),
        response: { 201: Registered, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      const form = request.body;
      const { actor } = requireGrant(request, 'registerProduct', {
        province: provinceOf(request.params.cycleId),
        product: { unit: form.unit, subjectId: form.subject.id, level: null },
      });
      const rule = await previousApplicationRefusal(ctx, request.params.cycleId, form);
      if (rule) throw badRequest(`previousProductId: ${rule}`, [{ field: 'previousProductId', rule }]);
      const registered = await ctx.ocop.registerProduct(request.params.cycleId, { ...form, actor });
      await untilInReadModel(ctx.db, [registered.productId]);
      return reply.code(201).send(registered);
    },
  );
}
