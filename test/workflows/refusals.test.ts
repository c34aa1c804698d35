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
import type { ProductApplicationInput } from '../../domain/product';
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
  secretary,
} from '../support/fixtures';

const TASK_QUEUE = 'refusals';
const REGISTERED = 'RF-2023-0001';
const REVIEWING = 'RF-2023-0005';
const EVALUATING = 'RF-2023-0002';
const OVERDUE = 'RF-2023-0003';
const CERTIFIED = 'RF-2023-0004';
const now = () => new Date().toISOString();

type UpdateName = Exclude<keyof typeof messages, 'stateQuery' | 'supersededSignal' | 'calendarChangedSignal'>;

interface BadInput {
  product: string;
  update: UpdateName;
  payload: unknown;
  type: 'ValidationError' | 'WrongStage' | 'Forbidden' | 'DeadlinePassed';
  message: RegExp;
}

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
    payload: councilResult('district', { A: 30, B: 20, C: 20, D: 5 } as never),
    type: 'ValidationError',
    message: /sheets\[0\]\.parts\.D: is not a score part under OCOP_148_2023 \(expected A, B, C\)/,
  },
  'bonus points above the cap': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: councilResult('district', partsFor(60), { bonus: 6 }),
    type: 'ValidationError',
    message: /^recordCouncilResult: bonus: must be between 0 and 5$/,
  },
  'a council meeting in the future': {
    product: EVALUATING,
    update: 'recordCouncilResult',
    payload: councilResult('district', partsFor(60), { meetingDate: inDays(2) }),
    type: 'ValidationError',
    message: /^recordCouncilResult: meetingDate: must not be in the future$/,
  },
  'a downgrade that is no downgrade': {
    product: CERTIFIED,
    update: 'recordInspection',
    payload: { actor: inspector, inspectedAt: now(), result: { outcome: 'downgrade', toStars: 3, grounds: 'Nhãn' } },
    type: 'ValidationError',
    message: /^recordInspection: result\.toStars: must be below the current 3 stars$/,
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
    const state = await stateOnceIn(db, certified, CERTIFIED, 'POST_INSPECTION');
    expect(state.deadline?.kind).toBe('certificate-expiry');

    await eventually(
      () =>
        db
          .selectFrom('notifications')
          .select('id')
          .where('idempotency_key', 'like', `${productWorkflowId(OVERDUE)}/%/escalation`)
          .executeTakeFirst(),
      (row) => row !== undefined,
    );
    await Promise.all([handleOf(REGISTERED), reviewing, evaluating, overdue, certified].map(quiet));
  });

  afterAll(async () => {
    for (const id of [REGISTERED, REVIEWING, EVALUATING, OVERDUE, CERTIFIED]) {
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
      .executeUpdate(messages[bad.update] as typeof messages.submitDossier, { args: [bad.payload as never] })
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

  it('tells the client library a product it does not know', async () => {
    await expect(
      client.act('RF-2023-0999', 'submitDossier', { actor: producer, documents: DOSSIER }),
    ).rejects.toMatchObject({ name: 'OcopError', kind: 'NotFound', message: 'product RF-2023-0999 not found' });
  });
});
