// Every kind of bad input is refused by the Update validator with a typed
// error whose message names the field and the rule, and leaves no trace: the
// history has as many events after as before. This runs on the dev server:
// the time-skipping test server writes a workflow task even for a rejected
// Update, where the real server drops it.
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Kysely } from 'kysely';
import { OcopClient } from '../../client/ocop-client';
import type { Database } from '../../db/database';
import { productWorkflowId } from '../../domain/ids';
import type { ActionName } from '../../domain/stages';
import { cycleDurationIssues, NewCycleDurations, ProductApplicationInput } from '../../domain/product';
import * as messages from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import {
  connectToDevServer,
  eventsOf,
  eventually,
  historyLength,
  openDb,
  runningWorker,
  stateOnceIn,
} from '../support/env';
import {
  coordinator,
  councilResult,
  DOSSIER,
  districtOfficer,
  hatDe,
  inDays,
  inspector,
  otherProducer,
  partsFor,
  producer,
  provinceOfficer,
  recognitionDecision,
  secretary,
} from '../support/fixtures';

const TASK_QUEUE = 'refusals';
const REGISTERED = 'RF-2023-0001';
const REVIEWING = 'RF-2023-0005';
const EVALUATING = 'RF-2023-0002';
const OVERDUE = 'RF-2023-0003';
const CERTIFIED = 'RF-2023-0004';
const AWAITING = 'RF-2023-0006';
const now = () => new Date().toISOString();

interface BadInput {
  product: string;
  update: ActionName;
  payload: unknown;
  type: 'ValidationError' | 'WrongStage' | 'Forbidden' | 'DeadlinePassed';
  message: RegExp;
}

/** Held in a variable, so that its fourth part passes the fixture's three-part type: the validator refuses it. */
const PARTS_WITH_D = { A: 30, B: 20, C: 20, D: 5 };

