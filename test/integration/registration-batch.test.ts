// An import's batch of registrations through the cycle's registerProducts
// Update, on the dev server with PostgreSQL: serials without gaps, a duplicate
// refused in its place (whatever its spacing, invisible characters or look-alike letters), a retried reservation answered the same, and a batch
// with a malformed registration refused before the cycle records anything.
import { createActivities } from '../../activities';
import type { RegisterProduct } from '../../domain/cycle';
import { productWorkflowId } from '../../domain/ids';
import { historyLength } from '../support/env';
import { coordinator } from '../support/fixtures';
import { type OpenCycle, openCycle } from '../support/registration';

const YEAR = 2058;
const CYCLE = `CB-${YEAR}`;
const FAILED_START_YEAR = 2063;
const FAILED_START_CYCLE = `CB-${FAILED_START_YEAR}`;

const registration = (subjectId: string, name: string): RegisterProduct => ({
  actor: coordinator,
  product: { name, group: 'food' },
  subject: { id: subjectId, name: `HTX ${subjectId}`, type: 'cooperative' },
  unit: '047',
});

describe('a batch of registrations', () => {
  let open: OpenCycle;

  beforeAll(async () => {
    open = await openCycle('registration-batch', YEAR);
  });
  afterAll(async () => open?.close('the test is over'));

  const serials = () =>
    open.db
      .selectFrom('registrations')
      .select(['serial', 'product_id'])
      .where('cycle_id', '=', CYCLE)
      .orderBy('serial')
      .execute();

  it('registers in order, refuses a duplicate in its place, and numbers the rest without a gap', async () => {
    const outcomes = await open.client.registerProducts(CYCLE, [
      registration('htx-a', 'Hạt dẻ Trùng Khánh'),
      registration('htx-b', 'Miến dong Phia Đén'),
      registration('htx-a', '  hạt dẻ   TRÙNG KHÁNH '),
      // Issue 13, item 8: neither a zero-width space nor a Cyrillic К makes it another product.
      registration('htx-a', 'Hạt\u200b dẻ Trùng Khánh'),
      registration('htx-a', 'Hạt dẻ Trùng \u041Ahánh'),
      registration('htx-c', 'Thạch đen Thạch An'),
    ]);
    expect(outcomes).toEqual([
      { status: 'registered', productId: `${CYCLE}-0001`, workflowId: productWorkflowId(`${CYCLE}-0001`) },
      { status: 'registered', productId: `${CYCLE}-0002`, workflowId: productWorkflowId(`${CYCLE}-0002`) },
      ...['hạt dẻ TRÙNG KHÁNH', 'Hạt dẻ Trùng Khánh', 'Hạt dẻ Trùng \u041Ahánh'].map((name) => ({
        status: 'refused',
        type: 'AlreadyExists',
        message: `product.name: "${name}" of subject htx-a is already registered in ${CYCLE} as ${CYCLE}-0001`,
      })),
      { status: 'registered', productId: `${CYCLE}-0003`, workflowId: productWorkflowId(`${CYCLE}-0003`) },
    ]);
    expect((await open.client.cycleState(CYCLE)).registered).toBe(3);
    expect(await serials()).toEqual([1, 2, 3].map((serial) => ({ serial, product_id: `${CYCLE}-000${serial}` })));
    // Each registered product's application runs.
    for (const outcome of outcomes) {
      if (outcome.status !== 'registered') continue;
      const { status } = await open.env.client.workflow.getHandle(outcome.workflowId).describe();
      expect(status.name).toBe('RUNNING');
    }
  });

  it('answers a retried reservation as the first attempt did, and writes no row twice', async () => {
    const { reserveRegistrations } = createActivities({ db: open.db });
    const request = {
      cycleId: CYCLE,
      firstSerial: 4,
      at: new Date().toISOString(),
      rows: [
        { subjectId: 'htx-d', nameKey: 'lap suon' },
        { subjectId: 'htx-d', nameKey: 'lap suon' },
        { subjectId: 'htx-e', nameKey: 'mien' },
      ],
    };
    const first = await reserveRegistrations(request);
    expect(first).toEqual([
      { productId: `${CYCLE}-0004` },
      { duplicateOf: `${CYCLE}-0004` },
      { productId: `${CYCLE}-0005` },
    ]);
    expect(await reserveRegistrations(request)).toEqual(first);
    expect((await serials()).map((r) => r.serial)).toEqual([1, 2, 3, 4, 5]);
    await open.db.deleteFrom('registrations').where('cycle_id', '=', CYCLE).where('serial', '>=', 4).execute();
  });

  it('refuses a batch holding a malformed registration, naming it by index, and records nothing', async () => {
    const before = await historyLength(open.cycle);
    const refused = await open.client
      .registerProducts(CYCLE, [
        registration('htx-f', 'Mật ong bạc hà'),
        { ...registration('htx-g', 'Trà'), unit: '999' },
      ])
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({
      kind: 'ValidationError',
      message: expect.stringMatching(/registrations\.1: unit: /),
    });
    expect(await historyLength(open.cycle)).toBe(before);
    expect((await open.client.cycleState(CYCLE)).registered).toBe(3);
  });
});

/**
 * A registration whose application cannot be started (issue 13, item 9): the
 * serial it reserved is spent, its reservation released, and later
 * registrations go on. The start fails for real: a workflow already runs under
 * the id the registration's application would take.
 */
describe('a registration whose application fails to start', () => {
  let open: OpenCycle;

  beforeAll(async () => {
    open = await openCycle('registration-start-failure', FAILED_START_YEAR);
  });
  afterAll(async () => {
    await open?.env.client.workflow
      .getHandle(productWorkflowId(`${FAILED_START_CYCLE}-0001`))
      .terminate('the test is over')
      .catch(() => undefined);
    await open?.close('the test is over');
  });

  it('spends its serial and releases its reservation: later registrations go on', async () => {
    // Whatever runs under the first serial's workflow id, the cycle's start of its application is refused.
    await open.env.client.workflow.start('squatter', {
      workflowId: productWorkflowId(`${FAILED_START_CYCLE}-0001`),
      taskQueue: 'nobody-polls-this-queue',
    });
    await expect(
      open.client.registerProduct(FAILED_START_CYCLE, registration('htx-a', 'Hạt dẻ Trùng Khánh')),
    ).rejects.toThrow(/could not be started/);

    expect(
      await open.client.registerProduct(FAILED_START_CYCLE, registration('htx-b', 'Miến dong Nguyên Bình')),
    ).toMatchObject({
      productId: `${FAILED_START_CYCLE}-0002`,
    });
    // The first subject may register again, under a number of its own.
    expect(
      await open.client.registerProduct(FAILED_START_CYCLE, registration('htx-a', 'Hạt dẻ Trùng Khánh')),
    ).toMatchObject({
      productId: `${FAILED_START_CYCLE}-0003`,
    });
    const rows = await open.db
      .selectFrom('registrations')
      .select(['serial', 'product_id'])
      .where('cycle_id', '=', FAILED_START_CYCLE)
      .orderBy('serial')
      .execute();
    expect(rows).toEqual([
      { serial: 2, product_id: `${FAILED_START_CYCLE}-0002` },
      { serial: 3, product_id: `${FAILED_START_CYCLE}-0003` },
    ]);
  }, 60_000);
});
