// Councils up the chain of Decision 148: district, province, central. Each
// outcome a level can reach, with the certificates and the audit trail it leaves.
import type {
  WorkflowHandle,
  WorkflowHandleWithFirstExecutionRunId,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { addDuration } from '../../domain/duration';
import { productWorkflowId } from '../../domain/ids';
import type { LevelId } from '../../domain/schemas';
import {
  recordCouncilResult,
  recordRecognitionDecision,
  reviewDossier,
  submitDossier,
  withdraw,
} from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import { OcopNextDeadline, OcopStage, OcopStars } from '../../workflows/search-attributes';
import { eventsOf, expectPersisted, useTimeSkipping, stateOnceIn } from '../support/env';
import { endedState, stateOf } from '../support/product-state';
import {
  councilResult,
  DOSSIER,
  districtOfficer,
  hatDe,
  partsFor,
  producer,
  recognitionDecision,
} from '../support/fixtures';

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

  async function score(
    handle: WorkflowHandle,
    level: LevelId,
    total: number,
    options: Parameters<typeof councilResult>[2] = {},
  ) {
    // The council met today in workflow time, which runs ahead of the clock once a test skips time.
    const meetingDate = new Date(await stack.env.currentTimeMs()).toISOString();
    return handle.executeUpdate(recordCouncilResult, {
      args: [councilResult(level, partsFor(total), { meetingDate, ...options })],
    });
  }

  /** The authority's recognition decision, dated now (workflow time) unless told otherwise. */
  async function decide(handle: WorkflowHandle, options: Parameters<typeof recognitionDecision>[1] = {}) {
    const at = await stack.env.currentTimeMs();
    return handle.executeUpdate(recordRecognitionDecision, { args: [recognitionDecision(at, options)] });
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

  it('rates a 3-star product at the district, certified by the decision, valid 36 months from it', async () => {
    const handle = await atDistrictCouncil('EVA-2023-0001');
    const rated = await score(handle, 'district', 62);
    expect(rated).toMatchObject({
      stage: 'AWAITING_DECISION',
      level: 'district',
      stars: null,
      certificate: null,
      deadline: null,
      pendingRecognition: { stars: 3, level: 'district' },
    });
    expect(await certificatesOf('EVA-2023-0001')).toEqual([]);

    // The decision comes three weeks after the council, dated a week before it is recorded.
    await stack.env.sleep(21 * 86_400_000);
    const decidedOn = new Date((await stack.env.currentTimeMs()) - 7 * 86_400_000).toISOString();
    const certified = await handle.executeUpdate(recordRecognitionDecision, {
      args: [{ ...recognitionDecision(0), decision: { number: '456/QĐ-UBND', decidedOn, authority: 'UBND tỉnh' } }],
    });
    expect(certified).toMatchObject({ stage: 'CERTIFIED', level: 'district', stars: 3, pendingRecognition: null });
    const certificate = certified.certificate;
    expect(certificate).toMatchObject({
      number: '001/2023/OCOP-EVA',
      stars: 3,
      level: 'district',
      decidedOn,
      decision: { number: '456/QĐ-UBND', decidedOn, authority: 'UBND tỉnh' },
    });
    // 36 months from the decision, not from the council's meeting.
    expect(certificate?.validUntil).toBe(addDuration(new Date(decidedOn), 'P36M').toISOString());
    expect((await stateOf(handle)).scores).toEqual([
      expect.objectContaining({ level: 'district', total: 62, mean: 62, stars: 3, members: 3, mandatoryFailed: [] }),
    ]);
    expect(await certificatesOf('EVA-2023-0001')).toEqual([
      { number: '001/2023/OCOP-EVA', stars: 3, level: 'district', status: 'active' },
    ]);
    const row = await stack.db
      .selectFrom('certificates')
      .select(['decision_number', 'decision_date', 'decision_authority', 'decided_on', 'valid_until'])
      .where('product_id', '=', 'EVA-2023-0001')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      decision_number: '456/QĐ-UBND',
      decision_date: new Date(decidedOn),
      decision_authority: 'UBND tỉnh',
      decided_on: new Date(decidedOn),
      valid_until: addDuration(new Date(decidedOn), 'P36M'),
    });

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
      ['recordCouncilResult', 'AWAITING_DECISION', 'council_secretary'],
      ['recordRecognitionDecision', 'CERTIFIED', 'coordinator'],
      ['enter:POST_INSPECTION', 'POST_INSPECTION', 'coordinator'],
    ]);
    const [, , , council] = await eventsOf(stack.db, 'EVA-2023-0001');
    expect(council?.payload).toMatchObject({ level: 'district', sheets: expect.any(Array), mandatoryFailed: [] });

    // Every activity (local ones are markers) and timer of the run says in Temporal UI what it is for.
    const history = await stack.env.client.workflow
      .getHandle(handle.workflowId, handle.firstExecutionRunId)
      .fetchHistory();
    const scheduled = (history.events ?? []).filter(
      (e) =>
        e.activityTaskScheduledEventAttributes ||
        e.timerStartedEventAttributes ||
        e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
    );
    expect(scheduled.length).toBeGreaterThan(5);
    expect(scheduled.filter((e) => !e.userMetadata?.summary?.data?.length)).toEqual([]);
  });

  it('answers a client’s retry of the certifying Update after the run continued as new, and takes it once', async () => {
    const productId = 'EVR-2023-0001';
    const handle = await atDistrictCouncil(productId);
    const firstRun = (await handle.describe()).runId;
    await score(handle, 'district', 62);
    const decision = recognitionDecision(await stack.env.currentTimeMs());
    const updateId = 'decision-EVR-2023-0001';
    const certified = await handle.executeUpdate(recordRecognitionDecision, { args: [decision], updateId });
    await stateOnceIn(stack.db, handle, productId, 'POST_INSPECTION');
    expect((await handle.describe()).runId).not.toBe(firstRun);

    // What the client sends when it lost the answer: the same Update id, which now reaches the new run.
    const retried = await handle.executeUpdate(recordRecognitionDecision, { args: [decision], updateId });
    expect(retried).toMatchObject({ stage: 'POST_INSPECTION', stars: 3, certificate: certified.certificate });
    // The same decision under another id is a second action, and out of stage.
    const again = await handle.executeUpdate(recordRecognitionDecision, { args: [decision] }).catch((e: unknown) => e);
    expect((again as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'WrongStage' });

    const events = await eventsOf(stack.db, productId);
    expect(events.filter((e) => e.action === 'recordRecognitionDecision')).toHaveLength(1);
    expect(await certificatesOf(productId)).toHaveLength(1);
    await handle.terminate('the test ends before the first post-inspection');
  });

  it('forwards a product scoring 70 or more to the province, which certifies 4 stars', async () => {
    const handle = await atDistrictCouncil('EVB-2023-0001');
    const forwarded = await score(handle, 'district', 75);
    expect(forwarded).toMatchObject({ stage: 'EVALUATION', level: 'province', stars: null, certificate: null });
    expect(forwarded.deadline).toMatchObject({ kind: 'evaluation', level: 'province' });

    expect(await score(handle, 'province', 78)).toMatchObject({
      stage: 'AWAITING_DECISION',
      pendingRecognition: { stars: 4, level: 'province' },
    });
    const certified = await decide(handle);
    expect(certified).toMatchObject({ stage: 'CERTIFIED', level: 'province', stars: 4 });
    expect(certified.certificate).toMatchObject({ number: '001/2023/OCOP-EVB', stars: 4, level: 'province' });
    expect((await stateOf(handle)).scores.map((s) => [s.level, s.total, s.stars])).toEqual([
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
      ['recordCouncilResult', 'AWAITING_DECISION', 'province'],
      ['recordRecognitionDecision', 'CERTIFIED', 'province'],
      ['enter:POST_INSPECTION', 'POST_INSPECTION', 'province'],
    ]);
  });

  it('sends a potential 5-star product to the central council, which certifies 5 stars', async () => {
    const handle = await atDistrictCouncil('EVC-2023-0001');
    await score(handle, 'district', 92);
    // The province rates it 4 stars meanwhile (rule setting potentialFiveStarMeanwhile) and decides on them.
    const proposed = await score(handle, 'province', 93);
    expect(proposed).toMatchObject({
      stage: 'EVALUATION',
      level: 'central',
      stars: null,
      certificate: null,
      pendingRecognition: { stars: 4, level: 'province' },
    });
    const meanwhile = await decide(handle);
    expect(meanwhile).toMatchObject({ stage: 'EVALUATION', level: 'central', stars: 4, pendingRecognition: null });
    expect(meanwhile.certificate).toMatchObject({ number: '001/2023/OCOP-EVC', stars: 4, level: 'province' });
    expect(meanwhile.deadline).toEqual(proposed.deadline);

    const rated = await score(handle, 'central', 94);
    expect(rated).toMatchObject({ stage: 'AWAITING_DECISION', pendingRecognition: { stars: 5, level: 'central' } });
    // The ministry numbers 5-star certificates: a decision without its number is refused.
    const unnumbered = await decide(handle, { authority: 'Bộ Nông nghiệp và Môi trường' }).catch((e: unknown) => e);
    expect((unnumbered as WorkflowUpdateFailedError).cause).toMatchObject({
      type: 'ValidationError',
      message:
        'recordRecognitionDecision: certificateNumber: required for a 5-star certificate, which the ministry numbers',
    });
    const certified = await decide(handle, {
      number: '4120/QĐ-BNNMT',
      authority: 'Bộ Nông nghiệp và Môi trường',
      certificateNumber: '15/2023/OCOP-5S',
    });
    expect(certified).toMatchObject({ stage: 'CERTIFIED', level: 'central', stars: 5 });
    expect(certified.certificate).toMatchObject({ number: '15/2023/OCOP-5S', stars: 5, level: 'central' });
    expect(await certificatesOf('EVC-2023-0001')).toEqual([
      { number: '15/2023/OCOP-5S', stars: 5, level: 'central', status: 'active' },
      { number: '001/2023/OCOP-EVC', stars: 4, level: 'province', status: 'superseded' },
    ]);
    await inPostInspection(handle);
    expect(await actions('EVC-2023-0001')).toEqual([
      'register',
      'submitDossier',
      'reviewDossier',
      'recordCouncilResult',
      'recordCouncilResult',
      'recordRecognitionDecision',
      'recordCouncilResult',
      'recordRecognitionDecision',
      'enter:POST_INSPECTION',
    ]);
  });

  it('keeps the provincial 4 stars when the central council scores a potential 5-star product lower', async () => {
    const handle = await atDistrictCouncil('EVD-2023-0001');
    await score(handle, 'district', 92);
    await score(handle, 'province', 93);
    await decide(handle);
    const certified = await score(handle, 'central', 85);

    expect(certified).toMatchObject({ stage: 'CERTIFIED', level: 'central', stars: 4 });
    expect(certified.certificate).toMatchObject({ number: '001/2023/OCOP-EVD', stars: 4, level: 'province' });
    expect((await stateOf(handle)).scores.map((s) => [s.level, s.total, s.stars])).toEqual([
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
      await score(handle, 'province', 93);
      const proposed = await decide(handle);
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
    expect((await stateOf(handle)).scores.map((s) => [s.total, s.stars])).toEqual([[45, 2]]);
    const state = await endedState(stack.env, handle.workflowId);
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
    expect((await stateOf(handle)).scores).toEqual([
      expect.objectContaining({ total: 80, stars: 4, mandatoryFailed: ['C1-an-toan-thuc-pham'] }),
    ]);
    const state = await endedState(stack.env, handle.workflowId);
    await expectPersisted(stack.db, state);
    const last = (await eventsOf(stack.db, 'EVF-2023-0001')).at(-1);
    expect(last).toMatchObject({
      action: 'close:NOT_RANKED',
      payload: expect.objectContaining({ reason: 'mandatory-criteria', mandatoryFailed: ['C1-an-toan-thuc-pham'] }),
    });
    expect(await certificatesOf('EVF-2023-0001')).toEqual([]);
  });

  it('rates a product whose mandatory criterion for 4 stars failed at the 3 stars its other criteria allow', async () => {
    const handle = await atDistrictCouncil('EVM-2023-0001');
    const capped = await score(handle, 'district', 80, {
      mandatoryFailed: [{ criterion: 'B-kenh-phan-phoi-toan-quoc', forStars: 4 }],
    });
    // 80 points would forward it to the province for 4 stars; the failed 4-star criterion keeps it at 3.
    expect(capped).toMatchObject({
      stage: 'AWAITING_DECISION',
      level: 'district',
      pendingRecognition: { stars: 3, level: 'district' },
    });
    expect((await stateOf(handle)).scores).toEqual([expect.objectContaining({ total: 80, stars: 4 })]);
    await handle.terminate('the test ends at the decision');
  });

  it('compares the exact mean with the bands: 69.995 is 3 stars though shown as 70, 70 goes on to the province', async () => {
    const twoMembers = (totals: number[]) => ({
      councilSize: 2,
      sheets: totals.map((total, index) => ({
        memberId: `tv-${index + 1}`,
        parts: partsFor(total),
        ...(index ? {} : { chair: true }),
      })),
    });
    const below = await atDistrictCouncil('EVX-2023-0001');
    const rated = await score(below, 'district', 0, twoMembers([70, 69.99]));
    expect(rated).toMatchObject({ stage: 'AWAITING_DECISION', pendingRecognition: { stars: 3, level: 'district' } });
    expect((await stateOf(below)).scores).toEqual([expect.objectContaining({ mean: 69.995, total: 70, stars: 3 })]);
    await below.terminate('the test ends at the decision');

    const at = await atDistrictCouncil('EVX-2023-0002');
    const forwarded = await score(at, 'district', 0, twoMembers([70, 70]));
    expect(forwarded).toMatchObject({ stage: 'EVALUATION', level: 'province' });
    expect((await stateOf(at)).scores).toEqual([expect.objectContaining({ mean: 70, total: 70, stars: 4 })]);
    await at.terminate('the test ends at the province');
  });

  it('scores again in a second round when the first round’s sheets spread too far, and the second stands', async () => {
    const handle = await atDistrictCouncil('EVS-2023-0001');
    const sheets = (totals: number[]) =>
      totals.map((total, index) => ({
        memberId: `tv-${index + 1}`,
        parts: partsFor(total),
        ...(index ? {} : { chair: true }),
      }));
    const first = await score(handle, 'district', 0, { sheets: sheets([60, 64, 75]) });
    expect(first).toMatchObject({ stage: 'EVALUATION', level: 'district', pendingRecognition: null });
    expect((await stateOf(handle)).scores).toEqual([
      expect.objectContaining({ round: 1, secondRound: true, mean: 199 / 3, total: 66.33 }),
    ]);
    const [, , , firstRound] = await eventsOf(stack.db, 'EVS-2023-0001');
    expect(firstRound).toMatchObject({
      action: 'recordCouncilResult',
      stage_from: 'EVALUATION',
      stage_to: 'EVALUATION',
      payload: expect.objectContaining({ outcome: 'second-round', spread: 15, maxSpread: 10 }),
    });

    const notSecond = await score(handle, 'district', 62).catch((e: unknown) => e);
    expect((notSecond as WorkflowUpdateFailedError).cause).toMatchObject({
      type: 'ValidationError',
      message: expect.stringContaining("round: must be 2: the first round's sheets spread too far"),
    });
    // The second round's mean stands whatever its spread.
    const second = await score(handle, 'district', 0, { round: 2, sheets: sheets([55, 62, 70]) });
    expect(second).toMatchObject({ stage: 'AWAITING_DECISION', pendingRecognition: { stars: 3, level: 'district' } });
    expect((await stateOf(handle)).scores.map((s) => [s.round, s.total, s.secondRound])).toEqual([
      [1, 66.33, true],
      [2, 62.33, false],
    ]);
    const rounds = await stack.db
      .selectFrom('score_sheets')
      .select(['round'])
      .where('product_id', '=', 'EVS-2023-0001')
      .orderBy('round')
      .execute();
    expect(rounds.map((r) => r.round)).toEqual([1, 1, 1, 2, 2, 2]);
    await handle.terminate('the test ends at the decision');
  });

  it('sends a potential 5-star product whose 4 stars are still undecided to their decision when the central council lets its deadline pass', async () => {
    const handle = await atDistrictCouncil('EVU-2023-0001');
    await score(handle, 'district', 92);
    await score(handle, 'province', 93);
    await stack.env.sleep(34 * 86_400_000);
    const waiting = await handle.query('state');
    expect(waiting).toMatchObject({
      stage: 'AWAITING_DECISION',
      certificate: null,
      pendingRecognition: { stars: 4, level: 'province' },
    });
    const certified = await decide(handle);
    expect(certified).toMatchObject({ stage: 'CERTIFIED', stars: 4, certificate: { level: 'province', stars: 4 } });
    await inPostInspection(handle);
  });
});
