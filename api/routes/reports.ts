// A cycle's report against its plan's targets, from the read model, as JSON
// or as CSV for the province's spreadsheets.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../csv-cells';
import { z } from 'zod';
import { OcopError } from '../../client/errors';
import { cycleReport } from '../../client/reports';
import { CycleTargets } from '../../domain/cycle';
import { CycleId } from '../../domain/ids';
import { CERTIFICATE_STATUSES, type CycleReport, KEPT_LIST_LIMIT } from '../../domain/report';
import { ApplicationKind, Instant, ProductGroup, Stage, SubjectType } from '../../domain/schemas';
import type { ApiContext } from '../context';
import { requireGrant } from '../auth';
import { ApiProblem } from '../problem';
import { BEARER, problems, REFUSALS } from './operator';

const Count = z.number().int().min(0);
const ByStars = z.partialRecord(z.enum(['1', '2', '3', '4', '5']), Count);
const ByKind = z.record(ApplicationKind, Count);

const LostProduct = z.object({
  productId: z.string().max(40),
  productName: z.string().max(300),
  certificateNumber: z.string().max(64),
  stars: z.number().int().min(1).max(5),
  validUntil: Instant,
  endedAt: Instant.nullable().describe('when it was revoked or expired, when the read model knows'),
});
const LostProducts = z.object({ count: Count, products: z.array(LostProduct).max(KEPT_LIST_LIMIT) });

/** The three certificate figures of a report, each under its own name. */
const NamedFigures = {
  certifiedInCycle: z
    .object({
      total: Count,
      byKind: ByKind,
      byStars: ByStars,
      byStatus: z
        .record(z.enum(CERTIFICATE_STATUSES), Count)
        .describe('what became of them since: only active is in force'),
    })
    .describe(
      "certified in this cycle: the cycle's applications issued a certificate, each once at its latest certificate, " +
        'whatever became of it since',
    ),
  activeAt: z
    .object({ at: Instant, total: Count, byKind: ByKind, byStars: ByStars })
    .describe(
      "active at a date: the province's certificates in force at `at` (status active, issued on or before it, valid " +
        'after it), whichever cycle issued them; revoked, expired and superseded ones never count',
    ),
  keptProducts: z
    .object({
      since: Instant.describe("the cycle's start (calendar.registrationOpens)"),
      at: Instant,
      earlier: Count.describe('products holding a certificate in force at the start, issued before it'),
      kept: Count.describe(
        'of those, still holding one in force at `at`: their own, or a newer one (re-evaluation, upgrade)',
      ),
      share: z.number().min(0).max(1).describe('kept / earlier; 1 when there were none'),
      lapsed: LostProducts.describe('expired with no newer certificate in force: not re-evaluated in time, or failed'),
      revoked: LostProducts,
    })
    .describe('the target "duy trì 100% sản phẩm đã được xếp hạng": products ranked before the cycle and still ranked'),
};

export const CycleReportDocument = z
  .object({
    cycleId: CycleId,
    registered: Count,
    byStage: z.partialRecord(Stage, Count),
    byStars: ByStars.describe('certified in this cycle, by stars (certifiedInCycle.byStars)'),
    byGroup: z.partialRecord(
      ProductGroup,
      z.object({
        registered: Count,
        certified: Count.describe('certified in this cycle'),
        active: Count.describe('of those, in force at the report date'),
      }),
    ),
    subjects: z.object({ total: Count, byType: z.partialRecord(SubjectType, Count) }),
    ...NamedFigures,
    newThreeStarsOrMore: Count,
    fourStarsOrMore: Count,
    fiveStars: Count,
    reEvaluationsDecided: Count.describe('re-evaluations certified again or closed without a certificate'),
    reEvaluationsKept: Count.describe('of those, certified again at 3 stars or more'),
    targets: z
      .array(
        z.object({
          target: CycleTargets.keyof(),
          label: z.string().max(200),
          goal: z.number(),
          actual: z.number(),
          met: z.boolean(),
        }),
      )
      .max(20),
    generatedAt: Instant,
  })
  .meta({ id: 'CycleReport' });

const CSV_COLUMNS = ['section', 'key', 'value', 'goal', 'met'] as const;

type Row = (string | number | boolean | null)[];

