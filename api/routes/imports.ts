// A cycle's registrations from a CSV file: each row is checked, authorized and
// answered with its own result, so one bad row does not hold up the others.
// Rows already registered are refused from the read model before anything is
// sent; the rest go to the cycle in file order, in batches of one Update each.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Refused } from '../../client/csv';
import { isRefusal, readRegistrations, refusalOfRow, rowRefusal } from '../../client/registrations';
import { alreadyRegistered, productNameKey, REGISTRATION_BATCH_MAX, type RegisterProduct } from '../../domain/cycle';
import { actorFor, authorize } from '../../domain/access';
import { CSV_MAX_BYTES, CSV_MAX_ROWS } from '../../domain/csv-limits';
import { CycleId } from '../../domain/ids';
import { requireGrant } from '../auth';
import type { ApiContext } from '../context';
import { PROBLEM_RESPONSES } from '../problem';
import { cycleOf, previousApplicationRefusal, provinceOf } from './cycles';
import { untilInReadModel } from '../read-your-writes';
import { registeredIn, registrationKey } from '../../read-model/registrations';

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

type Pending = { row: number; registration: RegisterProduct };
type Result = z.infer<typeof ImportRow>;

const refusedRow = (refusal: Refused): Result => ({
  line: refusal.row,
  status: 'refused',
  error: refusalText([refusal]),
});

/**
 * The rows whose subject registered the same name in the cycle before,
 * refused from the read model: a refusal sends nothing, so it leaves no event
 * in the cycle's history. The cycle checks again as it reserves the serials.
 */
async function alreadyInCycle(
  ctx: ApiContext,
  cycleId: string,
  pending: readonly Pending[],
): Promise<{ fresh: Pending[]; duplicates: Result[] }> {
  const registered = await registeredIn(
    ctx.db,
    cycleId,
    pending.map((p) => p.registration.subject.id),
  );
  const fresh: Pending[] = [];
  const duplicates: Result[] = [];
  for (const p of pending) {
    const duplicateOf = registered.get(
      registrationKey(p.registration.subject.id, productNameKey(p.registration.product.name)),
    );
    if (!duplicateOf) fresh.push(p);
    else duplicates.push(refusedRow(refusalOfRow(p.row, alreadyRegistered(cycleId, p.registration, duplicateOf))));
  }
  return { fresh, duplicates };
}

/**
 * One batch through the cycle's registerProducts Update. A batch the cycle
 * refuses as a whole (its window closed meanwhile, say) is sent again row by
 * row, so that each row gets its own answer.
 */
async function registerBatch(ctx: ApiContext, cycleId: string, batch: readonly Pending[]): Promise<Result[]> {
  try {
    const outcomes = await ctx.ocop.registerProducts(
      cycleId,
      batch.map((p) => p.registration),
    );
    return batch.map(({ row }, i): Result => {
      const outcome = outcomes[i];
      if (outcome?.status === 'registered') return { line: row, status: 'registered', productId: outcome.productId };
      return refusedRow(refusalOfRow(row, outcome?.message ?? 'the cycle gave no answer', ACTOR_SOURCE));
    });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const results: Result[] = [];
    for (const { row, registration } of batch) {
      try {
        const { productId } = await ctx.ocop.registerProduct(cycleId, registration);
        results.push({ line: row, status: 'registered', productId });
      } catch (rowError) {
        const refusal = rowRefusal(row, rowError, ACTOR_SOURCE);
        if (!refusal) throw rowError;
        results.push(refusedRow(refusal));
      }
    }
    return results;
  }
}

const ACTOR_SOURCE = 'the access token';

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
        actorSource: ACTOR_SOURCE,
        place: { province: cycle.province, ruleSetId },
      });
      const results: Result[] = [];
      const refusedByRow = new Map<number, Refused[]>();
      for (const r of read.refused) refusedByRow.set(r.row, [...(refusedByRow.get(r.row) ?? []), r]);
      for (const [line, refusals] of refusedByRow)
        results.push({ line, status: 'refused', error: refusalText(refusals) });
      const pending: Pending[] = [];

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
        pending.push({ row, registration: { ...registration, actor } });
      }
      const { fresh, duplicates } = await alreadyInCycle(ctx, cycleId, pending);
      results.push(...duplicates);
      for (let i = 0; i < fresh.length; i += REGISTRATION_BATCH_MAX) {
        results.push(...(await registerBatch(ctx, cycleId, fresh.slice(i, i + REGISTRATION_BATCH_MAX))));
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
