// The same product under Decision 1489 (from July 2025, after districts were
// abolished): the commune checks the dossier and assesses local criteria
// without stars, the province scores and certifies 3 and 4 stars.
import { addDuration } from '../../domain/duration';
import { productWorkflowId } from '../../domain/ids';
import {
  recordCouncilResult,
  recordInspection,
  recordRecognitionDecision,
  reviewDossier,
  submitDossier,
} from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import { eventsOf, expectPersisted, useTimeSkipping, stateOnceIn } from '../support/env';
import {
  communeOfficer,
  councilResult,
  DOSSIER,
  hatDe,
  inspection,
  partsFor,
  producer,
  recognitionDecision,
  secretary,
} from '../support/fixtures';
import { finalState, stateOf } from '../support/product-state';

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

  /** Today in workflow time, which runs ahead of the clock once a test skips time. */
  const today = async () => new Date(await stack.env.currentTimeMs()).toISOString();

  async function communeAssessment(failedCriteria: string[] = []) {
    return { actor: secretary('commune'), level: 'commune' as const, meetingDate: await today(), failedCriteria };
  }

  async function provinceCouncil(total: number) {
    return councilResult('province', partsFor(total), { meetingDate: await today() });
  }

  /** The province's People's Committee decides; the certificate runs from its decision. */
  async function decide(handle: Awaited<ReturnType<typeof atCommune>>) {
    const at = await stack.env.currentTimeMs();
    return handle.executeUpdate(recordRecognitionDecision, { args: [recognitionDecision(at)] });
  }

  it('is assessed by the commune, certified 3 stars by the province, inspected yearly and expires', async () => {
    const productId = 'RA-2025-0001';
    const handle = await atCommune(productId);

    const assessed = await handle.executeUpdate(recordCouncilResult, { args: [await communeAssessment()] });
    expect(assessed).toMatchObject({ stage: 'EVALUATION', level: 'province', stars: null });
    expect((await stateOf(handle)).scores).toEqual([
      expect.objectContaining({ level: 'commune', total: null, stars: null, failedCriteria: [], members: 0 }),
    ]);

    const rated = await handle.executeUpdate(recordCouncilResult, { args: [await provinceCouncil(62)] });
    // Under 148 the district would have certified these 62 points; here the province does.
    expect(rated).toMatchObject({ stage: 'AWAITING_DECISION', pendingRecognition: { stars: 3, level: 'province' } });
    const certified = await decide(handle);
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
    const state = await finalState(handle);

    expect(state).toMatchObject({ stage: 'EXPIRED', stars: 3 });
    expect(state.history.map((h) => [h.action, h.stageTo, h.level, h.actor.role])).toEqual([
      ['register', 'REGISTERED', null, 'coordinator'],
      ['submitDossier', 'DOSSIER_REVIEW', null, 'producer'],
      ['reviewDossier', 'EVALUATION', 'commune', 'officer'],
      ['recordCouncilResult', 'EVALUATION', 'province', 'council_secretary'],
      ['recordCouncilResult', 'AWAITING_DECISION', 'province', 'council_secretary'],
      ['recordRecognitionDecision', 'CERTIFIED', 'province', 'coordinator'],
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

  it('goes on to the province when the commune’s report is unfavourable, carrying its findings, and is certified', async () => {
    const productId = 'RB-2025-0001';
    const handle = await atCommune(productId);
    const forwarded = await handle.executeUpdate(recordCouncilResult, {
      args: [await communeAssessment(['local-labour'])],
    });

    // Only the dossier's form check stops a product under 1489; the commune's assessment never does.
    expect(forwarded).toMatchObject({ stage: 'EVALUATION', level: 'province', stars: null, certificate: null });
    expect((await stateOf(handle)).scores).toEqual([
      expect.objectContaining({ level: 'commune', failedCriteria: ['local-labour'] }),
    ]);
    expect((await eventsOf(stack.db, productId)).at(-1)).toMatchObject({
      action: 'recordCouncilResult',
      actor_id: 'thu-ky-commune',
      stage_to: 'EVALUATION',
      level: 'province',
      payload: expect.objectContaining({ failedCriteria: ['local-labour'], localFindings: ['local-labour'] }),
    });

    await handle.executeUpdate(recordCouncilResult, { args: [await provinceCouncil(66)] });
    const certified = await decide(handle);
    expect(certified).toMatchObject({ stage: 'CERTIFIED', stars: 3, certificate: { level: 'province', stars: 3 } });
    await expectPersisted(stack.db, await stateOnceIn(stack.db, handle, productId, 'POST_INSPECTION'));
    await handle.terminate('the test ends in post-inspection');
  });

  it('is certified 4 stars by the province itself, with no district before it', async () => {
    const productId = 'RC-2025-0001';
    const handle = await atCommune(productId);
    await handle.executeUpdate(recordCouncilResult, { args: [await communeAssessment()] });
    await handle.executeUpdate(recordCouncilResult, { args: [await provinceCouncil(78)] });
    const certified = await decide(handle);
    expect(certified).toMatchObject({ stage: 'CERTIFIED', stars: 4 });
    expect(certified.certificate).toMatchObject({ number: '001/2025/OCOP-RC', stars: 4, level: 'province' });
    await expectPersisted(stack.db, await stateOnceIn(stack.db, handle, productId, 'POST_INSPECTION'));
    await handle.terminate('the test ends in post-inspection');
  });
});
