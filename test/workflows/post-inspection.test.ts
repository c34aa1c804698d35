// Thirty-six months of post-inspection (hậu kiểm) in seconds: yearly rounds,
// expiry, revocation, downgrade, corrective action, and a re-evaluation that
// supersedes the certificate. The application continues as new into this phase,
// so each lifecycle here spans two runs of one workflow id.
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { addDuration, subtractDuration } from '../../domain/duration';
import { productWorkflowId } from '../../domain/ids';
import type { ProductApplicationInput, ProductState, RecordInspection } from '../../domain/product';
import { recordCouncilResult, recordInspection, reviewDossier, submitDossier } from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import { endedResult, eventsOf, expectPersisted, notificationsOf, useTimeSkipping, stateOnceIn } from '../support/env';
import {
  councilResult,
  DOSSIER,
  districtOfficer,
  hatDe,
  inDays,
  inspection,
  inspector,
  partsFor,
  producer,
} from '../support/fixtures';

const TASK_QUEUE = 'post-inspection';
const DAY = 86_400_000;

describe('post-inspection', () => {
  const stack = useTimeSkipping(TASK_QUEUE);

  async function skipTo(at: number): Promise<void> {
    const now = await stack.env.currentTimeMs();
    if (at > now) await stack.env.sleep(at - now);
  }

  /** A product certified at 3 stars (district) or 4 stars (province), waiting for its first round. */
  async function certified(
    productId: string,
    stars: 3 | 4,
    overrides: Partial<ProductApplicationInput> = {},
  ): Promise<{ handle: WorkflowHandleWithFirstExecutionRunId<typeof productApplication>; state: ProductState }> {
    const handle = await stack.env.client.workflow.start(productApplication, {
      workflowId: productWorkflowId(productId),
      taskQueue: TASK_QUEUE,
      args: [{ input: hatDe(productId, overrides, await stack.env.currentTimeMs()) }],
    });
    await handle.executeUpdate(submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    await handle.executeUpdate(reviewDossier, { args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }] });
    if (stars === 3) {
      await handle.executeUpdate(recordCouncilResult, { args: [councilResult('district', partsFor(62))] });
    } else {
      await handle.executeUpdate(recordCouncilResult, { args: [councilResult('district', partsFor(75))] });
      await handle.executeUpdate(recordCouncilResult, { args: [councilResult('province', partsFor(78))] });
    }
    const state = await stateOnceIn(stack.db, handle, productId, 'POST_INSPECTION');
    expect(state).toMatchObject({ stage: 'POST_INSPECTION', stars });
    return { handle, state };
  }

  async function inspect(handle: WorkflowHandle, result: RecordInspection['result']): Promise<ProductState> {
    return handle.executeUpdate(recordInspection, { args: [inspection(result, await stack.env.currentTimeMs())] });
  }

  /** The yearly due dates of a certificate, as the workflow computes them from the decision date. */
  function roundsOf(state: ProductState): string[] {
    const decidedOn = new Date(state.certificate?.decidedOn ?? '');
    return [1, 2, 3].map((k) => addDuration(decidedOn, `P${12 * k}M`).toISOString());
  }

  const certificateRow = (productId: string) =>
    stack.db
      .selectFrom('certificates')
      .select(['number', 'stars', 'level', 'status', 'valid_until'])
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow();

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
    const state = await handle.result();
    expect((Date.now() - wallStart) / 1000).toBeLessThan(60); // 36 months: the server skipped time

    expect(state).toMatchObject({ stage: 'EXPIRED', stars: 3, deadline: null });
    expect(state.certificate).toMatchObject({ number: '001/2023/OCOP-PIA', stars: 3, level: 'district' });
    expect(state.inspections.map((i) => [i.round, i.dueAt, i.outcome])).toEqual([
      [1, due[0], 'pass'],
      [2, due[1], 'pass'],
      [3, due[2], 'pass'],
    ]);
    expect(state.history.map((h) => [h.seq, h.action, h.stageTo, h.actor.id])).toEqual([
      [1, 'register', 'REGISTERED', 'vp-ocop-cb'],
      [2, 'submitDossier', 'DOSSIER_REVIEW', producer.id],
      [3, 'reviewDossier', 'EVALUATION', districtOfficer.id],
      [4, 'recordCouncilResult', 'CERTIFIED', 'thu-ky-district'],
      [5, 'enter:POST_INSPECTION', 'POST_INSPECTION', 'ocop-engine'],
      [6, 'recordInspection', 'POST_INSPECTION', inspector.id],
      [7, 'recordInspection', 'POST_INSPECTION', inspector.id],
      [8, 'recordInspection', 'POST_INSPECTION', inspector.id],
      [9, 'close:EXPIRED', 'EXPIRED', 'ocop-engine'],
    ]);
    // The expiry is stamped with the workflow's own clock, 36 months on, not the test's.
    expect(Date.parse(state.history.at(-1)?.at ?? '') - Date.parse(validUntil)).toBeLessThan(1000);
    await expectPersisted(stack.db, state);
    const events = await eventsOf(stack.db, productId);
    expect(events.slice(5, 8).map((e) => e.payload)).toEqual(
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

  it('revokes the certificate at a post-inspection', async () => {
    const productId = 'PIB-2023-0001';
    const { handle, state: first } = await certified(productId, 3);
    await skipTo(Date.parse(roundsOf(first)[0] ?? '') - 10 * DAY);
    const grounds = 'Vi phạm an toàn thực phẩm: mẫu kiểm nghiệm vượt ngưỡng';
    const revoked = await inspect(handle, { outcome: 'revoke', grounds });

    expect(revoked).toMatchObject({ stage: 'REVOKED', deadline: null, stars: 3 });
    const state = await endedResult<ProductState>(stack.env, handle.workflowId);
    expect(state.stage).toBe('REVOKED');
    await expectPersisted(stack.db, state);
    expect((await eventsOf(stack.db, productId)).at(-1)).toMatchObject({
      seq: 6,
      action: 'close:REVOKED',
      actor_id: inspector.id,
      actor_role: 'inspector',
      stage_from: 'POST_INSPECTION',
      stage_to: 'REVOKED',
      payload: expect.objectContaining({ grounds, result: { outcome: 'revoke', grounds } }),
    });
    expect(await certificateRow(productId)).toMatchObject({ stars: 3, status: 'revoked' });
  });

  it('downgrades a 4-star product to 3 stars, keeps the certificate term, and expires it when no team comes again', async () => {
    const productId = 'PIC-2023-0001';
    const { handle, state: first } = await certified(productId, 4);
    const due = roundsOf(first);
    const validUntil = first.certificate?.validUntil ?? '';
    await skipTo(Date.parse(due[0] ?? '') - 3 * DAY);
    const grounds = 'Bao bì không đúng mẫu đã được công nhận';
    const downgraded = await inspect(handle, { outcome: 'downgrade', toStars: 3, grounds });

    expect(downgraded).toMatchObject({ stage: 'POST_INSPECTION', stars: 3 });
    expect(downgraded.certificate).toEqual({ ...first.certificate, stars: 3 });
    expect(downgraded.deadline).toEqual({ kind: 'inspection', dueAt: due[1] });
    await expectPersisted(stack.db, downgraded);
    expect((await eventsOf(stack.db, productId)).at(-1)).toMatchObject({
      action: 'recordInspection',
      actor_role: 'inspector',
      payload: expect.objectContaining({
        round: 1,
        fromStars: 4,
        result: { outcome: 'downgrade', toStars: 3, grounds },
      }),
    });
    expect(await certificateRow(productId)).toMatchObject({
      number: '001/2023/OCOP-PIC',
      stars: 3,
      level: 'province',
      status: 'active',
    });

    // Round 2 is never done: it is escalated, and the overdue wait ends with the certificate.
    const state = await handle.result();
    expect(state).toMatchObject({ stage: 'EXPIRED', stars: 3 });
    expect(state.history.at(-1)?.action).toBe('close:EXPIRED');
    expect(Date.parse(state.history.at(-1)?.at ?? '') - Date.parse(validUntil)).toBeLessThan(1000);
    expect(state.history.map((h) => h.action).slice(5)).toEqual([
      'enter:POST_INSPECTION',
      'recordInspection',
      'close:EXPIRED',
    ]);
    await expectPersisted(stack.db, state);
    expect(await notificationsOf(stack.db, productWorkflowId(productId))).toEqual([
      ['inspection-due', 'P30D'],
      ['inspection-due', 'P7D'],
      ['inspection-due', 'P30D'],
      ['inspection-due', 'P7D'],
      ['deadline-escalation', 'escalation'],
      ['certificate-expiry', 'notice'],
    ]);
    expect(await certificateRow(productId)).toMatchObject({ stars: 3, status: 'expired' });
  });

  it('counts a corrective action and its re-check as one round', async () => {
    const productId = 'PID-2023-0001';
    const { handle, state: first } = await certified(productId, 3);
    const due = roundsOf(first);
    await skipTo(Date.parse(due[0] ?? '') - 10 * DAY);
    const correctBy = inDays(30, await stack.env.currentTimeMs());
    const corrective = await inspect(handle, {
      outcome: 'corrective-action',
      findings: 'Thiếu tem truy xuất nguồn gốc',
      dueAt: correctBy,
    });
    expect(corrective.deadline).toEqual({ kind: 'corrective-action', dueAt: correctBy });

    await skipTo(Date.parse(due[0] ?? '') + 15 * DAY);
    const rechecked = await inspect(handle, { outcome: 'pass' });
    expect(rechecked.deadline).toEqual({ kind: 'inspection', dueAt: due[1] });
    expect(rechecked.inspections.map((i) => [i.round, i.outcome])).toEqual([
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
    await expectPersisted(stack.db, rechecked);
    await handle.terminate('the test ends in the second round');
  });

  it('takes an unscheduled inspection after the last round and revokes before expiry', async () => {
    const productId = 'PIE-2023-0001';
    const { handle, state: first } = await certified(productId, 3);
    for (let round = 1; round <= 3; round++) await inspect(handle, { outcome: 'pass' });
    await skipTo(Date.parse(first.certificate?.validUntil ?? '') - 60 * DAY);

    const revoked = await inspect(handle, { outcome: 'revoke', grounds: 'Ngừng sản xuất' });
    expect(revoked.stage).toBe('REVOKED');
    expect(revoked.inspections.map((i) => [i.round, i.outcome])).toEqual([
      [1, 'pass'],
      [2, 'pass'],
      [3, 'pass'],
      [4, 'revoke'],
    ]);
    const state = await endedResult<ProductState>(stack.env, handle.workflowId);
    await expectPersisted(stack.db, state);
    expect(await certificateRow(productId)).toMatchObject({ status: 'revoked' });
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

    const superseded = await endedResult<ProductState>(stack.env, old.workflowId);
    expect(superseded).toMatchObject({ stage: 'SUPERSEDED', stars: 4 });
    await expectPersisted(stack.db, superseded);
    expect((await eventsOf(stack.db, oldId)).map((e) => e.action).slice(5)).toEqual([
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
