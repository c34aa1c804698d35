// A province's annual cycles: the list, starting one (or a rehearsal on a
// calendar of minutes), its state, extending a date, and registering products.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { previousApplication } from '../../activities/cycle';
import { type Grant, mayDo } from '../../domain/access';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  alreadyRegistered,
  checkPreviousApplication,
  type CycleCalendar,
  type CycleInput,
  productNameKey,
  rehearsalCalendar,
  RegistrationForm,
  ruleSetInForce,
  StartCycleBody,
} from '../../domain/cycle';
import { type StartIssue, startIssues } from '../../domain/cycle-start';
import { OcopError, translate } from '../../client/errors';
import {
  CycleId,
  cycleIdOf,
  cycleOfProduct,
  cycleWorkflowId,
  productId,
  provinceOfId,
  roundOf,
} from '../../domain/ids';
import { RuleSetId } from '../../domain/rules';
import type { ApplicationKind } from '../../domain/schemas';
import { registeredIn, registrationKey } from '../../read-model/registrations';
import { untilInReadModel } from '../read-your-writes';
import { requireGrant } from '../auth';
import type { ApiContext } from '../context';
import { CycleStateDoc, CycleSummary, ExtendCalendarBody, Registered, Started } from '../openapi';
import { ApiProblem, badRequest, PROBLEM_RESPONSES } from '../problem';

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
export const provinceOf = provinceOfId;

/** A 400 naming each field and the start rule it breaks; nothing when there is none. */
export function refuseStartIssues(issues: readonly StartIssue[]): void {
  if (issues.length === 0) return;
  const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw badRequest(
    detail,
    issues.map((i) => ({ field: i.path, rule: i.message })),
  );
}

/** The cycle a start request asks for, its calendar laid out and its rule set named; 400 for a rule it breaks. */
function cycleToStart(body: StartCycleBody, now: Date): CycleInput & { calendar: CycleCalendar } {
  const { rehearsal, calendar, ...rest } = body;
  const input = rehearsal
    ? { ...rest, calendar: rehearsalCalendar(rehearsal, now), compressed: true }
    : { ...rest, calendar: calendar as CycleCalendar };
  refuseStartIssues(startIssues(input, now.getTime()));
  // Named in the input, so the history and the read model say which rules the cycle runs under.
  return { ...input, ruleSetId: input.ruleSetId ?? ruleSetInForce(input.calendar) };
}

/**
 * A cycle that ran and ended is not started again: a new run under its id would count serials from 1 and
 * collide with the registrations it already holds. Its read model row outlives the workflow's retention.
 */
async function refuseEnded(ctx: ApiContext, cycleId: string): Promise<void> {
  const row = await ctx.db.selectFrom('cycles').select('phase').where('id', '=', cycleId).executeTakeFirst();
  let closed = row?.phase === 'ENDED' ? 'ENDED' : undefined;
  if (!closed) {
    try {
      const { status } = await ctx.ocop.client.workflow.getHandle(cycleWorkflowId(cycleId)).describe();
      if (status.name !== 'RUNNING') closed = status.name;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw translate(error, `cycle ${cycleId}`);
    }
  }
  if (closed) {
    const next = roundOf(cycleId) + 1;
    throw new ApiProblem(
      409,
      'Conflict',
      `cycle ${cycleId} has ended (${closed}) and cannot be started again; ` +
        `a further evaluation round (đợt) of the year is started with round ${next} (ocop cycle start --round ${next})`,
      { kind: 'wrong-stage' },
    );
  }
}

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
        description:
          'Without ruleSetId, the rule set in force on the day registration opens (148 before 6 July 2025, 1489 ' +
          'from then); naming another needs ruleSetOverride {reason}, kept in the audit, except in a rehearsal. ' +
          'A calendar whose end has passed needs backfill: true. A cycle that has ended is not started again (409); ' +
          'round 2 and later start further rounds (đợt) of the year, ids CB-2027-D2.',
        body: StartCycleBody,
        response: { 201: Started, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      requireGrant(request, 'startCycle', { province: request.body.province });
      const input = cycleToStart(request.body, new Date());
      await refuseEnded(ctx, cycleIdOf(input));
      // api_actions keeps no bodies: the transitional override and its reason are kept beside the route.
      if (input.ruleSetOverride) request.audit = { ruleSetId: input.ruleSetId, ruleSetOverride: input.ruleSetOverride };
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
      const { cycleId } = request.params;
      const rule = await previousApplicationRefusal(ctx, cycleId, form);
      if (rule) throw badRequest(`previousProductId: ${rule}`, [{ field: 'previousProductId', rule }]);
      // Refused from the read model, a duplicate leaves no event in the cycle; the cycle checks again as it reserves.
      const duplicateOf = (await registeredIn(ctx.db, cycleId, [form.subject.id])).get(
        registrationKey(form.subject.id, productNameKey(form.product.name)),
      );
      if (duplicateOf)
        throw new OcopError('AlreadyExists', `registerProduct: ${alreadyRegistered(cycleId, form, duplicateOf)}`);
      const registered = await ctx.ocop.registerProduct(cycleId, { ...form, actor });
      await untilInReadModel(ctx.db, [registered.productId]);
      return reply.code(201).send(registered);
    },
  );
}
