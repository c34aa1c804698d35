// Councils up the chain of Decision 148: district, province, central. Each
// outcome a level can reach, with the certificates and the audit trail it leaves.
import type {
  WorkflowHandle,
  WorkflowHandleWithFirstExecutionRunId,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { addDuration } from '../../domain/duration';
import type { ProductState } from '../../domain/product';
import { productWorkflowId } from '../../domain/ids';
import type { LevelId } from '../../domain/schemas';
import { recordCouncilResult, reviewDossier, submitDossier, withdraw } from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import { OcopNextDeadline, OcopStage, OcopStars } from '../../workflows/search-attributes';
import { endedResult, eventsOf, expectPersisted, useTimeSkipping, stateOnceIn } from '../support/env';
import { councilResult, DOSSIER, districtOfficer, hatDe, partsFor, producer } from '../support/fixtures';

const TASK_QUEUE = 'evaluation';

describe('evaluation under Decision 148', () => {
  const stack = useTimeSkipping(TASK_QUEUE);

  /** A product whose dossier the district accepted: it waits for the district council. */
  async function atDistrictCouncil(
    productId: string,
  ): Promise<WorkflowHandleWithFirstExecutionRunId<typeof productApplication>> {
    const now = await stack.env.currentTimeMs();
    const handle = await stack.env.client.workflow.start(productApplication, {
      workflowId: productWorkflowId(productId),
      taskQueue: TASK_QUEUE,
      args: [{ input: hatDe(productId, {}, now) }],
    });
    await handle.executeUpdate(submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    await handle.executeUpdate(reviewDossier, { args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }] });
    return handle;
  }

  function score(
    handle: WorkflowHandle,
    level: LevelId,
    total: number,
    options: Parameters<typeof councilResult>[2] = {},
  ) {
    return handle.executeUpdate(recordCouncilResult, { args: [councilResult(level, partsFor(total), options)] });
  }

  /** Certified applications continue as new into post-inspection; these tests stop there. */
  async function inPostInspection(handle: WorkflowHandle<typeof productApplication>) {
    const state = await stateOnceIn(
      stack.db,
      handle,
      handle.workflowId.replace('ocop-product-', ''),
      'POST_INSPECTION',
    );
    expect(state.stage).toBe('POST_INSPECTION');
    await expectPersisted(stack.db, state);
    await handle.terminate('the test ends before the first post-inspection');
    return state;
  }

  const certificatesOf = (productId: string) =>
    stack.db
      .selectFrom('certificates')
      .select(['number', 'stars', 'level', 'status'])
      .where('product_id', '=', productId)
      .orderBy('serial')
      .execute();

  const actions = async (productId: string) => (await eventsOf(stack.db, productId)).map((e) => e.action);

  it('certifies a 3-star product at the district, valid for 36 months', async () => {
    const handle = await atDistrictCouncil('EVA-2023-0001');
    const certified = await score(handle, 'district', 62);

    expect(certified).toMatchObject({ stage: 'CERTIFIED', level: 'district', stars: 3 });
    const certificate = certified.certificate;
    expect(certificate).toMatchObject({ number: '001/2023/OCOP-EVA', stars: 3, level: 'district' });
    expect(certificate?.validUntil).toBe(addDuration(new Date(certificate?.decidedOn ?? ''), 'P36M').toISOString());
    expect(certified.scores).toEqual([
      expect.objectContaining({ level: 'district', total: 62, stars: 3, members: 3, mandatoryFailed: [] }),
    ]);
    expect(await certificatesOf('EVA-2023-0001')).toEqual([
      { number: '001/2023/OCOP-EVA', stars: 3, level: 'district', status: 'active' },
    ]);

    const state = await inPostInspection(handle);
    // The first round falls due a year after the decision.
    expect(state.deadline).toEqual({
      kind: 'inspection',
      dueAt: addDuration(new Date(certificate?.decidedOn ?? ''), 'P12M').toISOString(),
    });
    expect(state.history.map((h) => [h.action, h.stageTo, h.actor.role])).toEqual([
      ['register', 'REGISTERED', 'coordinator'],
      ['submitDossier', 'DOSSIER_REVIEW', 'producer'],
      ['reviewDossier', 'EVALUATION', 'officer'],
      ['recordCouncilResult', 'CERTIFIED', 'council_secretary'],
      ['enter:POST_INSPECTION', 'POST_INSPECTION', 'coordinator'],
    ]);
    const [, , , council] = await eventsOf(stack.db, 'EVA-2023-0001');
    expect(council?.payload).toMatchObject({ level: 'district', sheets: expect.any(Array), mandatoryFailed: [] });

    // Every activity and timer of the run says in Temporal UI what it is for.
    const history = await stack.env.client.workflow
      .getHandle(handle.workflowId, handle.firstExecutionRunId)
      .fetchHistory();
    const scheduled = (history.events ?? []).filter(
      (e) => e.activityTaskScheduledEventAttributes || e.timerStartedEventAttributes,
    );
    expect(scheduled.length).toBeGreaterThan(5);
    expect(scheduled.filter((e) => !e.userMetadata?.summary?.data?.length)).toEqual([]);
  });

  it('answers a client’s retry of the certifying Update after the run continued as new, and takes it once', async () => {
    const productId = 'EVR-2023-0001';
    const handle = await atDistrictCouncil(productId);
    const firstRun = (await handle.describe()).runId;
    const result = councilResult('district', partsFor(62));
    const updateId = 'district-council-EVR-2023-0001';
    const certified = await handle.executeUpdate(recordCouncilResult, { args: [result], updateId });
    await stateOnceIn(stack.db, handle, productId, 'POST_INSPECTION');
    expect((await handle.describe()).runId).not.toBe(firstRun);

    // What the client sends when it lost the answer: the same Update id, which now reaches the new run.
    const retried = await handle.executeUpdate(recordCouncilResult, { args: [result], updateId });
    expect(retried).toMatchObject({ stage: 'POST_INSPECTION', stars: 3, certificate: certified.certificate });
    // The same sheets under another id are a second action, and out of stage.
    const again = await handle.executeUpdate(recordCouncilResult, { args: [result] }).catch((e: unknown) => e);
    expect((again as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'WrongStage' });

    const events = await eventsOf(stack.db, productId);
    expect(events.filter((e) => e.action === 'recordCouncilResult')).toHaveLength(1);
    expect(await certificatesOf(productId)).toHaveLength(1);
    await handle.terminate('the test ends before the first post-inspection');
  });

  it('forwards a product scoring 70 or more to the province, which certifies 4 stars', async () => {
    const handle = await atDistrictCouncil('EVB-2023-0001');
    const forwarded = await score(handle, 'district', 75);
    expect(forwarded).toMatchObject({ stage: 'EVALUATION', level: 'province', stars: null, certificate: null });
    expect(forwarded.deadline).toMatchObject({ kind: 'evaluation', level: 'province' });

    const certified = await score(handle, 'province', 78);
    expect(certified).toMatchObject({ stage: 'CERTIFIED', level: 'province', stars: 4 });
    expect(certified.certificate).toMatchObject({ number: '001/2023/OCOP-EVB', stars: 4, level: 'province' });
    expect(certified.scores.map((s) => [s.level, s.total, s.stars])).toEqual([
      ['district', 75, 4],
      ['province', 78, 4],
    ]);
    expect(await certificatesOf('EVB-2023-0001')).toEqual([
      { number: '001/2023/OCOP-EVB', stars: 4, level: 'province', status: 'active' },
    ]);
    const state = await inPostInspection(handle);
    expect(state.history.map((h) => [h.action, h.stageTo, h.level])).toEqual([
      ['register', 'REGISTERED', null],
      ['submitDossier', 'DOSSIER_REVIEW', null],
      ['reviewDossier', 'EVALUATION', 'district'],
      ['recordCouncilResult', 'EVALUATION', 'province'],
      ['recordCouncilResult', 'CERTIFIED', 'province'],
      ['enter:POST_INSPECTION', 'POST_INSPECTION', 'province'],
    ]);
  });

  it('sends a potential 5-star product to the central council, which certifies 5 stars', async () => {
    const handle = await atDistrictCouncil('EVC-2023-0001');
    await score(handle, 'district', 92);
    // The province certifies 4 stars meanwhile (rule setting potentialFiveStarMeanwhile).
    const proposed = await score(handle, 'province', 93);
    expect(proposed).toMatchObject({ stage: 'EVALUATION', level: 'central', stars: 4 });
    expect(proposed.certificate).toMatchObject({ number: '001/2023/OCOP-EVC', stars: 4, level: 'province' });

    const certified = await score(handle, 'central', 94);
    expect(certified).toMatchObject({ stage: 'CERTIFIED', level: 'central', stars: 5 });
    expect(certified.certificate).toMatchObject({ number: '002/2023/OCOP-EVC', stars: 5, level: 'central' });
    expect(await certificatesOf('EVC-2023-0001')).toEqual([
      { number: '001/2023/OCOP-EVC', stars: 4, level: 'province', status: 'superseded' },
      { number: '002/2023/OCOP-EVC', stars: 5, level: 'central', status: 'active' },
    ]);
    await inPostInspection(handle);
    expect(await actions('EVC-2023-0001')).toEqual([
      'register',
      'submitDossier',
      'reviewDossier',
      'recordCouncilResult',
      'recordCouncilResult',
      'recordCouncilResult',
      'enter:POST_INSPECTION',
    ]);
  });

  it('keeps the provincial 4 stars when the central council scores a potential 5-star product lower', async () => {
    const handle = await atDistrictCouncil('EVD-2023-0001');
    await score(handle, 'district', 92);
    await score(handle, 'province', 93);
    const certified = await score(handle, 'central', 85);

    expect(certified).toMatchObject({ stage: 'CERTIFIED', level: 'central', stars: 4 });
    expect(certified.certificate).toMatchObject({ number: '001/2023/OCOP-EVD', stars: 4, level: 'province' });
    expect(certified.scores.map((s) => [s.level, s.total, s.stars])).toEqual([
      ['district', 92, 5],
      ['province', 93, 5],
      ['central', 85, 4],
    ]);
    expect(await certificatesOf('EVD-2023-0001')).toEqual([
      { number: '001/2023/OCOP-EVD', stars: 4, level: 'province', status: 'active' },
    ]);
    await inPostInspection(handle);
  });

  describe('a potential 5-star product the province certified meanwhile keeps its 4 stars', () => {
    /** At the central council, holding the province's 4-star certificate. */
    async function atCentral(productId: string) {
      const handle = await atDistrictCouncil(productId);
      await score(handle, 'district', 92);
      const proposed = await score(handle, 'province', 93);
      expect(proposed).toMatchObject({ stage: 'EVALUATION', level: 'central', stars: 4 });
      // What an operator filters on in Temporal UI, kept current by the transition.
      const { typedSearchAttributes: found } = await handle.describe();
      expect([found.get(OcopStage), found.get(OcopStars), found.get(OcopNextDeadline)?.toISOString()]).toEqual([
        'EVALUATION',
        4,
        proposed.deadline?.dueAt,
      ]);
      return { handle, certificate: proposed.certificate };
    }

    it('when the central council lets its deadline and the grace period pass', async () => {
      const { handle, certificate } = await atCentral('EVK-2023-0001');
      await stack.env.sleep(34 * 86_400_000);
      const state = await inPostInspection(handle);
      expect(state).toMatchObject({ stars: 4, certificate });
      expect(state.history.slice(-2).map((h) => [h.action, h.stageTo])).toEqual([
        ['enter:CERTIFIED', 'CERTIFIED'],
        ['enter:POST_INSPECTION', 'POST_INSPECTION'],
      ]);
      expect(await certificatesOf('EVK-2023-0001')).toEqual([
        { number: certificate?.number, stars: 4, level: 'province', status: 'active' },
      ]);
    });

    it('when the central council finds a mandatory criterion failed', async () => {
      const { handle, certificate } = await atCentral('EVG-2023-0001');
      const kept = await score(handle, 'central', 95, { mandatoryFailed: ['C1-an-toan-thuc-pham'] });
      expect(kept).toMatchObject({ stage: 'CERTIFIED', stars: 4, certificate });
      await inPostInspection(handle);
      expect(await certificatesOf('EVG-2023-0001')).toEqual([
        { number: certificate?.number, stars: 4, level: 'province', status: 'active' },
      ]);
    });

    it('and its subject may not withdraw it', async () => {
      const { handle, certificate } = await atCentral('EVH-2023-0001');
      const refused = await handle
        .executeUpdate(withdraw, { args: [{ actor: producer, reason: 'Không dự thi 5 sao' }] })
        .catch((e: unknown) => e);
      expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({
        type: 'WrongStage',
        message: expect.stringContaining(`withdraw: the product holds certificate ${certificate?.number} (4 stars)`),
      });
      await handle.terminate('the test ends at the central council');
    });
  });

  it('does not rank a product scoring under 50', async () => {
    const handle = await atDistrictCouncil('EVE-2023-0001');
    const closed = await score(handle, 'district', 45);

    expect(closed).toMatchObject({ stage: 'NOT_RANKED', stars: null, certificate: null, deadline: null });
    expect(closed.scores.map((s) => [s.total, s.stars])).toEqual([[45, 2]]);
    const state = await endedResult<ProductState>(stack.env, handle.workflowId);
    expect(state.stage).toBe('NOT_RANKED');
    await expectPersisted(stack.db, state);
    const events = await eventsOf(stack.db, 'EVE-2023-0001');
    expect(events.map((e) => e.action)).toEqual(['register', 'submitDossier', 'reviewDossier', 'close:NOT_RANKED']);
    expect(events.at(-1)).toMatchObject({
      actor_id: 'thu-ky-district',
      actor_role: 'council_secretary',
      stage_from: 'EVALUATION',
      payload: expect.objectContaining({ reason: 'below-minimum', level: 'district' }),
    });
    expect(await certificatesOf('EVE-2023-0001')).toEqual([]);
    const product = await stack.db
      .selectFrom('products')
      .selectAll()
      .where('id', '=', 'EVE-2023-0001')
      .executeTakeFirst();
    expect(Number(product?.score)).toBe(45);
  });

  it('does not rank a product that fails a mandatory criterion, whatever its points', async () => {
    const handle = await atDistrictCouncil('EVF-2023-0001');
    const closed = await score(handle, 'district', 80, { mandatoryFailed: ['C1-an-toan-thuc-pham'] });

    expect(closed).toMatchObject({ stage: 'NOT_RANKED', stars: null, certificate: null });
    expect(closed.scores).toEqual([
      expect.objectContaining({ total: 80, stars: 4, mandatoryFailed: ['C1-an-toan-thuc-pham'] }),
    ]);
    const state = await endedResult<ProductState>(stack.env, handle.workflowId);
    await expectPersisted(stack.db, state);
    const last = (await eventsOf(stack.db, 'EVF-2023-0001')).at(-1);
    expect(last).toMatchObject({
      action: 'close:NOT_RANKED',
      payload: expect.objectContaining({ reason: 'mandatory-criteria', mandatoryFailed: ['C1-an-toan-thuc-pham'] }),
    });
    expect(await certificatesOf('EVF-2023-0001')).toEqual([]);
  });
});
