// A product's place: given at registration, checked against the province's
// districts by the cycle's validator, and written to the read model with who
// registered it. This runs on the dev server: the time-skipping test server
// writes a workflow task even for a rejected Update, where the real server
// drops it, and a refusal here must leave no event.
import type { WorkflowHandle } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { OcopClient } from '../../client/ocop-client';
import type { Database } from '../../db/database';
import type { RegisterProduct } from '../../domain/cycle';
import * as messages from '../../workflows/cycle/messages';
import type { annualCycle } from '../../workflows/cycle/workflow';
import { eventsOf, eventually, historyLength } from '../support/env';
import { coordinator } from '../support/fixtures';
import { type OpenCycle, openCycle } from '../support/registration';

const TASK_QUEUE = 'registration-place';
/** Cao Bằng, a rehearsal year no other test uses. */
const YEAR = 2071;
const CYCLE = `CB-${YEAR}`;

const registration = (subjectId: string, name: string, unit: string): RegisterProduct => ({
  actor: { ...coordinator, principalId: '41', grantId: '7' },
  product: { name, group: 'food' },
  subject: { id: subjectId, name: `Chủ thể ${subjectId}`, type: 'cooperative' },
  unit,
});

describe("a registration's place", () => {
  let open: OpenCycle;
  let db: Kysely<Database>;
  let client: OcopClient;
  let cycle: WorkflowHandle<typeof annualCycle>;

  beforeAll(async () => {
    open = await openCycle(TASK_QUEUE, YEAR);
    ({ db, client, cycle } = open);
  });

  afterAll(() => open?.close('the place tests are over'));

  it('lands in products.unit, and the event names the principal and grant that registered it', async () => {
    const { productId } = await client.registerProduct(CYCLE, registration('htx-tk', 'Hạt dẻ Trùng Khánh', '047'));
    const product = await eventually(
      () => db.selectFrom('products').select(['unit', 'stage']).where('id', '=', productId).executeTakeFirst(),
      (row) => row !== undefined,
    );
    expect(product).toEqual({ unit: '047', stage: 'REGISTERED' });
    const [registered] = await eventsOf(db, productId);
    expect(registered).toMatchObject({ actor_id: 'vp-ocop-cb', principal_id: '41', grant_id: '7' });
  });

  it('refuses a unit that is not one of the province’s districts, or none, leaving no event', async () => {
    const before = await historyLength(cycle);
    await expect(client.registerProduct(CYCLE, registration('htx-x', 'Quýt Trà Lĩnh', '099'))).rejects.toMatchObject({
      kind: 'ValidationError',
      message: expect.stringMatching(
        /^registerProduct: unit: must be one of Cao Bằng's districts under OCOP_148_2023: 040 Thành phố Cao Bằng, .*047 Huyện Trùng Khánh/,
      ),
    });
    // A commune's code is not a district's: Cao Bằng's 2023 cycle runs under Decision 148.
    await expect(client.registerProduct(CYCLE, registration('htx-x', 'Quýt Trà Lĩnh', '01477'))).rejects.toMatchObject({
      kind: 'ValidationError',
      message: expect.stringContaining('unit: must be one of'),
    });
    // Past the client, the cycle's validator refuses a registration without a unit.
    const placeless: Partial<RegisterProduct> = registration('htx-x', 'Quýt Trà Lĩnh', '047');
    delete placeless.unit;
    const refused = await cycle
      .executeUpdate(messages.registerProduct, { args: [placeless as RegisterProduct] })
      .catch((e: unknown) => e);
    expect((refused as { cause?: unknown }).cause).toMatchObject({
      type: 'ValidationError',
      message: expect.stringContaining('registerProduct: unit: required: the code of the district'),
    });
    expect(await historyLength(cycle)).toBe(before);
    expect(
      await db
        .selectFrom('registrations')
        .select('product_id')
        .where('cycle_id', '=', CYCLE)
        .where('subject_id', '=', 'htx-x')
        .execute(),
    ).toEqual([]);
  });
});
