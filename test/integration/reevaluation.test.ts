// A re-evaluation or an upgrade re-rates a certified product of the same
// subject: the cycle's reservation checks the application it names against
// the read model, and a refusal writes nothing. The earlier applications are
// written by the same activities their workflows use.
import type { Kysely } from 'kysely';
import { createActivities } from '../../activities';
import { previousApplication } from '../../activities/cycle';
import type { ProductSnapshot } from '../../activities/persistence';
import { OcopClient } from '../../client/ocop-client';
import type { Database } from '../../db/database';
import type { RegisterProduct } from '../../domain/cycle';
import { productWorkflowId } from '../../domain/ids';
import type { Stage } from '../../domain/schemas';
import { eventually, historyLength } from '../support/env';
import { coordinator } from '../support/fixtures';
import { type OpenCycle, openCycle } from '../support/registration';

const TASK_QUEUE = 'reevaluation';
/** Cao Bằng rehearsal years no other test uses: the earlier applications', and the cycle's. */
const EARLIER = 'CB-2068';
const CYCLE = 'CB-2070';
const MINUTE = 60_000;
const HAT_DE = 'Hạt dẻ Trùng Khánh';
const SUBJECT = { id: 'htx-hat-de-tk', name: 'HTX Hạt dẻ Trùng Khánh', type: 'cooperative' } as const;

const reEvaluation = (
  previousProductId: string,
  kind: 're-evaluation' | 'upgrade' = 're-evaluation',
): RegisterProduct => ({
  actor: coordinator,
  product: { name: HAT_DE, group: 'food' },
  subject: SUBJECT,
  unit: '047',
  kind,
  previousProductId,
});

describe('the application a re-evaluation names', () => {
  let open: OpenCycle;
  let db: Kysely<Database>;
  let client: OcopClient;

  /** An earlier application as its workflow leaves it in the read model, certified or not. */
  async function earlier(serial: number, subjectId: string, name: string, stage: Stage): Promise<string> {
    const activities = createActivities({ db });
    const productId = `${EARLIER}-${String(serial).padStart(4, '0')}`;
    const at = new Date().toISOString();
    const product: ProductSnapshot = {
      productId,
      cycleId: EARLIER,
      province: 'CB',
      year: 2068,
      name,
      productGroup: 'food',
      subjectId,
      kind: 'new',
      ruleSetId: 'OCOP_148_2023',
      stage,
      level: 'province',
      stars: stage === 'CERTIFIED' ? 3 : null,
      score: stage === 'CERTIFIED' ? 62 : 45,
      nextDeadline: null,
      certificateNo: null,
      unit: '047',
    };
    await activities.recordTransition({
      workflowId: productWorkflowId(productId),
      seq: 1,
      action: stage === 'CERTIFIED' ? 'recordCouncilResult' : 'close:NOT_RANKED',
      actor: coordinator,
      stageFrom: 'EVALUATION',
      occurredAt: at,
      payload: {},
      product,
      subject: { id: subjectId, name: `Chủ thể ${subjectId}`, type: 'cooperative' },
    });
    if (stage === 'CERTIFIED') {
      await activities.issueCertificate({
        productId,
        province: 'CB',
        year: 2068,
        level: 'province',
        stars: 3,
        decidedOn: at,
        validUntil: new Date(Date.now() + 365 * 24 * 60 * MINUTE).toISOString(),
      });
    }
    return productId;
  }

  const registrations = () =>
    db.selectFrom('registrations').select('product_id').where('cycle_id', '=', CYCLE).orderBy('serial').execute();

  beforeAll(async () => {
    open = await openCycle(TASK_QUEUE, 2070);
    ({ db, client } = open);
  });

  afterAll(async () => {
    for (const { product_id: id } of open ? await registrations() : []) {
      await open.env.client.workflow
        .getHandle(productWorkflowId(id))
        .terminate('the re-evaluation tests are over')
        .catch(() => undefined);
    }
    await open?.close('the re-evaluation tests are over');
  });

  it.each([
    ['an unknown id', async () => `${EARLIER}-0099`, 'must name an existing application: CB-2068-0099 is not known'],
    [
      "another subject's certified product",
      () => earlier(1, 'hkd-khac', HAT_DE, 'CERTIFIED'),
      'must name an application of subject htx-hat-de-tk: CB-2068-0001 belongs to another subject',
    ],
    [
      'a product of the subject that holds no certificate',
      () => earlier(2, SUBJECT.id, HAT_DE, 'NOT_RANKED'),
      'must name a certified application: CB-2068-0002 holds no certificate in force',
    ],
    [
      "another of the subject's certified products",
      () => earlier(3, SUBJECT.id, 'Miến dong Phia Đén', 'CERTIFIED'),
      'must name an application of the same product: CB-2068-0003 is "Miến dong Phia Đén"',
    ],
    [
      'the product being registered',
      async () => `${CYCLE}-0001`,
      'must name an earlier application, not CB-2070-0001 itself',
    ],
  ])('refuses %s, writing nothing', async (_, previous, rule) => {
    const previousProductId = await previous();
    await expect(client.registerProduct(CYCLE, reEvaluation(previousProductId))).rejects.toMatchObject({
      kind: 'ValidationError',
      message: `registerProduct: previousProductId: ${rule}`,
    });
    expect(await registrations()).toEqual([]);
    expect((await client.cycleState(CYCLE)).registered).toBe(0);
  });

  it("accepts an upgrade of the subject's certified product, and the API's check agrees", async () => {
    const previousProductId = await earlier(4, SUBJECT.id, 'hạt dẻ  TRÙNG khánh', 'CERTIFIED');
    expect(await previousApplication(db, previousProductId)).toEqual({
      subjectId: SUBJECT.id,
      productName: 'hạt dẻ  TRÙNG khánh',
      hasActiveCertificate: true,
    });
    const { productId } = await client.registerProduct(CYCLE, reEvaluation(previousProductId, 'upgrade'));
    expect(productId).toBe(`${CYCLE}-0001`);
    expect(await registrations()).toEqual([{ product_id: productId }]);
    const row = await eventually(
      () => db.selectFrom('products').select(['kind', 'unit']).where('id', '=', productId).executeTakeFirst(),
      (r) => r !== undefined,
    );
    expect(row).toEqual({ kind: 'upgrade', unit: '047' });
  });

  it("refuses, in the cycle's validator and without an event, a product of another province", async () => {
    const before = await historyLength(open.cycle);
    await expect(client.registerProduct(CYCLE, reEvaluation('LS-2020-0007'))).rejects.toMatchObject({
      kind: 'ValidationError',
      message: 'registerProduct: previousProductId: must name an application of CB, not LS-2020-0007',
    });
    expect(await historyLength(open.cycle)).toBe(before);
  });
});
