// Revocation (thu hồi) as the rules give it: a post-inspection team proposes,
// the authority that issued the certificate decides by a numbered, dated
// decision on a ground from the catalogue, and a revocation is announced.
// Until the decision the certificate is active; it may expire meanwhile.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { productWorkflowId } from '../../domain/ids';
import {
  eventually,
  eventsOf,
  expectPersisted,
  inProcessWorker,
  notificationsOf,
  useTimeSkipping,
} from '../support/env';
import { startSmtp } from '../support/receivers';
import { coordinator, inspector } from '../support/fixtures';
import { AUTHORITY, DAY, eventsBesidesTasks, postInspection, roundsOf } from '../support/post-inspection';
import { endedState, finalState, stateOf } from '../support/product-state';

const TASK_QUEUE = 'revocation';

/** The notify activities of a run's history, in the order scheduled: completed, or still under way. */
function notifyActivities(history: { events?: temporal.api.history.v1.IHistoryEvent[] | null }): string[] {
  const scheduled = new Map<string, string>();
  for (const e of history.events ?? []) {
    if (e.activityTaskScheduledEventAttributes?.activityType?.name === 'notify') {
      scheduled.set(String(e.eventId), 'scheduled');
    }
    const done = e.activityTaskCompletedEventAttributes?.scheduledEventId;
    if (done != null && scheduled.has(String(done))) scheduled.set(String(done), 'completed');
  }
  return [...scheduled.values()];
}

const refusal = (error: unknown) => (error instanceof WorkflowUpdateFailedError ? error.cause?.message : String(error));