const BAD_INPUTS: Record<string, BadInput> = {
  'a dossier without documents': {
    product: REGISTERED,
    update: 'submitDossier',
    payload: { actor: producer, documents: [] },
    type: 'ValidationError',
    message: /^submitDossier: documents: must list at least one document$/,
  },
  'an actor whose role does not exist': {
    product: REGISTERED,
    update: 'submitDossier',
    payload: { actor: { id: 'x', role: 'mayor' }, documents: DOSSIER },
    type: 'ValidationError',
    message: /^submitDossier: actor\.role: /,
  },
  'a date that is no ISO instant': {
    product: REGISTERED,
    update: 'extendDeadline',
    payload: { actor: coordinator, until: '30/06/2023', reason: 'Lũ' },
    type: 'ValidationError',
    message: /^extendDeadline: until: /,
  },
  'a supplement before any was asked for': {
    product: REGISTERED,
    update: 'submitSupplement',
    payload: { actor: producer, documents: DOSSIER },
    type: 'WrongStage',
    message: /^stage: submitSupplement is not allowed in stage REGISTERED; it is allowed in AWAITING_SUPPLEMENT$/,
  },
  'an inspection before certification': {
    product: EVALUATING,
    update: 'recordInspection',
    payload: { actor: inspector, inspectedAt: now(), result: { outcome: 'pass' } },
    type: 'WrongStage',
    message: /^stage: recordInspection is not allowed in stage EVALUATION/,
  },
  'a council result for a level the product is not at': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: { ...councilResult('province', partsFor(80)), actor: coordinator },
    type: 'WrongStage',
    message: /^recordCouncilResult: level: the product is at level district, not province$/,
  },
  'a review before the dossier came in': {
    product: REGISTERED,
    update: 'reviewDossier',
    payload: { actor: districtOfficer, decision: { outcome: 'accept' } },
    type: 'WrongStage',
    message: /^stage: reviewDossier is not allowed in stage REGISTERED; it is allowed in DOSSIER_REVIEW$/,
  },
  'a producer reviewing its own dossier': {
    product: REVIEWING,
    update: 'reviewDossier',
    payload: { actor: producer, decision: { outcome: 'accept' } },
    type: 'Forbidden',
    message: /^actor\.role: producer may not reviewDossier; allowed roles are officer, coordinator$/,
  },
  "a provincial officer reviewing the district's dossier": {
    product: REVIEWING,
    update: 'reviewDossier',
    payload: { actor: provinceOfficer, decision: { outcome: 'accept' } },
    type: 'Forbidden',
    message: /^actor\.level: reviewDossier in this stage needs a district officer, not one of level province$/,
  },
  'a supplement request without its due date': {
    product: REVIEWING,
    update: 'reviewDossier',
    payload: { actor: districtOfficer, decision: { outcome: 'request-supplement', missing: ['Nhãn'] } },
    type: 'ValidationError',
    message: /^reviewDossier: decision\.dueAt: /,
  },
  'a supplement due in the past': {
    product: REVIEWING,
    update: 'reviewDossier',
    payload: {
      actor: districtOfficer,
      decision: { outcome: 'request-supplement', missing: ['Nhãn'], dueAt: inDays(-1) },
    },
    type: 'ValidationError',
    message: /^reviewDossier: decision\.dueAt: must be after now/,
  },
  'a producer recording a council result': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: { ...councilResult('district', partsFor(80)), actor: producer },
    type: 'Forbidden',
    message: /^actor\.role: producer may not recordCouncilResult; allowed roles are council_secretary, coordinator$/,
  },
  "another subject acting on this subject's product": {
    product: REGISTERED,
    update: 'submitDossier',
    payload: { actor: otherProducer, documents: DOSSIER },
    type: 'Forbidden',
    message: /^actor\.id: producer hkd-ha-quang does not own this product$/,
  },
  "a provincial council's secretary at the district council": {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: { ...councilResult('district', partsFor(80)), actor: secretary('province') },
    type: 'Forbidden',
    message:
      /^actor\.level: recordCouncilResult in this stage needs a district council_secretary, not one of level province$/,
  },
  'an officer extending a deadline': {
    product: REGISTERED,
    update: 'extendDeadline',
    payload: { actor: provinceOfficer, until: inDays(60), reason: 'Lũ' },
    type: 'Forbidden',
    message: /^actor\.role: officer may not extendDeadline; allowed roles are coordinator$/,
  },
  'a dossier after its deadline passed': {
    product: OVERDUE,
    update: 'submitDossier',
    payload: { actor: producer, documents: DOSSIER },
    type: 'DeadlinePassed',
    message: /^deadline: the dossier deadline \S+ has passed; only a coordinator's extendDeadline can reopen it$/,
  },
  'an extension to a date already past': {
    product: OVERDUE,
    update: 'extendDeadline',
    payload: { actor: coordinator, until: inDays(-1), reason: 'Lũ' },
    type: 'ValidationError',
    message: /^extendDeadline: until: must be after now/,
  },
  'a score above the part maximum': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: councilResult('district', { A: 41, B: 20, C: 20 }),
    type: 'ValidationError',
    message: /^recordCouncilResult: sheets\[0\]\.parts\.A: must be at most 40 \(part A under OCOP_148_2023\)/,
  },
  'a negative score': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: councilResult('district', { A: 30, B: -1, C: 20 }),
    type: 'ValidationError',
    message: /sheets\[0\]\.parts\.B: must not be negative \(part B under OCOP_148_2023\)/,
  },
  'a score part the rule set does not have': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: councilResult('district', PARTS_WITH_D),
    type: 'ValidationError',
    message: /sheets\[0\]\.parts\.D: is not a score part under OCOP_148_2023 \(expected A, B, C\)/,
  },
  'bonus points, which the decisions do not give': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: councilResult('district', partsFor(60), { bonus: 2 }),
    type: 'ValidationError',
    message:
      /^recordCouncilResult: bonus: must be 0: OCOP_148_2023 gives no bonus points \(rule-set setting bonusCap\)$/,
  },
  'a council short of its quorum': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: councilResult('district', partsFor(60), { councilSize: 9 }),
    type: 'ValidationError',
    message:
      /^recordCouncilResult: sheets: 3 of 9 members scored; the quorum under OCOP_148_2023 is 7 \(three quarters, chair included\)$/,
  },
  'a council result that does not say how many members the council has': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: { ...councilResult('district', partsFor(60)), councilSize: undefined },
    type: 'ValidationError',
    message: /^recordCouncilResult: councilSize: is required/,
  },
  "a council result without the chair's sheet": {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: councilResult('district', partsFor(60), {
      sheets: ['tv-1', 'tv-2', 'tv-3'].map((memberId) => ({ memberId, parts: partsFor(60) })),
    }),
    type: 'ValidationError',
    message: /^recordCouncilResult: sheets: no sheet is marked chair/,
  },
  'a second round that no first round called for': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: councilResult('district', partsFor(60), { round: 2 }),
    type: 'ValidationError',
    message: /^recordCouncilResult: round: must be 1: a second round follows only a first round spread too far$/,
  },
  'a council meeting before the product was registered': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: councilResult('district', partsFor(60), { meetingDate: '2019-01-01T02:00:00.000Z' }),
    type: 'ValidationError',
    message: /^recordCouncilResult: meetingDate: must not be before the product was registered on \d\d\/\d\d\/\d{4}$/,
  },
  'a recognition decision with no rating to decide': {
    product: EVALUATING,
    update: 'recordRecognitionDecision',
    payload: recognitionDecision(Date.now() - 60_000),
    type: 'WrongStage',
    message: /^stage: recordRecognitionDecision is not allowed in stage EVALUATION; it is allowed in AWAITING_DECISION/,
  },
  'a recognition decision dated in the future': {
    product: AWAITING,
    update: 'recordRecognitionDecision',
    payload: recognitionDecision(Date.now() + 2 * 86_400_000),
    type: 'ValidationError',
    message: /^recordRecognitionDecision: decision\.decidedOn: must not be in the future$/,
  },
  "a recognition decision dated before the council's meeting": {
    product: AWAITING,
    update: 'recordRecognitionDecision',
    payload: recognitionDecision(Date.now() - 30 * 86_400_000),
    type: 'ValidationError',
    message:
      /^recordRecognitionDecision: decision\.decidedOn: must not be before the council's meeting on \d\d\/\d\d\/\d{4}$/,
  },
  "a province's 3-star decision carrying a ministry's number": {
    product: AWAITING,
    update: 'recordRecognitionDecision',
    payload: recognitionDecision(Date.now() - 60_000, { certificateNumber: '12/2026/OCOP-BNNMT' }),
    type: 'ValidationError',
    message:
      /^recordRecognitionDecision: certificateNumber: only a 5-star certificate carries the ministry's number; the province numbers its 3-star ones$/,
  },
  'a recognition decision by a council secretary': {
    product: AWAITING,
    update: 'recordRecognitionDecision',
    payload: { ...recognitionDecision(Date.now() - 60_000), actor: secretary('district') },
    type: 'Forbidden',
    message: /^actor\.role: council_secretary may not recordRecognitionDecision; allowed roles are coordinator$/,
  },
  'a council meeting in the future': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: councilResult('district', partsFor(60), { meetingDate: inDays(2) }),
    type: 'ValidationError',
    message: /^recordCouncilResult: meetingDate: must not be in the future$/,
  },
  "an inspector's downgrade": {
    product: CERTIFIED,
    update: 'recordInspection',
    payload: { actor: inspector, inspectedAt: now(), result: { outcome: 'downgrade', toStars: 3, grounds: 'Nhãn' } },
    type: 'ValidationError',
    message: /^recordInspection: result\.outcome: inspectors do not change a rating or revoke on their own authority/,
  },
  'a corrective action due after the certificate expires': {
    product: CERTIFIED,
    update: 'recordInspection',
    payload: {
      actor: inspector,
      inspectedAt: now(),
      result: { outcome: 'corrective-action', findings: 'Nhãn', dueAt: inDays(2) },
    },
    type: 'ValidationError',
    message: /^recordInspection: result\.dueAt: must not be after the certificate expires/,
  },
  "an extension of a certificate's expiry": {
    product: CERTIFIED,
    update: 'extendDeadline',
    payload: { actor: coordinator, until: inDays(1), reason: 'Chưa kịp đánh giá lại' },
    type: 'ValidationError',
    message: /^extendDeadline: deadline: a certificate-expiry date is not extended/,
  },
};