/** The named figures: certified in this cycle, active at the report date, and the products kept and lost. */
function namedFigureRows({ certifiedInCycle: certified, activeAt: active, keptProducts: kept }: CycleReport): Row[] {
  const lostRows = (section: string, lost: CycleReport['keptProducts']['lapsed']) =>
    lost.products.map((p) => [section, p.productId, p.certificateNumber]);
  return [
    ['certified_in_cycle', 'total', certified.total],
    ...Object.entries(certified.byKind).map(([kind, n]) => ['certified_in_cycle_kind', kind, n]),
    ...Object.entries(certified.byStars).map(([stars, n]) => ['certified_in_cycle_stars', stars, n]),
    ...Object.entries(certified.byStatus).map(([status, n]) => ['certified_in_cycle_status', status, n]),
    ['active_at', 'at', active.at],
    ['active_at', 'total', active.total],
    ...Object.entries(active.byKind).map(([kind, n]) => ['active_at_kind', kind, n]),
    ...Object.entries(active.byStars).map(([stars, n]) => ['active_at_stars', stars, n]),
    ['kept_products', 'since', kept.since],
    ['kept_products', 'earlier', kept.earlier],
    ['kept_products', 'kept', kept.kept],
    ['kept_products', 'lapsed', kept.lapsed.count],
    ['kept_products', 'revoked', kept.revoked.count],
    ...lostRows('lapsed_product', kept.lapsed),
    ...lostRows('revoked_product', kept.revoked),
  ];
}

/** One line per figure, so a spreadsheet can filter by section; targets carry their goal and whether it is met. */
export function reportCsv(report: CycleReport): string {
  const rows: Row[] = [
    ['summary', 'generated_at', report.generatedAt],
    ['summary', 'registered', report.registered],
    ['summary', 'subjects', report.subjects.total],
    ['summary', 'new_three_stars_or_more', report.newThreeStarsOrMore],
    ['summary', 'four_stars_or_more', report.fourStarsOrMore],
    ['summary', 'five_stars', report.fiveStars],
    ['summary', 're_evaluations_decided', report.reEvaluationsDecided],
    ['summary', 're_evaluations_kept', report.reEvaluationsKept],
    ...namedFigureRows(report),
    ...Object.entries(report.byStage).map(([stage, n]) => ['stage', stage, n]),
    ...Object.entries(report.byStars).map(([stars, n]) => ['stars', stars, n]),
    ...Object.entries(report.byGroup).flatMap(([group, n]) => [
      ['group_registered', group, n.registered],
      ['group_certified', group, n.certified],
      ['group_active', group, n.active],
    ]),
    ...Object.entries(report.subjects.byType).map(([type, n]) => ['subject_type', type, n]),
    ...report.targets.map((t) => ['target', t.target, t.actual, t.goal, t.met]),
  ];
  return stringify(
    rows.map((row) => CSV_COLUMNS.map((_, i) => neutraliseFormula(row[i] ?? null))),
    { header: true, columns: [...CSV_COLUMNS], cast: { boolean: (b) => String(b) }, record_delimiter: 'unix' },
  );
}

/** `?format` decides; otherwise the first of text/csv and application/json that the Accept header prefers. */
export function wantsCsv(request: FastifyRequest, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  const ranked = (request.headers.accept ?? '')
    .slice(0, 1024)
    .split(',')
    .map((part, order) => {
      const [type = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(
        params
          .map((p) => p.trim())
          .find((p) => p.startsWith('q='))
          ?.slice(2) ?? 1,
      );
      return { type: type.trim(), q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((m) => m.q > 0 && ['text/csv', 'application/json', 'application/*', '*/*'].includes(m.type))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.type === 'text/csv';
}

export default async function reportRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/cycles/:cycleId/report',
    {
      schema: {
        summary: "A cycle's figures beside its plan's targets",
        description:
          'Counts by stage, stars, product group and subject type from the read model, each target with its actual figure; ' +
          'the certificates under three named figures: certifiedInCycle, activeAt (the time of the request) and keptProducts. ' +
          'It reads only PostgreSQL. ' +
          'CSV (one line per figure: section,key,value,goal,met) with `Accept: text/csv` or `?format=csv`.',
        tags: ['reports'],
        security: BEARER,
        params: z.object({ cycleId: CycleId }),
        querystring: z.object({ format: z.enum(['json', 'csv']).optional() }),
        response: {
          200: {
            description: 'the report',
            content: {
              'application/json': { schema: CycleReportDocument },
              'text/csv': { schema: z.string().describe('section,key,value,goal,met') },
            },
          },
          ...problems(...REFUSALS, 404),
        },
      },
    },
    async (request, reply) => {
      const { cycleId } = request.params;
      // A cycle id begins with its province's code, so the grant is checked before anything is read.
      requireGrant(request, 'viewReport', { province: cycleId.split('-')[0] ?? '' });
      let report: CycleReport;
      try {
        report = await cycleReport(ctx.db, cycleId);
      } catch (error) {
        if (error instanceof OcopError && error.kind === 'NotFound') {
          throw new ApiProblem(404, 'Not Found', `cycle ${cycleId} not found`);
        }
        throw error;
      }
      if (!wantsCsv(request, request.query.format)) return reply.type('application/json').send(report);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="ocop-report-${cycleId}.csv"`)
        .send(reportCsv(report));
    },
  );
}
