// A month of waiting in seconds: the time-skipping server jumps the timers.
// The dossier deadline: reminders, escalation, lapse, and a coordinator's
// extension before and after the deadline passed.
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { productWorkflowId } from '../../domain/ids';
import {
  calendarChangedSignal,
  extendDeadline,
  reviewDossier,
  stateQuery,
  submitDossier,
} from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import { eventsOf, eventually, expectPersisted, notificationsOf, useTimeSkipping } from '../support/env';
import { coordinator, DOSSIER, districtOfficer, hatDe, inDays, producer } from '../support/fixtures';
import { finalState, stateOf } from '../support/product-state';

const TASK_QUEUE = 'dossier-deadline';
const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('the dossier deadline', () => {
  const stack = useTimeSkipping(TASK_QUEUE);

  async function register(productId: string, started: number): Promise<WorkflowHandle<typeof productApplication>> {
    return stack.env.client.workflow.start(productApplication, {
      workflowId: productWorkflowId(productId),
      taskQueue: TASK_QUEUE,
      args: [{ input: hatDe(productId, {}, started) }],
    });
  }

  /** Skips workflow time forward to `at`. */
  async function skipTo(at: number): Promise<void> {
    await stack.env.sleep(at - (await stack.env.currentTimeMs()));
  }

  it('is reminded 7 and 1 days before its 30-day deadline, escalated, and lapses after the grace period', async () => {
    const productId = 'TS-2023-0001';
    const started = await stack.env.currentTimeMs();
    const wallStart = Date.now();
    const state = await finalState(await register(productId, started));
    const wallSeconds = (Date.now() - wallStart) / 1000;

    expect(state.stage).toBe('LAPSED');
    const lapsedAt = Date.parse(state.history.at(-1)?.at ?? '');
    expect((lapsedAt - started) / DAY).toBeCloseTo(33, 3); // 30 days, then 3 days' grace
    // A month and more in a few seconds of wall time (about half a second on a quiet machine).
    expect(wallSeconds).toBeLessThan(10);

    expect(await notificationsOf(stack.db, productWorkflowId(productId))).toEqual([
      ['deadline-reminder', 'P7D'],
      ['deadline-reminder', 'P1D'],
      ['deadline-escalation', 'escalation'],
    ]);
    await expectPersisted(stack.db, state);
    const events = await eventsOf(stack.db, productId);
    expect(events.map((e) => [e.seq, e.action, e.stage_from, e.stage_to, e.actor_id])).toEqual([
      [1, 'register', null, 'REGISTERED', coordinator.id],
      [2, 'close:LAPSED', 'REGISTERED', 'LAPSED', 'ocop-engine'],
    ]);
    expect(events[1]?.payload).toEqual({ lapsedDeadline: { kind: 'dossier', dueAt: inDays(30, started) } });
  });

  it('takes an extension an hour before the deadline: no escalation, reminders re-planned for the new date', async () => {
    const productId = 'TS-2023-0002';
    const started = await stack.env.currentTimeMs();
    const handle = await register(productId, started);
    const oldDue = inDays(30, started);
    const newDue = inDays(40, started);

    await skipTo(Date.parse(oldDue) - HOUR);
    const extended = await handle.executeUpdate(extendDeadline, {
      args: [{ actor: coordinator, until: newDue, reason: 'Lũ chia cắt xã, chủ thể chưa nộp được hồ sơ' }],
    });
    expect(extended).toMatchObject({ stage: 'REGISTERED', deadline: { kind: 'dossier', dueAt: newDue } });

    // Five days past the old deadline the application is still open, and not overdue.
    await skipTo(Date.parse(oldDue) + 5 * DAY);
    const submitted = await handle.executeUpdate(submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    expect(submitted.stage).toBe('DOSSIER_REVIEW');

    const workflowId = productWorkflowId(productId);
    const sent = await stack.db
      .selectFrom('notifications')
      .select(['idempotency_key', 'template'])
      .where('idempotency_key', 'like', `${workflowId}/%`)
      .orderBy('id')
      .execute();
    expect(sent).toEqual([
      { template: 'deadline-reminder', idempotency_key: `${workflowId}/REGISTERED/${oldDue}/P7D` },
      { template: 'deadline-reminder', idempotency_key: `${workflowId}/REGISTERED/${oldDue}/P1D` },
      { template: 'deadline-reminder', idempotency_key: `${workflowId}/REGISTERED/${newDue}/P7D` },
    ]);

    await expectPersisted(stack.db, await stateOf(handle));
    const events = await eventsOf(stack.db, productId);
    expect(events.map((e) => [e.action, e.stage_from, e.stage_to, e.actor_role])).toEqual([
      ['register', null, 'REGISTERED', 'coordinator'],
      ['extendDeadline', 'REGISTERED', 'REGISTERED', 'coordinator'],
      ['submitDossier', 'REGISTERED', 'DOSSIER_REVIEW', 'producer'],
    ]);
    expect(events[1]?.payload).toEqual({
      from: oldDue,
      until: newDue,
      reason: 'Lũ chia cắt xã, chủ thể chưa nộp được hồ sơ',
    });
    await handle.terminate('the test ends in dossier review');
  });

  it('refuses a dossier in the grace period until a coordinator extends the deadline', async () => {
    const productId = 'TS-2023-0003';
    const started = await stack.env.currentTimeMs();
    const handle = await register(productId, started);
    await skipTo(started + 31 * DAY);

    const late = await handle
      .executeUpdate(submitDossier, { args: [{ actor: producer, documents: DOSSIER }] })
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (late as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('DeadlinePassed');
    expect((cause as ApplicationFailure).message).toBe(
      `deadline: the dossier deadline ${inDays(30, started)} has passed; only a coordinator's extendDeadline can reopen it`,
    );

    const until = inDays(7, await stack.env.currentTimeMs());
    await handle.executeUpdate(extendDeadline, { args: [{ actor: coordinator, until, reason: 'Chủ thể ốm' }] });
    const submitted = await handle.executeUpdate(submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    expect(submitted.stage).toBe('DOSSIER_REVIEW');

    expect(await notificationsOf(stack.db, productWorkflowId(productId))).toEqual([
      ['deadline-reminder', 'P7D'],
      ['deadline-reminder', 'P1D'],
      ['deadline-escalation', 'escalation'],
    ]);
    expect((await stateOf(handle)).history.map((h) => h.action)).toEqual([
      'register',
      'extendDeadline',
      'submitDossier',
    ]);
    await expectPersisted(stack.db, await stateOf(handle));
    await handle.terminate('the test ends in dossier review');
  });

  it("takes its cycle's calendar changes: the dossier date at once, a council's date when it gets there", async () => {
    const productId = 'TS-2023-0004';
    const started = await stack.env.currentTimeMs();
    const handle = await register(productId, started);
    const dossierUntil = inDays(45, started);
    const councilBy = inDays(120, started);
    await handle.signal(calendarChangedSignal, {
      deadline: 'evaluation',
      level: 'district',
      until: councilBy,
      reason: 'Hội đồng huyện họp muộn',
    });
    await handle.signal(calendarChangedSignal, {
      deadline: 'dossier',
      until: dossierUntil,
      reason: 'Lùi hạn nộp hồ sơ',
    });
    const moved = await eventually(
      () => handle.query(stateQuery),
      (s) => s.deadline?.dueAt === dossierUntil,
    );
    expect(moved).toMatchObject({ stage: 'REGISTERED', deadline: { kind: 'dossier', dueAt: dossierUntil } });

    // Past the original 30 days nothing is escalated.
    await skipTo(started + 40 * DAY);
    await handle.executeUpdate(submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    const accepted = await handle.executeUpdate(reviewDossier, {
      args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
    });
    expect(accepted.deadline).toEqual({ kind: 'evaluation', level: 'district', dueAt: councilBy });

    expect(await notificationsOf(stack.db, productWorkflowId(productId))).toEqual([
      ['deadline-reminder', 'P7D'], // of the moved date, 38 days in
    ]);
    await expectPersisted(stack.db, await stateOf(handle));
    const events = await eventsOf(stack.db, productId);
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([
      ['register', coordinator.id],
      ['calendarChanged', 'ocop-engine'],
      ['submitDossier', producer.id],
      ['reviewDossier', districtOfficer.id],
    ]);
    expect(events[1]?.payload).toEqual({ from: inDays(30, started), until: dossierUntil, reason: 'Lùi hạn nộp hồ sơ' });
    await handle.terminate('the test ends at the council');
  });
});
