// A sample of generated hostile Updates sent to one product and one cycle on
// the dev server (issue 13): through the client, which refuses them before
// anything is sent, and straight through Temporal, where the workflows'
// validators refuse them. Either way the histories and the rows stay as they were.
import type { WorkflowHandle } from '@temporalio/client';
import fc from 'fast-check';
import type { ActionInput } from '../../domain/product';
import type { ExtendCalendar, RegisterProduct, RegisterProducts } from '../../domain/cycle';
import type { ActionName } from '../../domain/stages';
import { productWorkflowId } from '../../domain/ids';
import { eventually, historyLength } from '../support/env';
import { type OpenCycle, openCycle } from '../support/registration';
import { applied, mutationOf } from './hostile';
import { UPDATE_CASES } from './payloads';

const YEAR = 2061;
const CYCLE = `CB-${YEAR}`;
const SAMPLE = 200;
const CYCLE_UPDATES = new Set(['registerProduct', 'registerProducts', 'extendCalendar']);

/** Generated Updates: each case's valid payload with one field spoilt (at most 20,000 characters, as Temporal takes). */
function hostileUpdates(): { update: string; payload: unknown }[] {
  const one = fc
    .constantFrom(...UPDATE_CASES)
    .chain(({ update, payload }) => mutationOf(payload, false).map((m) => ({ update, payload: applied(payload, m) })));
  return fc.sample(one, { numRuns: SAMPLE, seed: 13 });
}

/** The workflow has no task or activity left to run: its history grows only if something is sent to it. */
async function settled(handle: WorkflowHandle): Promise<void> {
  await eventually(
    async () => (await handle.describe()).raw,
    (raw) => !raw.pendingWorkflowTask && (raw.pendingActivities ?? []).length === 0,
  );
}

describe('hostile Updates to a running product and cycle', () => {
  let open: OpenCycle;
  let productId: string;

  beforeAll(async () => {
    open = await openCycle('hostile-updates', YEAR);
    ({ productId } = await open.client.registerProduct(CYCLE, {
      actor: { id: 'htx-trung-khanh', role: 'producer' },
      product: { name: 'Hạt dẻ Trùng Khánh', group: 'food' },
      subject: { id: 'htx-trung-khanh', name: 'HTX Trùng Khánh', type: 'cooperative' },
      unit: '047',
    }));
  });
  afterAll(async () => open?.close('the test is over'));

  const rows = async () => ({
    events: await open.db.selectFrom('product_events').select('seq').where('product_id', '=', productId).execute(),
    registrations: await open.db.selectFrom('registrations').select('serial').where('cycle_id', '=', CYCLE).execute(),
    products: await open.db
      .selectFrom('products')
      .select(['id', 'stage', 'last_seq'])
      .where('cycle_id', '=', CYCLE)
      .execute(),
  });

  it('refuses every one, and neither history nor any row changes', async () => {
    const product = open.env.client.workflow.getHandle(productWorkflowId(productId));
    await eventually(rows, (r) => r.products.length === 1);
    await Promise.all([settled(product), settled(open.cycle)]);
    const before = {
      product: await historyLength(product),
      cycle: await historyLength(open.cycle),
      rows: await rows(),
    };

    const updates = hostileUpdates();
    for (const [i, { update, payload }] of updates.entries()) {
      const toCycle = CYCLE_UPDATES.has(update);
      const handle = toCycle ? open.cycle : product;
      // Half through the client, half straight to the workflow, past the client's checks.
      const sent =
        i % 2 === 0
          ? sendThroughClient(open, update, toCycle ? CYCLE : productId, payload)
          : handle.executeUpdate(update, { args: [payload] });
      const error = await sent.then(
        () => new Error(`${update} was taken: ${JSON.stringify(payload).slice(0, 300)}`),
        (e: unknown) => e,
      );
      if (i % 2 === 0) expect(error).toMatchObject({ kind: 'ValidationError' });
      else expect(String((error as { cause?: unknown }).cause)).toMatch(/ValidationError|must|Invalid|expected/);
    }

    expect(await historyLength(product)).toBe(before.product);
    expect(await historyLength(open.cycle)).toBe(before.cycle);
    expect(await rows()).toEqual(before.rows);
  });
});

/** Sends `payload` as `update` through the client, as the CLI and the API do; the client checks it first. */
async function sendThroughClient(open: OpenCycle, update: string, target: string, payload: unknown): Promise<unknown> {
  switch (update) {
    case 'registerProduct':
      return open.client.registerProduct(target, payload as RegisterProduct);
    case 'registerProducts':
      return open.client.registerProducts(target, (payload as RegisterProducts).registrations);
    case 'extendCalendar':
      return open.client.extendCalendar(target, payload as ExtendCalendar);
    default:
      return open.client.act(target, update as ActionName, payload as ActionInput<ActionName>);
  }
}
