// Registration from a CSV file, as the API's import route takes it: the file
// read and checked row by row, then sent to the cycle in batches of one
// registerProducts Update each, until every application is in the read model.
import { OcopClient } from '../client/ocop-client';
import { readRegistrations } from '../client/registrations';
import { type CycleInput, REGISTRATION_BATCH_MAX, rehearsalCalendar } from '../domain/cycle';
import { cycleWorkflowId } from '../domain/ids';
import type { Actor } from '../domain/schemas';
import { waitFor } from './driver';
import { type Context, withWorker } from './scenarios';

export interface ImportResult {
  rows: number;
  registered: number;
  refused: number;
  /** Until the last batch was answered. */
  answeredSeconds: number;
  /** Until every registered application had written its row, which is when the API's import answers. */
  inReadModelSeconds: number;
  rowsPerSecond: number;
  /** Serials 1..n, each once: no number skipped or used twice. */
  serialsContiguous: boolean;
}

const coordinator: Actor = { id: 'vp-ocop', role: 'coordinator' };
const TYPES = ['cooperative', 'enterprise', 'household'] as const;

function csvOf(rows: number): string {
  const lines = ['product_name,product_group,subject_id,subject_name,subject_type,unit'];
  for (let i = 1; i <= rows; i++) {
    lines.push(`Sản phẩm ${i},food,chu-the-${i},Chủ thể ${i},${TYPES[i % TYPES.length]},047`);
  }
  return lines.join('\n');
}

export function importScenario(ctx: Context, rows: number): Promise<ImportResult> {
  return withWorker(ctx, 'import', 'engine', async ({ taskQueue, db }) => {
    if (!db) throw new Error('the import scenario needs its database');
    const ocop = new OcopClient(ctx.client, taskQueue);
    // A rehearsal whose registration is open for the whole import.
    const calendar = rehearsalCalendar(
      { startsIn: 0, minutes: { registration: 600, dossier: 600, evaluation: { district: 600 }, closing: 30 } },
      new Date(),
    );
    const cycle: CycleInput = {
      province: 'CB',
      year: 2099,
      compressed: true,
      ruleSetId: 'OCOP_148_2023',
      calendar,
      targets: { newProductsThreeStarsOrMore: 1 },
    };
    const { cycleId } = await ocop.startCycle(cycle);
    const started = performance.now();
    const read = readRegistrations(csvOf(rows), {
      as: coordinator,
      place: { province: 'CB', ruleSetId: 'OCOP_148_2023' },
    });
    let registered = 0;
    for (let i = 0; i < read.rows.length; i += REGISTRATION_BATCH_MAX) {
      const batch = read.rows.slice(i, i + REGISTRATION_BATCH_MAX).map((r) => r.registration);
      const outcomes = await ocop.registerProducts(cycleId, batch);
      registered += outcomes.filter((o) => o.status === 'registered').length;
    }
    const answeredSeconds = (performance.now() - started) / 1000;
    const countRows = async () => {
      const row = await db
        .selectFrom('products')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    await waitFor(countRows, registered, { intervalMs: 50 });
    const inReadModelSeconds = (performance.now() - started) / 1000;
    const serials = await db
      .selectFrom('registrations')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('serial').as('max')])
      .executeTakeFirstOrThrow();
    await ctx.client.workflow
      .getHandle(cycleWorkflowId(cycleId))
      .terminate('bench finished')
      .catch(() => undefined);
    return {
      rows,
      registered,
      refused: rows - registered,
      answeredSeconds,
      inReadModelSeconds,
      rowsPerSecond: registered / inReadModelSeconds,
      serialsContiguous: Number(serials.n) === registered && Number(serials.max) === registered,
    };
  });
}
