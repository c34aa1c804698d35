// The same product under Decision 1489 (from July 2025, after districts were
// abolished): the commune checks the dossier and assesses local criteria
// without stars, the province scores and certifies 3 and 4 stars.
import { addDuration } from '../../domain/duration';
import { productWorkflowId } from '../../domain/ids';
import type { ProductState } from '../../domain/product';
import { recordCouncilResult, recordInspection, reviewDossier, submitDossier } from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import { endedResult, eventsOf, expectPersisted, useTimeSkipping, stateOnceIn } from '../support/env';
import {
  communeOfficer,
  councilResult,
  DOSSIER,
  hatDe,
  inspection,
  partsFor,
  producer,
  secretary,
} from '../support/fixtures';

const TASK_QUEUE = 'rules-1489';
const DAY = 86_400_000;

describe('a product under Decision 1489', () => {
  const stack = useTimeSkipping(TASK_QUEUE);

  async function atCommune(productId: string) {
    const handle = await stack.env.client.workflow.start(productApplication, {
      workflowId: productWorkflowId(productId),
      taskQueue: TASK_QUEUE,
      args: [{ input: hatDe(productId, { ruleSetId: 'OCOP_1489_2025' }, await stack.env.currentTimeMs()) }],
    });
    await handle.executeUpdate(submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    const accepted = await handle.executeUpdate(reviewDossier, {
      args: [{ actor: communeOfficer, decision: { outcome: 'accept' } }],
    });
    expect(accepted).toMatchObject({ stage: 'EVALUATION', level: 'commune' });
    return handle;
  }

  function communeAssessment(failedCriteria: string[] = []) {
    return {
      actor: secretary('commune'),
      level: 'commune' as const,
      meetingDate: new Date(Date.now() - 60_000).toISOString(),
      failedCriteria,
    };
  }

  it('is assessed by the commune, certified 3 stars by the province, inspected yearly and expires', async () => {
    const productId = 'RA-2025-0001';
    const handle = await atCommune(productId);

    const assessed = await handle.executeUpdate(recordCouncilResult, { args: [communeAssessment()] });
    expect(assessed).toMatchObject({ stage: 'EVALUATION', level: 'province', stars: null });
    expect(assessed.scores).toEqual([
      expect.objectContaining({ level: 'commune', total: null, stars: null, failedCriteria: [], members: 0 }),
    ]);

    const certified = await handle.executeUpdate(recordCouncilResult, {
      args: [councilResult('province', partsFor(62))],
    });
    // Under 148 the district would have certified these 62 points; here the province does.
    expect(certified).toMatchObject({ stage: 'CERTIFIED', level: 'province', stars: 3 });
    expect(certified.certificate).toMatchObject({ number: '001/2025/OCOP-RA', stars: 3, level: 'province' });

    const first = await stateOnceIn(stack.db, handle, productId, 'POST_INSPECTION');
    const decidedOn = new Date(first.certificate?.decidedOn ?? '');
    for (const months of [12, 24, 36]) {
      const dueAt = addDuration(decidedOn, `P${months}M`).getTime();
      await stack.env.sleep(dueAt - 3 * DAY - (await stack.env.currentTimeMs()));
      await handle.executeUpdate(recordInspection, {
        args: [inspection({ outcome: 'pass' }, await stack.env.currentTimeMs())],
      });
    }
    const state = await handle.result();

    expect(state).toMatchObject({ stage: 'EXPIRED', stars: 3 });
    expect(state.history.map((h) => [h.action, h.stageTo, h.level, h.actor.role])).toEqual([
      ['register', 'REGISTERED', null, 'coordinator'],
      ['submitDossier', 'DOSSIER_REVIEW', null, 'producer'],
      ['reviewDossier', 'EVALUATION', 'commune', 'officer'],
      ['recordCouncilResult', 'EVALUATION', 'province', 'council_secretary'],
      ['recordCouncilResult', 'CERTIFIED', 'province', 'council_secretary'],
      ['enter:POST_INSPECTION', 'POST_INSPECTION', 'province', 'coordinator'],
      ['recordInspection', 'POST_INSPECTION', 'province', 'inspector'],
      ['recordInspection', 'POST_INSPECTION', 'province', 'inspector'],
      ['recordInspection', 'POST_INSPECTION', 'province', 'inspector'],
      ['close:EXPIRED', 'EXPIRED', 'province', 'coordinator'],
    ]);
    await expectPersisted(stack.db, state);
    const product = await stack.db
      .selectFrom('products')
      .selectAll()
      .where('id', '=', productId)
      .executeTakeFirstOrThrow();
    expect(product).toMatchObject({ rule_set: 'OCOP_1489_2025', stage: 'EXPIRED', certificate_no: '001/2025/OCOP-RA' });
    const certificate = await stack.db
      .selectFrom('certificates')
      .select(['level', 'status'])
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow();
    expect(certificate).toEqual({ level: 'province', status: 'expired' });
  });

  it('is not ranked when the commune finds a local criterion unmet', async () => {
    const productId = 'RB-2025-0001';
    const handle = await atCommune(productId);
    const closed = await handle.executeUpdate(recordCouncilResult, {
      args: [communeAssessment(['local-labour'])],
    });

    expect(closed).toMatchObject({ stage: 'NOT_RANKED', stars: null, certificate: null });
    const state = await endedResult<ProductState>(stack.env, handle.workflowId);
    await expectPersisted(stack.db, state);
    expect((await eventsOf(stack.db, productId)).at(-1)).toMatchObject({
      action: 'close:NOT_RANKED',
      actor_id: 'thu-ky-commune',
      payload: expect.objectContaining({ reason: 'local-criteria', failedCriteria: ['local-labour'] }),
    });
  });

  it('is certified 4 stars by the province itself, with no district before it', async () => {
    const productId = 'RC-2025-0001';
    const handle = await atCommune(productId);
    await handle.executeUpdate(recordCouncilResult, { args: [communeAssessment()] });
    const certified = await handle.executeUpdate(recordCouncilResult, {
      args: [councilResult('province', partsFor(78))],
    });
    expect(certified).toMatchObject({ stage: 'CERTIFIED', stars: 4 });
    expect(certified.certificate).toMatchObject({ number: '001/2025/OCOP-RC', stars: 4, level: 'province' });
    await expectPersisted(stack.db, await stateOnceIn(stack.db, handle, productId, 'POST_INSPECTION'));
    await handle.terminate('the test ends in post-inspection');
  });
});
