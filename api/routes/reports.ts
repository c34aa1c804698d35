// A cycle's report against its plan's targets, from the read model, as JSON
// or as CSV for the province's spreadsheets.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { OcopError } from '../../client/errors';
import { cycleReport } from '../../client/reports';
import { CycleTargets } from '../../domain/cycle';
import { CycleId } from '../../domain/ids';
import type { CycleReport } from '../../domain/report';
import { Instant, ProductGroup, Stage, SubjectType } from '../../domain/schemas';
import type { ApiContext } from '../context';
import { requireGrant } from '../auth';
import { ApiProblem } from '../problem';
import { BEARER, problems, REFUSALS } from './operator';

const Count = z.number().int().min(0);

export const CycleReportDocument = z
  .object({
    cycleId: CycleId,
    registered: Count,
    byStage: z.partialRecord(Stage, Count),
    byStars: z.partialRecord(z.enum(['1', '2', '3', '4', '5']), Count).describe('certified products by stars'),
    byGroup: z.partialRecord(ProductGroup, z.object({ registered: Count, certified: Count })),
    subjects: z.object({ total: Count, byType: z.partialRecord(SubjectType, Count) }),
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

/** One line per figure, so a spreadsheet can filter by section; targets carry their goal and whether it is met. */
export function reportCsv(report: CycleReport): string {
  const rows: (string | number | boolean | null)[][] = [
    ['summary', 'generated_at', report.generatedAt],
    ['summary', 'registered', report.registered],
    ['summary', 'subjects', report.subjects.total],
    ['summary', 'new_three_stars_or_more', report.newThreeStarsOrMore],
    ['summary', 'four_stars_or_more', report.fourStarsOrMore],
    ['summary', 'five_stars', report.fiveStars],
    ['summary', 're_evaluations_decided', report.reEvaluationsDecided],
    ['summary', 're_evaluations_kept', report.reEvaluationsKept],
    ...Object.entries(report.byStage).map(([stage, n]) => ['stage', stage, n]),
    ...Object.entries(report.byStars).map(([stars, n]) => ['stars', stars, n]),
    ...Object.entries(report.byGroup).flatMap(([group, n]) => [
      ['group_registered', group, n.registered],
      ['group_certified', group, n.certified],
    ]),
    ...Object.entries(report.subjects.byType).map(([type, n]) => ['subject_type', type, n]),
    ...report.targets.map((t) => ['target', t.target, t.actual, t.goal, t.met]),
  ];
  return stringify(
    rows.map((row) => CSV_COLUMNS.map((_, i) => row[i] ?? null)),
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
          'Counts by stage, stars, product group and subject type from the read model, each target with its actual figure. ' +
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
