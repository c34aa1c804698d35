// Thirty-six months of post-inspection (hậu kiểm) in seconds: yearly rounds,
// expiry, corrective action, a referral to re-evaluation, the outcomes a team
// may no longer record, and a re-evaluation that supersedes the certificate.
// The application continues as new into this phase, so each lifecycle here
// spans two runs of one workflow id. Revocation is in revocation.test.ts.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { subtractDuration } from '../../domain/duration';
import { productWorkflowId } from '../../domain/ids';
import type { ProductState } from '../../domain/product';
import { stateQuery } from '../../workflows/product/messages';
import { eventsOf, expectPersisted, notificationsOf, useTimeSkipping } from '../support/env';
import { inDays, inspector, producer, districtOfficer } from '../support/fixtures';
import { DAY, eventsBesidesTasks, postInspection, roundsOf } from '../support/post-inspection';
import { endedState, finalState, stateOf } from '../support/product-state';

const TASK_QUEUE = 'post-inspection';

/** Where post-inspection's own transitions start in a history: after the certificate. */
const sinceCertified = (state: ProductState) => state.history.findIndex((h) => h.stageTo === 'CERTIFIED') + 1;

describe('post-inspection', () => {
  const stack = useTimeSkipping(TASK_QUEUE);
  const { skipTo, certified, inspect, certificateRow, noticesOf, now } = postInspection(stack, TASK_QUEUE);

  it('inspects a 3-star product yearly, three times, until its certificate expires after 36 months', async () => {
    const productId = 'PIA-2023-0001';
    const wallStart = Date.now();
    const { handle, state: first } = await certified(productId, 3);
    const certificate = first.certificate;
    const validUntil = certificate?.validUntil ?? '';
    const due = roundsOf(first);
    expect(due[2]).toBe(validUntil);
    expect(first.deadline).toEqual({ kind: 'inspection', dueAt: due[0] });

    for (const [index, dueAt] of due.entries()) {
      await skipTo(Date.parse(dueAt) - 3 * DAY);
      const passed = await inspect(handle, { outcome: 'pass' });
      const next = due[index + 1];
      expect(passed.deadline).toEqual(
        next ? { kind: 'inspection', dueAt: next } : { kind: 'certificate-expiry', dueAt: validUntil },
      );
    }
    const state = await finalState(handle);
    expect((Date.now() - wallStart) / 1000).toBeLessThan(60); // 36 months: the server skipped time

    expect(state).toMatchObject({ stage: 'EXPIRED', stars: 3, deadline: null });
    expect(state.certificate).toMatchObject({ number: '001/2023/OCOP-PIA', stars: 3, level: 'district' });
    expect(state.inspections.map((i) => [i.round, i.dueAt, i.outcome])).toEqual([
      [1, due[0], 'pass'],
      [2, due[1], 'pass'],
      [3, due[2], 'pass'],
    ]);
    // The certifying steps are evaluation.test.ts's; post-inspection starts where they end.
    const start = sinceCertified(state);
    expect(state.history.slice(0, 3).map((h) => [h.action, h.actor.id])).toEqual([
      ['register', 'vp-ocop-cb'],
      ['submitDossier', producer.id],
      ['reviewDossier', districtOfficer.id],
    ]);
    expect(state.history.slice(start).map((h) => [h.action, h.stageTo, h.actor.id])).toEqual([
      ['enter:POST_INSPECTION', 'POST_INSPECTION', 'ocop-engine'],
      ['recordInspection', 'POST_INSPECTION', inspector.id],
      ['recordInspection', 'POST_INSPECTION', inspector.id],
      ['recordInspection', 'POST_INSPECTION', inspector.id],
      ['close:EXPIRED', 'EXPIRED', 'ocop-engine'],
    ]);
    // The expiry is stamped with the workflow's own clock, 36 months on, not the test's.
    expect(Date.parse(state.history.at(-1)?.at ?? '') - Date.parse(validUntil)).toBeLessThan(1000);
    await expectPersisted(stack.db, state);
    const events = await eventsOf(stack.db, productId);
    expect(events.slice(start + 1, start + 4).map((e) => e.payload)).toEqual(
      [1, 2, 3].map((round) => expect.objectContaining({ round, result: { outcome: 'pass' } })),
    );

    // Certification ended the first run; post-inspection ran in the second.
    expect((await handle.describe()).runId).not.toBe(handle.firstExecutionRunId);
    expect(await certificateRow(productId)).toMatchObject({ number: '001/2023/OCOP-PIA', status: 'expired' });
    const rows = await stack.db
      .selectFrom('inspections')
      .select(['round', 'outcome', 'due_at'])
      .where('product_id', '=', productId)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.round, r.outcome, r.due_at.toISOString()])).toEqual([
      [1, 'pass', due[0]],
      [2, 'pass', due[1]],
      [3, 'pass', due[2]],
    ]);
    // Each round's due notices a month and a week ahead (the policy's inspection offsets), inspected
    // 3 days before it fell due; the expiry notice 30 days ahead, at the same instant as the last round's
    // first notice, so those two may go in either order.
    const workflowId = productWorkflowId(productId);
    const sent = await notificationsOf(stack.db, workflowId);
    expect([...sent.slice(0, 4), ...sent.slice(4, 6).sort(), ...sent.slice(6)]).toEqual([
      ['inspection-due', 'P30D'],
      ['inspection-due', 'P7D'],
      ['inspection-due', 'P30D'],
      ['inspection-due', 'P7D'],
      ['certificate-expiry', 'notice'],
      ['inspection-due', 'P30D'],
      ['inspection-due', 'P7D'],
    ]);
    const notice = await stack.db
      .selectFrom('notifications')
      .select(['idempotency_key', 'payload'])
      .where('template', '=', 'certificate-expiry')
      .where('idempotency_key', 'like', `${workflowId}/%`)
      .executeTakeFirstOrThrow();
    expect(notice.idempotency_key).toBe(`${workflowId}/certificate-expiry/${validUntil}/notice`);
    expect(notice.payload).toMatchObject({ certificateNo: '001/2023/OCOP-PIA', dueAt: validUntil });
  });

  it('counts a corrective action and its re-check as one round', async () => {
    const productId = 'PID-2023-0001';
    const { handle, state: first } = await certified(productId, 3);
    const due = roundsOf(first);
    await skipTo(Date.parse(due[0] ?? '') - 10 * DAY);
    const correctBy = inDays(30, await now());
    const corrective = await inspect(handle, {
      outcome: 'corrective-action',
      findings: 'Thiếu tem truy xuất nguồn gốc',
      dueAt: correctBy,
    });
    expect(corrective.deadline).toEqual({ kind: 'corrective-action', dueAt: correctBy });

    await skipTo(Date.parse(due[0] ?? '') + 15 * DAY);
    const rechecked = await inspect(handle, { outcome: 'pass' });
    expect(rechecked.deadline).toEqual({ kind: 'inspection', dueAt: due[1] });
    expect((await stateOf(handle)).inspections.map((i) => [i.round, i.outcome])).toEqual([
      [1, 'corrective-action'],
      [1, 'pass'],
    ]);
    const rows = await stack.db
      .selectFrom('inspections')
      .select(['seq', 'round', 'outcome'])
      .where('product_id', '=', productId)
      .orderBy('seq')
      .execute();
    expect(rows).toEqual([
      { seq: 1, round: 1, outcome: 'corrective-action' },
      { seq: 2, round: 1, outcome: 'pass' },
    ]);
    await expectPersisted(stack.db, await stateOf(handle));
    await handle.terminate('the test ends in the second round');
  });

  it('refers a product to re-evaluation: the certificate stands, the subject is told once, the rounds go on', async () => {
    const productId = 'PIG-2023-0001';
    const { handle, state: first } = await certified(productId, 4);
    const due = roundsOf(first);
    const validUntil = first.certificate?.validUntil ?? '';
    await skipTo(Date.parse(due[0] ?? '') - 3 * DAY);
    const findings = 'Quy mô sản xuất giảm, nguyên liệu không còn ổn định';
    const referred = await inspect(handle, { outcome: 're-evaluation', findings });

    // The rating and the certificate stay as they were: only a re-evaluation re-rates the product.
    expect(referred).toMatchObject({ stage: 'POST_INSPECTION', stars: 4, certificate: first.certificate });
    expect(referred.deadline).toEqual({ kind: 'inspection', dueAt: due[1] });
    expect((await stateOf(handle)).inspections.map((i) => [i.round, i.outcome, i.detail])).toEqual([
      [1, 're-evaluation', findings],
    ]);
    expect((await eventsOf(stack.db, productId)).at(-1)).toMatchObject({
      action: 'recordInspection',
      actor_role: 'inspector',
      stage_to: 'POST_INSPECTION',
      payload: expect.objectContaining({
        round: 1,
        referral: 're-evaluation',
        result: { outcome: 're-evaluation', findings },
      }),
    });
    expect(await certificateRow(productId)).toMatchObject({ stars: 4, status: 'active' });

    // Round 2 is never done: it is escalated, and the overdue wait ends with the certificate.
    const state = await finalState(handle);
    expect(state).toMatchObject({ stage: 'EXPIRED', stars: 4 });
    expect(Date.parse(state.history.at(-1)?.at ?? '') - Date.parse(validUntil)).toBeLessThan(1000);
    expect(state.history.slice(sinceCertified(state)).map((h) => h.action)).toEqual([
      'enter:POST_INSPECTION',
      'recordInspection',
      'close:EXPIRED',
    ]);
    await expectPersisted(stack.db, state);
    const workflowId = productWorkflowId(productId);
    expect(await notificationsOf(stack.db, workflowId)).toEqual([
      ['inspection-due', 'P30D'],
      ['inspection-due', 'P7D'],
      ['reevaluation-referral', 'notice'],
      ['inspection-due', 'P30D'],
      ['inspection-due', 'P7D'],
      ['deadline-escalation', 'escalation'],
      ['certificate-expiry', 'notice'],
    ]);
    const [referral, ...more] = await noticesOf(workflowId, 'reevaluation-referral');
    expect(more).toEqual([]);
    expect(referral?.idempotency_key).toBe(`${workflowId}/reevaluation-referral/inspection-1/notice`);
    expect(referral?.payload).toMatchObject({
      findings,
      certificateNo: first.certificate?.number,
      stage: 'POST_INSPECTION',
    });
    expect(await certificateRow(productId)).toMatchObject({ stars: 4, status: 'expired' });
  });

  it('refuses a downgrade or a revocation by the team, and writes nothing', async () => {
    const productId = 'PIH-2023-0001';
    const { handle, state: first } = await certified(productId, 4);
    await skipTo(Date.parse(roundsOf(first)[0] ?? '') - 3 * DAY);
    const before = await eventsBesidesTasks(handle);
    const eventsBefore = await eventsOf(stack.db, productId);
    for (const result of [
      { outcome: 'downgrade', toStars: 3, grounds: 'Bao bì không đúng mẫu' },
      { outcome: 'revoke', grounds: 'Vi phạm an toàn thực phẩm' },
    ] as const) {
      const refused = await inspect(handle, result).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refused as WorkflowUpdateFailedError).cause?.message).toBe(
        'recordInspection: result.outcome: inspectors do not change a rating or revoke on their own authority; ' +
          "propose revocation ('revocation-proposed') or refer to re-evaluation ('re-evaluation')",
      );
    }
    // A corrective action due after the certificate expires would never be waited for.
    const validUntil = first.certificate?.validUntil ?? '';
    const late = await inspect(handle, {
      outcome: 'corrective-action',
      findings: 'Thiếu tem truy xuất',
      dueAt: new Date(Date.parse(validUntil) + DAY).toISOString(),
    }).catch((error: unknown) => error);
    expect((late as WorkflowUpdateFailedError).cause?.message).toBe(
      `recordInspection: result.dueAt: must not be after the certificate expires (${validUntil})`,
    );

    expect(await eventsBesidesTasks(handle)).toEqual(before);
    expect(await eventsOf(stack.db, productId)).toEqual(eventsBefore);
    expect(await handle.query(stateQuery)).toMatchObject({ stage: 'POST_INSPECTION', stars: 4, inspections: [] });
    expect(await certificateRow(productId)).toMatchObject({ stars: 4, status: 'active' });
    await handle.terminate('the test ends after the refusals');
  });

  it('gives way to a re-evaluation that rates the product lower', async () => {
    const oldId = 'PIF-2023-0001';
    const newId = 'PIF-2026-0001';
    const { handle: old, state: first } = await certified(oldId, 4);
    const due = roundsOf(first);
    for (const dueAt of due.slice(0, 2)) {
      await skipTo(Date.parse(dueAt) - 3 * DAY);
      await inspect(old, { outcome: 'pass' });
    }
    // Before the certificate runs out the subject re-applies in the 2026 cycle.
    const validUntil = first.certificate?.validUntil ?? '';
    await skipTo(Date.parse(subtractDuration(new Date(validUntil), 'P90D').toISOString()));
    const { handle: renewal, state: renewed } = await certified(newId, 3, {
      kind: 're-evaluation',
      previousProductId: oldId,
    });
    expect(renewed).toMatchObject({ kind: 're-evaluation', stars: 3 });
    expect(renewed.certificate).toMatchObject({ number: '001/2026/OCOP-PIF', stars: 3, level: 'district' });

    const superseded = await endedState(stack.env, old.workflowId);
    expect(superseded).toMatchObject({ stage: 'SUPERSEDED', stars: 4 });
    await expectPersisted(stack.db, superseded);
    expect((await eventsOf(stack.db, oldId)).map((e) => e.action).slice(sinceCertified(superseded))).toEqual([
      'enter:POST_INSPECTION',
      'recordInspection',
      'recordInspection',
      'close:SUPERSEDED',
    ]);
    expect((await eventsOf(stack.db, oldId)).at(-1)?.payload).toEqual({ byProductId: newId, stars: 3 });
    expect(await certificateRow(oldId)).toMatchObject({ number: '001/2023/OCOP-PIF', stars: 4, status: 'superseded' });
    expect(await certificateRow(newId)).toMatchObject({ number: '001/2026/OCOP-PIF', stars: 3, status: 'active' });
    const product = await stack.db.selectFrom('products').selectAll().where('id', '=', newId).executeTakeFirstOrThrow();
    expect(product).toMatchObject({ kind: 're-evaluation', stars: 3, stage: 'POST_INSPECTION' });
    await renewal.terminate('the test ends with the renewed certificate in post-inspection');
  });
});