describe('revocation by decision', () => {
  const stack = useTimeSkipping(TASK_QUEUE);
  const { skipTo, accepted, rate, certified, inspect, decide, certificateRow, noticesOf, iso } = postInspection(
    stack,
    TASK_QUEUE,
  );

  it('revokes on the authority’s decision, announces it once, and records the decision', async () => {
    const productId = 'RVA-2023-0001';
    const { handle, state: first } = await certified(productId, 3);
    const number = first.certificate?.number ?? '';
    await skipTo(Date.parse(roundsOf(first)[0] ?? '') - 10 * DAY);
    const findings = 'Mẫu kiểm nghiệm vượt ngưỡng vi sinh vật';
    const proposed = await inspect(handle, { outcome: 'revocation-proposed', ground: 'food-safety', findings });

    // Proposed, not yet revoked: the mark may still be used and the certificate is active.
    expect(proposed).toMatchObject({ stage: 'REVOCATION_PROPOSED', deadline: null, stars: 3 });
    expect((await stateOf(handle)).inspections.map((i) => [i.round, i.outcome, i.detail])).toEqual([
      [1, 'revocation-proposed', findings],
    ]);
    expect(await certificateRow(productId)).toMatchObject({ number, status: 'active' });
    await expectPersisted(stack.db, await stateOf(handle));

    // The decision cannot predate the proposal, nor the future, nor stand on an unnamed 'other' ground.
    const before = await eventsBesidesTasks(handle);
    const refusals = [
      await decide(handle, { decision: { decidedOn: await iso(-2 * DAY) } }).catch(refusal),
      await decide(handle, { decision: { decidedOn: await iso(2 * DAY) } }).catch(refusal),
      await decide(handle, { ground: 'other' }).catch(refusal),
      await inspect(handle, { outcome: 'pass' }).catch(refusal),
      await decide(handle, { actor: inspector }).catch(refusal),
    ];
    expect(refusals[0]).toMatch(/^recordRevocationDecision: decision\.decidedOn: must not be before the revocation/);
    expect(refusals[1]).toBe('recordRevocationDecision: decision.decidedOn: must not be in the future');
    expect(refusals[2]).toBe("recordRevocationDecision: note: must state the ground when the ground is 'other'");
    expect(refusals[3]).toBe(
      'stage: recordInspection is not allowed in stage REVOCATION_PROPOSED; it is allowed in POST_INSPECTION',
    );
    expect(refusals[4]).toBe('actor.role: inspector may not recordRevocationDecision; allowed roles are coordinator');
    expect(await eventsBesidesTasks(handle)).toEqual(before);

    const decidedOn = await iso();
    const revoked = await decide(handle, {
      decision: { number: '45/QĐ-UBND', decidedOn },
      ground: 'food-safety',
      note: 'Theo kết luận của đoàn hậu kiểm liên ngành',
    });
    expect(revoked).toMatchObject({ stage: 'REVOKED', deadline: null, stars: 3 });
    const state = await endedState(stack.env, handle.workflowId);
    expect(state.stage).toBe('REVOKED');
    await expectPersisted(stack.db, state);
    expect((await eventsOf(stack.db, productId)).slice(-2)).toMatchObject([
      { action: 'recordInspection', actor_role: 'inspector', stage_to: 'REVOCATION_PROPOSED' },
      {
        action: 'close:REVOKED',
        actor_id: coordinator.id,
        actor_role: 'coordinator',
        stage_from: 'REVOCATION_PROPOSED',
        stage_to: 'REVOKED',
        payload: expect.objectContaining({
          outcome: 'revoke',
          ground: 'food-safety',
          decision: { number: '45/QĐ-UBND', decidedOn, authority: AUTHORITY },
          proposal: findings,
          round: 1,
        }),
      },
    ]);
    expect(await certificateRow(productId)).toMatchObject({ number, status: 'revoked' });

    const workflowId = productWorkflowId(productId);
    const announced = await noticesOf(workflowId, 'certificate-revoked');
    expect(announced.map((n) => n.idempotency_key)).toEqual([`${workflowId}/certificate-revoked/${number}/notice`]);
    expect(announced[0]?.payload).toMatchObject({
      certificateNo: number,
      decisionNo: '45/QĐ-UBND',
      decidedOn,
      authority: AUTHORITY,
      ground: 'food-safety',
      findings,
      stage: 'REVOKED',
    });
    const audience = await stack.db
      .selectFrom('notification_deliveries as d')
      .innerJoin('notifications as n', 'n.id', 'd.notification_id')
      .select('d.role')
      .distinct()
      .where('n.idempotency_key', '=', `${workflowId}/certificate-revoked/${number}/notice`)
      .execute();
    expect(audience.map((d) => d.role)).toContain('producer');
  });

  it('goes back to post-inspection when the authority declines, with the next round due', async () => {
    const productId = 'RVB-2023-0001';
    const { handle, state: first } = await certified(productId, 4);
    const due = roundsOf(first);
    await skipTo(Date.parse(due[0] ?? '') - 3 * DAY);
    await inspect(handle, { outcome: 'revocation-proposed', ground: 'quality-mismatch', findings: 'Bao bì sai mẫu' });
    const declined = await decide(handle, { outcome: 'decline', ground: 'quality-mismatch' });
    expect(declined).toMatchObject({ stage: 'POST_INSPECTION', stars: 4, certificate: first.certificate });
    expect(declined.deadline).toEqual({ kind: 'inspection', dueAt: due[1] });
    expect((await eventsOf(stack.db, productId)).at(-1)).toMatchObject({
      action: 'recordRevocationDecision',
      actor_role: 'coordinator',
      stage_from: 'REVOCATION_PROPOSED',
      stage_to: 'POST_INSPECTION',
      payload: expect.objectContaining({ outcome: 'decline', round: 1 }),
    });
    expect(await certificateRow(productId)).toMatchObject({ stars: 4, status: 'active' });

    // The next round is the second: the declined proposal closed the first.
    await skipTo(Date.parse(due[1] ?? '') - 3 * DAY);
    const passed = await inspect(handle, { outcome: 'pass' });
    expect((await stateOf(handle)).inspections.map((i) => [i.round, i.outcome])).toEqual([
      [1, 'revocation-proposed'],
      [2, 'pass'],
    ]);
    expect(passed.deadline).toEqual({ kind: 'inspection', dueAt: due[2] });
    await expectPersisted(stack.db, await stateOf(handle));
    expect(await noticesOf(productWorkflowId(productId), 'certificate-revoked')).toEqual([]);
    await handle.terminate('the test ends in the third round');
  });

  it('lets the certificate expire while a proposal made after the last round waits for a decision', async () => {
    const productId = 'RVC-2023-0001';
    const { handle, state: first } = await certified(productId, 3);
    const validUntil = first.certificate?.validUntil ?? '';
    for (let round = 1; round <= 3; round++) await inspect(handle, { outcome: 'pass' });
    await skipTo(Date.parse(validUntil) - 60 * DAY);

    // An unscheduled inspection: the certificate has nothing left to wait for but its expiry.
    const proposed = await inspect(handle, {
      outcome: 'revocation-proposed',
      ground: 'production-suspended',
      findings: 'Cơ sở ngừng sản xuất từ tháng 3',
    });
    expect(proposed.stage).toBe('REVOCATION_PROPOSED');
    expect((await stateOf(handle)).inspections.map((i) => [i.round, i.outcome])).toEqual([
      [1, 'pass'],
      [2, 'pass'],
      [3, 'pass'],
      [4, 'revocation-proposed'],
    ]);

    const state = await finalState(handle);
    expect(state).toMatchObject({ stage: 'EXPIRED', stars: 3 });
    expect(Date.parse(state.history.at(-1)?.at ?? '') - Date.parse(validUntil)).toBeLessThan(1000);
    expect(state.history.slice(-2).map((h) => [h.action, h.stageFrom, h.stageTo, h.actor.id])).toEqual([
      ['recordInspection', 'POST_INSPECTION', 'REVOCATION_PROPOSED', inspector.id],
      ['close:EXPIRED', 'REVOCATION_PROPOSED', 'EXPIRED', 'ocop-engine'],
    ]);
    await expectPersisted(stack.db, state);
    expect(await certificateRow(productId)).toMatchObject({ status: 'expired' });
    const sent = await notificationsOf(stack.db, productWorkflowId(productId));
    expect(sent.filter(([template]) => template === 'certificate-expiry')).toEqual([['certificate-expiry', 'notice']]);
    expect(sent.filter(([template]) => template === 'certificate-revoked')).toEqual([]);
  });

  it('ends the certificate a failed re-evaluation would have renewed, and nothing after', async () => {
    const oldId = 'RVD-2023-0001';
    const newId = 'RVD-2026-0001';
    const { handle: old, state: first } = await certified(oldId, 3);
    const number = first.certificate?.number ?? '';
    const validUntil = first.certificate?.validUntil ?? '';
    for (const dueAt of roundsOf(first).slice(0, 2)) {
      await skipTo(Date.parse(dueAt) - 3 * DAY);
      await inspect(old, { outcome: 'pass' });
    }
    // The re-evaluation before expiry scores below every band: not ranked.
    await skipTo(Date.parse(validUntil) - 90 * DAY);
    const renewal = await accepted(newId, { kind: 're-evaluation', previousProductId: oldId });
    expect(await rate(renewal, 'district', 40)).toMatchObject({ stage: 'NOT_RANKED' });

    const state = await endedState(stack.env, old.workflowId);
    expect(state).toMatchObject({ stage: 'REVOKED', stars: 3, deadline: null });
    await expectPersisted(stack.db, state);
    // Closed once, by the engine, while the third round was awaited: no expiry follows.
    expect((await eventsOf(stack.db, oldId)).map((e) => e.action).slice(-3)).toEqual([
      'recordInspection',
      'recordInspection',
      'close:REVOKED',
    ]);
    expect((await eventsOf(stack.db, oldId)).at(-1)).toMatchObject({
      actor_id: 'ocop-engine',
      stage_from: 'POST_INSPECTION',
      payload: { reason: 're-evaluation-failed', byProductId: newId, stage: 'NOT_RANKED' },
    });
    expect(await certificateRow(oldId)).toMatchObject({ number, status: 'revoked' });
  });

  it('sends an expiry notice already under way when the certificate is revoked, before the run ends', async () => {
    // The subject's mail server holds the expiry notice until the test lets it go.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const smtp = await startSmtp((mail) => (/hết hiệu lực/.test(mail.mail.subject ?? '') ? held : Promise.resolve()));
    const queue = `${TASK_QUEUE}-mail`;
    const worker = await inProcessWorker(stack.env, queue, stack.db, {
      notify: { locale: 'vi', smtpUrl: smtp.url, logChannel: false },
    });
    const running = worker.run();
    try {
      const mailed = postInspection(stack, queue);
      const productId = 'RVE-2023-0001';
      const { handle, state: first } = await mailed.certified(productId, 3);
      const validUntil = Date.parse(first.certificate?.validUntil ?? '');
      for (let round = 1; round <= 3; round++) await mailed.inspect(handle, { outcome: 'pass' });
      await mailed.skipTo(validUntil - 30 * DAY + 1000);
      await smtp.waitFor(smtp.received.filter((m) => !/hết hiệu lực/.test(m.mail.subject ?? '')).length + 1);

      await mailed.inspect(handle, {
        outcome: 'revocation-proposed',
        ground: 'food-safety',
        findings: 'Mẫu vượt ngưỡng',
      });
      expect(await mailed.decide(handle, {})).toMatchObject({ stage: 'REVOKED' });
      // The announcement went out and the story took it in; only the held expiry notice is still under way.
      const taken = await eventually(
        async () => notifyActivities(await handle.fetchHistory()),
        (n) => n.length === 2 && n[1] === 'completed',
      );
      expect(taken).toEqual(['scheduled', 'completed']);
      release();
      const state = await endedState(stack.env, handle.workflowId);
      expect(state.stage).toBe('REVOKED');
      // The run ended only once the notice it had started was sent: none was left behind.
      expect(notifyActivities(await handle.fetchHistory())).toEqual(['completed', 'completed']);
      const [notice] = await mailed.noticesOf(productWorkflowId(productId), 'certificate-expiry');
      expect(notice).toBeDefined();
      const row = await stack.db
        .selectFrom('notifications')
        .select('status')
        .where('template', '=', 'certificate-expiry')
        .where('idempotency_key', 'like', `${productWorkflowId(productId)}/%`)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('sent');
      expect(smtp.accepted().map((m) => m.mail.subject)).toContainEqual(expect.stringMatching(/hết hiệu lực/));
    } finally {
      release();
      worker.shutdown();
      await running;
      await smtp.close();
    }
  });
});