describe('refused actions', () => {
  let env: TestWorkflowEnvironment;
  let db: Kysely<Database>;
  let worker: Awaited<ReturnType<typeof runningWorker>>;
  let client: OcopClient;

  const handleOf = (productId: string) =>
    env.client.workflow.getHandle<typeof productApplication>(productWorkflowId(productId));

  async function start(productId: string, overrides: Partial<ProductApplicationInput> = {}) {
    // A rerun on the same dev server finds the application already there.
    await env.client.workflow
      .start(productApplication, {
        workflowId: productWorkflowId(productId),
        taskQueue: TASK_QUEUE,
        args: [{ input: hatDe(productId, overrides) }],
      })
      .catch(() => undefined);
    return handleOf(productId);
  }

  /** Waits until the history stops growing for half a second, so that a count before and after means something. */
  async function quiet(handle: WorkflowHandle): Promise<void> {
    const lengths: number[] = [];
    await eventually(
      async () => {
        lengths.push(await historyLength(handle));
        return lengths.slice(-5);
      },
      (last) => last.length === 5 && last.every((n) => n === last[0]),
    );
  }

  beforeAll(async () => {
    env = await connectToDevServer();
    db = openDb();
    worker = await runningWorker(env, TASK_QUEUE, db);
    client = new OcopClient(env.client, TASK_QUEUE);

    await start(REGISTERED);
    const reviewing = await start(REVIEWING);
    await reviewing.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });

    const evaluating = await start(EVALUATING);
    await evaluating.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    await evaluating.executeUpdate(messages.reviewDossier, {
      args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
    });

    // Its dossier falls due in two seconds; the grace period outlasts the tests.
    const overdue = await start(OVERDUE, {
      deadlines: { dossier: new Date(Date.now() + 2000).toISOString(), evaluation: {} },
      durations: { lapseGrace: 'PT10M', reminderOffsets: [] },
    });

    // A certificate of one hour with no round due before it: only its expiry is awaited.
    const certified = await start(CERTIFIED, {
      durations: { certificateValidity: 'PT1H', postInspectionInterval: 'PT2H', expiryNoticeLead: 'PT5M' },
    });
    await certified.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    await certified.executeUpdate(messages.reviewDossier, {
      args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
    });
    await certified.executeUpdate(messages.recordCouncilResult, { args: [councilResult('district', partsFor(62))] });
    await certified.executeUpdate(messages.recordRecognitionDecision, { args: [recognitionDecision(Date.now())] });
    const state = await stateOnceIn(db, certified, CERTIFIED, 'POST_INSPECTION');
    expect(state.deadline?.kind).toBe('certificate-expiry');

    // Rated 3 stars by the district council, waiting for the province's decision.
    const awaiting = await start(AWAITING);
    await awaiting.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    await awaiting.executeUpdate(messages.reviewDossier, {
      args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
    });
    await awaiting.executeUpdate(messages.recordCouncilResult, { args: [councilResult('district', partsFor(62))] });

    await eventually(
      () =>
        db
          .selectFrom('notifications')
          .select('id')
          .where('idempotency_key', 'like', `${productWorkflowId(OVERDUE)}/%/escalation`)
          .executeTakeFirst(),
      (row) => row !== undefined,
    );
    await Promise.all([handleOf(REGISTERED), reviewing, evaluating, overdue, certified, awaiting].map(quiet));
  });

  afterAll(async () => {
    for (const id of [REGISTERED, REVIEWING, EVALUATING, OVERDUE, CERTIFIED, AWAITING]) {
      await handleOf(id)
        .terminate('the refusal tests are over')
        .catch(() => undefined);
    }
    await worker?.stop();
    await env?.teardown();
    await db?.destroy();
  });

  it.each(Object.entries(BAD_INPUTS))('refuses %s', async (_, bad) => {
    const handle = handleOf(bad.product);
    const before = await historyLength(handle);
    const eventsBefore = (await eventsOf(db, bad.product)).length;

    const error = await handle
      // By the Update's name: a client is free to send any payload, and the validator is what refuses it.
      .executeUpdate(messages.ACTION_UPDATES[bad.update].name, { args: [bad.payload] })
      .then(
        () => undefined,
        (e: unknown) => e,
      );

    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect({ type: (cause as ApplicationFailure).type, message: (cause as ApplicationFailure).message }).toEqual({
      type: bad.type,
      message: expect.stringMatching(bad.message),
    });
    expect(await historyLength(handle)).toBe(before);
    expect(await eventsOf(db, bad.product)).toHaveLength(eventsBefore);
  });

  it('gives the client library the same kind and message', async () => {
    const before = await historyLength(handleOf(OVERDUE));
    await expect(client.act(OVERDUE, 'submitDossier', { actor: producer, documents: DOSSIER })).rejects.toMatchObject({
      name: 'OcopError',
      kind: 'DeadlinePassed',
      message: expect.stringMatching(/^deadline: the dossier deadline \S+ has passed/),
    });
    await expect(client.act(EVALUATING, 'withdraw', { actor: otherProducer, reason: 'Nhầm' })).rejects.toMatchObject({
      kind: 'Forbidden',
      message: 'actor.id: producer hkd-ha-quang does not own this product',
    });
    expect(await historyLength(handleOf(OVERDUE))).toBe(before);
  });

  it.each([
    [
      { postInspectionInterval: 'P0D' },
      'durations.postInspectionInterval: must be longer than zero (P0D would never fall due)',
    ],
    [
      { certificateValidity: 'PT0S' },
      'durations.certificateValidity: must be longer than zero (PT0S would never fall due)',
    ],
  ])('refuses to start an application whose period is zero: %o', async (durations, message) => {
    await expect(client.startProductApplication(hatDe('RF-2023-0099', { durations }))).rejects.toMatchObject({
      name: 'OcopError',
      kind: 'ValidationError',
      message: expect.stringContaining(message),
    });
    await expect(handleOf('RF-2023-0099').describe()).rejects.toThrow();
  });

  it('holds a new cycle’s expiry notice to the policy’s floor of 30 days, unless it is a rehearsal', () => {
    expect(cycleDurationIssues({ expiryNoticeLead: 'P29D' }, { compressed: false })).toEqual([
      {
        path: 'expiryNoticeLead',
        message:
          "must be at least P30D, the notification policy's floor, in the shortest month (only a rehearsal may compress it)",
      },
    ]);
    expect(cycleDurationIssues({ expiryNoticeLead: 'P30D' }, { compressed: false })).toEqual([]);
    expect(cycleDurationIssues({ expiryNoticeLead: 'PT1M' }, { compressed: true })).toEqual([]);
    // A month may be 28 days; six weeks are always enough, and a certificate of 36 months is longer than zero.
    expect(NewCycleDurations.safeParse({ expiryNoticeLead: 'P1M' }).success).toBe(false);
    expect(NewCycleDurations.safeParse({ expiryNoticeLead: 'P6W', certificateValidity: 'P36M' }).success).toBe(true);
    // What applications already running were started with still parses: replay parses their input again.
    expect(
      ProductApplicationInput.safeParse(hatDe('RF-2023-0098', { durations: { expiryNoticeLead: 'PT5M' } })).success,
    ).toBe(true);
  });

  it('tells the client library a product it does not know', async () => {
    await expect(
      client.act('RF-2023-0999', 'submitDossier', { actor: producer, documents: DOSSIER }),
    ).rejects.toMatchObject({ name: 'OcopError', kind: 'NotFound', message: 'product RF-2023-0999 not found' });
  });
});
