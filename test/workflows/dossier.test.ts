// The dossier (hồ sơ) between registration and the first council: supplement
// rounds, a withdrawal, and two people acting at once.
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { addDuration } from '../../domain/duration';
import { productWorkflowId } from '../../domain/ids';
import {
  recordCouncilResult,
  recordRecognitionDecision,
  reviewDossier,
  stateQuery,
  submitDossier,
  submitSupplement,
  withdraw,
} from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import { eventsOf, expectPersisted, notificationsOf, useTimeSkipping, stateOnceIn } from '../support/env';
import {
  councilResult,
  DOSSIER,
  districtOfficer,
  hatDe,
  inDays,
  partsFor,
  producer,
  recognitionDecision,
} from '../support/fixtures';
import { endedState, stateOf } from '../support/product-state';

const TASK_QUEUE = 'dossier';
const DAY = 86_400_000;

describe('the dossier', () => {
  const stack = useTimeSkipping(TASK_QUEUE);

  async function register(productId: string): Promise<WorkflowHandle<typeof productApplication>> {
    return stack.env.client.workflow.start(productApplication, {
      workflowId: productWorkflowId(productId),
      taskQueue: TASK_QUEUE,
      args: [{ input: hatDe(productId, {}, await stack.env.currentTimeMs()) }],
    });
  }

  /** The refusal an Update failed with: its type and message. */
  async function refusalOf(update: Promise<unknown>): Promise<{ type: string | undefined; message: string }> {
    const error = await update.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return { type: (cause as ApplicationFailure).type ?? undefined, message: (cause as ApplicationFailure).message };
  }

  it('goes through two supplement rounds before the district accepts it', async () => {
    const productId = 'DSA-2023-0001';
    const handle = await register(productId);
    const started = await stack.env.currentTimeMs();
    await handle.executeUpdate(submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });

    const firstDue = inDays(10, started);
    const asked = await handle.executeUpdate(reviewDossier, {
      args: [
        {
          actor: districtOfficer,
          decision: { outcome: 'request-supplement', missing: ['Phiếu kết quả kiểm nghiệm'], dueAt: firstDue },
        },
      ],
    });
    expect(asked).toMatchObject({ stage: 'AWAITING_SUPPLEMENT', supplementRounds: 1 });
    expect(asked.deadline).toEqual({ kind: 'supplement', dueAt: firstDue });

    // Five days on, past the 7-day reminder of the supplement deadline.
    await stack.env.sleep(5 * DAY);
    const back = await handle.executeUpdate(submitSupplement, {
      args: [{ actor: producer, documents: ['Phiếu kết quả kiểm nghiệm'] }],
    });
    expect(back.stage).toBe('DOSSIER_REVIEW');
    const now = await stack.env.currentTimeMs();
    expect(back.deadline?.kind).toBe('dossier-review');
    expect(Date.parse(back.deadline?.dueAt ?? '')).toBeGreaterThanOrEqual(
      addDuration(new Date(now), 'P15D').getTime() - 60_000,
    );

    const secondDue = inDays(10, now);
    const again = await handle.executeUpdate(reviewDossier, {
      args: [
        {
          actor: districtOfficer,
          decision: { outcome: 'request-supplement', missing: ['Hồ sơ truy xuất nguồn gốc'], dueAt: secondDue },
        },
      ],
    });
    expect(again).toMatchObject({ stage: 'AWAITING_SUPPLEMENT', supplementRounds: 2 });
    await handle.executeUpdate(submitSupplement, {
      args: [{ actor: producer, documents: ['Hồ sơ truy xuất nguồn gốc'] }],
    });
    const accepted = await handle.executeUpdate(reviewDossier, {
      args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
    });
    expect(accepted).toMatchObject({ stage: 'EVALUATION', level: 'district', supplementRounds: 2 });
    expect(accepted.deadline).toMatchObject({ kind: 'evaluation', level: 'district' });

    expect((await stateOf(handle)).history.map((h) => [h.action, h.stageTo])).toEqual([
      ['register', 'REGISTERED'],
      ['submitDossier', 'DOSSIER_REVIEW'],
      ['reviewDossier', 'AWAITING_SUPPLEMENT'],
      ['submitSupplement', 'DOSSIER_REVIEW'],
      ['reviewDossier', 'AWAITING_SUPPLEMENT'],
      ['submitSupplement', 'DOSSIER_REVIEW'],
      ['reviewDossier', 'EVALUATION'],
    ]);
    await expectPersisted(stack.db, await stateOf(handle));
    const events = await eventsOf(stack.db, productId);
    expect(events[2]?.payload).toMatchObject({
      decision: { outcome: 'request-supplement', missing: ['Phiếu kết quả kiểm nghiệm'], dueAt: firstDue },
    });
    // Only the first round waited long enough for a reminder; the 1-day one never fell due.
    expect(await notificationsOf(stack.db, productWorkflowId(productId))).toEqual([['deadline-reminder', 'P7D']]);
    await handle.terminate('the test ends at the council');
  });

  it('is withdrawn by its subject while the council has it', async () => {
    const productId = 'DSB-2023-0001';
    const handle = await register(productId);
    await handle.executeUpdate(submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    await handle.executeUpdate(reviewDossier, { args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }] });

    const withdrawn = await handle.executeUpdate(withdraw, {
      args: [{ actor: producer, reason: 'Chưa đủ sản lượng, xin đăng ký chu kỳ sau' }],
    });
    expect(withdrawn).toMatchObject({ stage: 'WITHDRAWN', deadline: null, certificate: null });

    const state = await endedState(stack.env, handle.workflowId);
    expect(state.stage).toBe('WITHDRAWN');
    await expectPersisted(stack.db, state);
    const last = (await eventsOf(stack.db, productId)).at(-1);
    expect(last).toMatchObject({
      seq: 4,
      action: 'withdraw',
      actor_id: producer.id,
      actor_role: 'producer',
      stage_from: 'EVALUATION',
      stage_to: 'WITHDRAWN',
      payload: { reason: 'Chưa đủ sản lượng, xin đăng ký chu kỳ sau' },
    });
  });

  it('takes one of two identical submissions sent at once and refuses the other', async () => {
    const productId = 'DSC-2023-0001';
    const handle = await register(productId);
    const first = await handle.startUpdate(submitDossier, {
      args: [{ actor: producer, documents: DOSSIER }],
      waitForStage: 'ACCEPTED',
    });
    const second = await refusalOf(
      handle.executeUpdate(submitDossier, { args: [{ actor: producer, documents: DOSSIER }] }),
    );

    expect(second.type).toBe('WrongStage');
    expect(second.message).toMatch(/^stage: (a submitDossier is already being processed|submitDossier is not allowed)/);
    expect((await first.result()).stage).toBe('DOSSIER_REVIEW');
    const state = await handle.query(stateQuery);
    expect(state.history.filter((h) => h.action === 'submitDossier')).toHaveLength(1);
    await expectPersisted(stack.db, state);
    await handle.terminate('the test ends in dossier review');
  });

  it('refuses a withdrawal that loses the race to the council’s rating, and still moves on to post-inspection', async () => {
    const productId = 'DSD-2023-0001';
    const handle = await register(productId);
    await handle.executeUpdate(submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    await handle.executeUpdate(reviewDossier, { args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }] });

    const council = await handle.startUpdate(recordCouncilResult, {
      args: [
        councilResult('district', partsFor(62), {
          meetingDate: new Date(await stack.env.currentTimeMs()).toISOString(),
        }),
      ],
      waitForStage: 'ACCEPTED',
    });
    // Accepted in EVALUATION while the council's result is still being recorded, or refused
    // outright once it is: either way it must not hold the application's handlers open.
    const refused = await refusalOf(handle.executeUpdate(withdraw, { args: [{ actor: producer, reason: 'Đổi ý' }] }));
    expect(refused.type).toBe('WrongStage');
    expect(refused.message).toMatch(/withdraw is not allowed in stage AWAITING_DECISION/);
    expect((await council.result()).stage).toBe('AWAITING_DECISION');
    await handle.executeUpdate(recordRecognitionDecision, {
      args: [recognitionDecision(await stack.env.currentTimeMs())],
    });

    const state = await stateOnceIn(stack.db, handle, productId, 'POST_INSPECTION');
    expect(state.stage).toBe('POST_INSPECTION');
    expect(state.history.map((h) => h.action)).not.toContain('withdraw');
    await expectPersisted(stack.db, state);
    await handle.terminate('the test ends in post-inspection');
  });
});
