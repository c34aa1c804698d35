// A cycle's registrations from a CSV file: each row is checked, authorized and
// registered on its own, in file order, and answered with its own result, so
// one bad row does not hold up the others.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Refused } from '../../client/csv';
import { readRegistrations, rowRefusal } from '../../client/registrations';
import { actorFor, authorize } from '../../domain/access';
import { CSV_MAX_BYTES, CSV_MAX_ROWS } from '../../domain/csv-limits';
import { CycleId } from '../../domain/ids';
import { requireGrant } from '../auth';
import type { ApiContext } from '../context';
import { PROBLEM_RESPONSES } from '../problem';
import { cycleOf, previousApplicationRefusal, provinceOf } from './cycles';
import { untilInReadModel } from '../read-your-writes';

const ImportRow = z.object({
  line: z.number().int().describe('the row as a spreadsheet numbers it: the header is row 1'),
  status: z.enum(['registered', 'refused']),
  productId: z.string().optional(),
  error: z.string().max(2000).optional(),
});

const ImportResult = z
  .object({ rows: z.array(ImportRow), registered: z.number().int(), refused: z.number().int() })
  .meta({ id: 'ProductImport' });

function refusalText(refusals: readonly Refused[]): string {
  return refusals
    .map((r) => (r.field ? `${r.field}: ${r.reason}` : r.reason))
    .join('; ')
    .slice(0, 2000);
}

export default async function importRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/cycles/:cycleId/imports',
    {
      bodyLimit: CSV_MAX_BYTES,
      schema: {
        summary: 'Register products from a CSV file, one result per row',
        description:
          'Columns: product_name, product_group, subject_id, subject_name, subject_type, unit (or district / commune), ' +
          'and optionally subject_email, kind, previous_product_id. ' +
          `At most ${CSV_MAX_BYTES / 1024 / 1024} MiB and ${CSV_MAX_ROWS.toLocaleString('en')} rows.`,
        tags: ['cycles'],
        security: [{ bearer: [] }],
        params: z.strictObject({ cycleId: CycleId }),
        consumes: ['text/csv'],
        body: z.string().max(CSV_MAX_BYTES).describe('the CSV file'),
        response: { 200: ImportResult, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      const { cycleId } = request.params;
      // The grant first: whether a cycle exists is not told to whoever may not import into it.
      requireGrant(request, 'importProducts', { province: provinceOf(cycleId) });
      const cycle = await cycleOf(ctx, cycleId);
      const { ruleSetId } = cycle;
      const read = readRegistrations(request.body, {
        source: 'body',
        actorSource: 'the access token',
        place: { province: cycle.province, ruleSetId },
      });
      const results: z.infer<typeof ImportRow>[] = [];
      const refusedByRow = new Map<number, Refused[]>();
      for (const r of read.refused) refusedByRow.set(r.row, [...(refusedByRow.get(r.row) ?? []), r]);
      for (const [line, refusals] of refusedByRow)
        results.push({ line, status: 'refused', error: refusalText(refusals) });

      for (const { row, registration } of read.rows) {
        const target = {
          province: cycle.province,
          product: { unit: registration.unit, subjectId: registration.subject.id, level: null },
        };
        const decision = authorize(request.grants, 'registerProduct', target, request.receivedAt);
        if (!decision.allowed) {
          results.push({ line: row, status: 'refused', error: `registerProduct needs ${decision.missing}` });
          continue;
        }
        const actor = actorFor(request.principal, decision.grant);
        const rule = await previousApplicationRefusal(ctx, cycleId, registration);
        if (rule) {
          results.push({ line: row, status: 'refused', error: `previousProductId: ${rule}` });
          continue;
        }
        try {
          const { productId } = await ctx.ocop.registerProduct(cycleId, { ...registration, actor });
          results.push({ line: row, status: 'registered', productId });
        } catch (error) {
          const refusal = rowRefusal(row, error, 'the access token');
          if (!refusal) throw error;
          results.push({ line: row, status: 'refused', error: refusalText([refusal]) });
        }
      }
      results.sort((a, b) => a.line - b.line);
      await untilInReadModel(
        ctx.db,
        results.flatMap((r) => (r.productId ? [r.productId] : [])),
      );
      const registered = results.filter((r) => r.status === 'registered').length;
      return { rows: results, registered, refused: results.length - registered };
    },
  );
}
