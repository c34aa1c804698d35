// A cycle's dashboard for the province's staff: its phase and calendar, its
// report against the plan's targets, and beside it the figures by unit and
// kind, what falls due soon, what lapsed or was escalated, and the latest
// actions. Every figure counts only the products the caller may list, as the
// product list does.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DASHBOARD_LIST_LIMIT, dashboardFigures, type DashboardFigures } from '../../read-model/dashboard-queries';
import { cycleFigures } from '../../read-model/reports';
import { visibility } from '../../domain/access';
import { CycleCalendar, CyclePhase, CycleTargets, phaseEndOf } from '../../domain/cycle';
import { deadlineKindOf } from '../../domain/deadline-kinds';
import { CycleId } from '../../domain/ids';
import { compareWithTargets } from '../../domain/report';
import { RuleSetId } from '../../domain/rules';
import { ApplicationKind, DeadlineKind, Instant, Stage } from '../../domain/schemas';
import { unitName } from '../../domain/units';
import { requireGrant } from '../auth';
import type { ApiContext } from '../context';
import { notFound } from '../problem';
import { provinceOf } from './cycles';
import { BEARER, problems, REFUSALS } from './operator';
import { CycleReportDocument } from './reports';

const Count = z.number().int().min(0);
const Id = z.string().max(40);
const Name = z.string().max(300);
const List = <T extends z.ZodType>(item: T) => z.array(item).max(DASHBOARD_LIST_LIMIT);
/** Commune-level units: a province has a few hundred at most. */
const MAX_UNITS = 1000;

export const CycleDashboard = z
  .object({
    cycleId: CycleId,
    wholeProvince: z
      .boolean()
      .describe("false when the figures cover only the units or producers the caller's grants reach"),
    phase: CyclePhase.describe('the phase the cycle last recorded in the read model'),
    phaseEndsAt: Instant.nullable().describe("the calendar's date that ends the phase; null once the cycle ended"),
    calendar: CycleCalendar,
    report: CycleReportDocument,
    byDistrict: z
      .array(
        z.object({
          unit: z.string().max(5),
          name: Name,
          registered: Count,
          certified: Count.describe('certified in this cycle, as report.certifiedInCycle counts'),
          active: Count.describe('of those, in force now, as report.activeAt counts'),
        }),
      )
      .max(MAX_UNITS)
      .describe('per unit products are placed in: a district under OCOP_148_2023, a commune under OCOP_1489_2025'),
    byKind: z.record(ApplicationKind, Count),
    deadlines: z.object({
      within7Days: Count,
      within30Days: Count,
      soonest: List(
        z.object({ productId: Id, name: Name, kind: DeadlineKind, dueAt: Instant, unit: z.string().max(5).nullable() }),
      ).describe('open products due next, soonest first'),
    }),
    lapses: z.object({
      lapsed: Count,
      overdue: Count.describe('open products whose deadline has passed'),
      escalations: Count.describe("deadline escalations sent about the cycle's products"),
      recent: List(
        z.object({
          productId: Id,
          name: Name,
          at: Instant,
          kind: z.enum(['lapsed', 'escalation']),
          detail: z.string().max(100).nullable().describe('the kind of deadline that passed'),
        }),
      ).describe('newest first'),
    }),
    recent: List(
      z.object({
        productId: Id,
        name: Name,
        action: z.string().max(100),
        at: Instant,
        actorName: z.string().max(200).nullable(),
        actorRole: z
          .string()
          .max(50)
          .describe("the actor's role; 'system' for the engine's own steps (lapse, expiry, entering post-inspection)"),
        stageTo: Stage,
      }),
    ).describe('the latest actions on its products, newest first'),
    generatedAt: Instant,
  })
  .meta({ id: 'CycleDashboard' });
export type CycleDashboard = z.infer<typeof CycleDashboard>;

/**
 * The dashboard is the staff's: a grant that sees the cycle (no producer's)
 * and lists its products (no grant administrator's).
 */
function requireStaffView(request: FastifyRequest, province: string): void {
  requireGrant(request, 'viewCycle', { province });
  requireGrant(request, 'listProducts', { province });
}

function countsByKind(counts: Record<string, number>): Record<ApplicationKind, number> {
  return { new: counts.new ?? 0, 're-evaluation': counts['re-evaluation'] ?? 0, upgrade: counts.upgrade ?? 0 };
}

function shape(figures: DashboardFigures, cycle: { province: string; ruleSetId: RuleSetId }) {
  const { deadlines, lapses } = figures;
  return {
    byDistrict: figures.byUnit.map((u) => ({
      ...u,
      name: unitName(cycle.province, cycle.ruleSetId, u.unit) ?? u.unit,
    })),
    byKind: countsByKind(figures.byKind),
    deadlines: {
      within7Days: deadlines.within7Days,
      within30Days: deadlines.within30Days,
      soonest: deadlines.soonest.map((d) => ({
        productId: d.productId,
        name: d.name,
        kind: deadlineKindOf({ ...d, stage: Stage.parse(d.stage) }),
        dueAt: d.dueAt,
        unit: d.unit,
      })),
    },
    lapses,
    recent: figures.recent.map((r) => ({ ...r, stageTo: Stage.parse(r.stageTo) })),
  };
}

export default async function dashboardRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/cycles/:cycleId/dashboard',
    {
      schema: {
        summary: "A cycle's dashboard: its report, and what is due, lapsed and recent, within your grants",
        description:
          "The report's figures and the rest count only the products you may list (a district's officer, its " +
          "district); the targets are the province's. Lists hold at most 20 products.",
        tags: ['reports'],
        security: BEARER,
        params: z.strictObject({ cycleId: CycleId }),
        response: { 200: CycleDashboard, ...problems(...REFUSALS, 404) },
      },
    },
    async (request) => {
      const { cycleId } = request.params;
      // A cycle id begins with its province's code, so the grant is checked before anything is read.
      const province = provinceOf(cycleId);
      requireStaffView(request, province);
      const row = await ctx.db
        .selectFrom('cycles')
        .select(['targets', 'rule_set', 'phase', 'calendar'])
        .where('id', '=', cycleId)
        .executeTakeFirst();
      if (!row) throw notFound(`cycle ${cycleId} not found`);
      const now = request.receivedAt;
      const scopes = visibility(request.grants, now).filter((v) => v.province === province);
      const [figures, rest] = await Promise.all([
        cycleFigures(ctx.db, cycleId, scopes, { at: now }),
        dashboardFigures(ctx.db, cycleId, scopes, now),
      ]);
      const generatedAt = new Date().toISOString();
      // The cycle's row, not the workflow: a query would wait on a worker, seconds for an ended cycle's history.
      const calendar = CycleCalendar.parse(row.calendar);
      const phase = CyclePhase.parse(row.phase);
      return {
        cycleId,
        wholeProvince: scopes.some((v) => v.units === 'all'),
        phase,
        phaseEndsAt: phaseEndOf(calendar, phase),
        calendar,
        report: compareWithTargets(figures, CycleTargets.parse(row.targets), generatedAt),
        ...shape(rest, { province, ruleSetId: RuleSetId.parse(row.rule_set) }),
        generatedAt,
      };
    },
  );
}
