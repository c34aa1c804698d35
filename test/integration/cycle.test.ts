// A province's year, compressed to under a minute, on the dev server with the
// built worker process and PostgreSQL.
import type { WorkflowUpdateFailedError } from '@temporalio/client';
import { cycleReport } from '../../client/reports';
import { type CycleInput, CycleTargets, type RegisterProduct } from '../../domain/cycle';
import { cycleWorkflowId } from '../../domain/ids';
import type { CycleReport } from '../../domain/report';
import { registerProduct } from '../../workflows/cycle/messages';
import { eventually, useWorkerProcess } from '../support/env';
import { coordinator, councilResult, districtOfficer, recognitionDecision } from '../support/fixtures';

const TASK_QUEUE = 'cycle';
const SECOND = 1000;

/** Cao Bằng, whose districts products are placed in; each test a year of its own, as a rehearsal may. */
function compressedCycle(year: number, start: number): CycleInput {
  const at = (seconds: number) => new Date(start + seconds * SECOND).toISOString();
  return {
    province: 'CB',
    year,
    compressed: true,
    ruleSetId: 'OCOP_148_2023',
    calendar: {
      registrationOpens: at(-1),
      registrationCloses: at(12),
      dossierDeadline: at(18),
      evaluation: { district: at(26), province: at(30), central: at(34) },
      cycleEnds: at(38),
    },
    targets: { newProductsThreeStarsOrMore: 2, productsFourStarsOrMore: 1, cooperativeShare: 0.4, smeShare: 0.3 },
    durations: { lapseGrace: 'PT2S', reminderOffsets: ['PT3S'], certificateValidity: 'PT10M' },
    // Six seconds after the start: the registrations and three dossiers below must be in by then.
    notices: { registrationCloses: ['PT6S'] },
  };
}

const registration = (subjectId: string, name: string, type: 'cooperative' | 'enterprise' | 'household') =>
  ({
    actor: coordinator,
    product: { name, group: 'food' },
    subject: { id: subjectId, name: `Chủ thể ${subjectId}`, type },
    unit: '051',
  }) satisfies RegisterProduct;

describe('the annual cycle', () => {
  const stack = useWorkerProcess(TASK_QUEUE);

  it('runs from start to final report, whose figures match the audit trail', async () => {
    const input = compressedCycle(2081, Date.now());
    const { cycleId } = await stack.client.startCycle(input);
    expect(cycleId).toBe('CB-2081');

    const [three, under50, silent, four] = await Promise.all([
      stack.client.registerProduct(cycleId, registration('htx-a', 'Hạt dẻ Trùng Khánh', 'cooperative')),
      stack.client.registerProduct(cycleId, registration('cty-b', 'Miến dong Phia Đén', 'enterprise')),
      stack.client.registerProduct(cycleId, registration('hkd-c', 'Thạch đen Thạch An', 'household')),
      stack.client.registerProduct(cycleId, registration('htx-d', 'Lạp sườn hun khói', 'cooperative')),
    ]);
    expect([three, under50, silent, four].map((r) => r.productId).sort()).toEqual([
      'CB-2081-0001',
      'CB-2081-0002',
      'CB-2081-0003',
      'CB-2081-0004',
    ]);

    await expect(
      stack.client.registerProduct(cycleId, registration('htx-a', '  hạt dẻ   TRÙNG KHÁNH ', 'cooperative')),
    ).rejects.toMatchObject({ kind: 'AlreadyExists', message: expect.stringContaining(`as ${three.productId}`) });

    const submitted = [three, under50, four];
    for (const { productId } of submitted) {
      // A coordinator may act for the subject.
      await stack.client.act(productId, 'submitDossier', { actor: coordinator, documents: ['Phiếu đăng ký'] });
    }
    for (const { productId } of submitted) {
      await stack.client.act(productId, 'reviewDossier', { actor: districtOfficer, decision: { outcome: 'accept' } });
    }
    await stack.client.act(three.productId, 'recordCouncilResult', councilResult('district', { A: 25, B: 15, C: 20 }));
    await stack.client.act(
      under50.productId,
      'recordCouncilResult',
      councilResult('district', { A: 15, B: 10, C: 15 }),
    );
    await stack.client.act(four.productId, 'recordCouncilResult', councilResult('district', { A: 32, B: 20, C: 26 }));
    await stack.client.act(four.productId, 'recordCouncilResult', councilResult('province', { A: 31, B: 20, C: 27 }));
    // A rating is certified by the province's recognition decision, not by the council's scores.
    for (const { productId } of [three, four]) {
      await stack.client.act(productId, 'recordRecognitionDecision', recognitionDecision(Date.now()));
    }

    const handle = stack.client.client.workflow.getHandle(cycleWorkflowId(cycleId));
    const final = (await handle.result()) as CycleReport;

    expect(final.registered).toBe(4);
    expect(final.byStage).toEqual({ NOT_RANKED: 1, LAPSED: 1, POST_INSPECTION: 2 });
    expect(final.byStars).toEqual({ '3': 1, '4': 1 });
    expect(final.subjects).toEqual({ total: 4, byType: { cooperative: 2, enterprise: 1, household: 1 } });
    expect(final.targets.map((t) => [t.target, t.actual, t.met])).toEqual([
      ['newProductsThreeStarsOrMore', 2, true],
      ['productsFourStarsOrMore', 1, true],
      ['productsFiveStars', 0, true],
      ['cooperativeShare', 0.5, true],
      ['smeShare', 0.25, false],
      ['rankedProductsKeptShare', final.keptProducts.share, final.keptProducts.share >= 1],
    ]);
    // Kept is province-wide: other test files' CB certificates, revoked or lapsing as this one runs, count in it.
    // Its figures are checked on a database of their own in api-reports.test.ts; here, that the target reads them.

    // The same figures, counted straight from the append-only audit trail.
    const lastStages = await stack.db
      .selectFrom('product_events as e')
      .select(['e.product_id', 'e.stage_to'])
      .where('e.product_id', 'like', `${cycleId}-%`)
      .where(({ eb, selectFrom }) =>
        eb(
          'e.seq',
          '=',
          selectFrom('product_events as l')
            .select((s) => s.fn.max('l.seq').as('m'))
            .whereRef('l.product_id', '=', 'e.product_id'),
        ),
      )
      .execute();
    const counted: Record<string, number> = {};
    for (const row of lastStages) counted[row.stage_to] = (counted[row.stage_to] ?? 0) + 1;
    expect(counted).toEqual(final.byStage);
    const certifiedEvents = await stack.db
      .selectFrom('product_events')
      .select(['product_id', 'payload'])
      .where('product_id', 'like', `${cycleId}-%`)
      .where('stage_to', '=', 'CERTIFIED')
      .execute();
    expect(certifiedEvents).toHaveLength(final.newThreeStarsOrMore);

    // The report a coordinator reads later equals the one written at the end.
    const stored = await stack.db
      .selectFrom('cycles')
      .select(['phase', 'final_report'])
      .where('id', '=', cycleId)
      .executeTakeFirstOrThrow();
    expect(stored.phase).toBe('ENDED');
    expect((stored.final_report as unknown as CycleReport).targets).toEqual(final.targets);
    expect((await cycleReport(stack.db, cycleId)).byStage).toEqual(final.byStage);

    const notices = await stack.db
      .selectFrom('notifications')
      .select(['template', 'idempotency_key', 'payload'])
      .where('idempotency_key', 'like', `${cycleWorkflowId(cycleId)}/%`)
      .orderBy('idempotency_key')
      .execute();
    // "Registration closes soon" went only to the subject still without a dossier by then.
    const closing = notices.filter((n) => n.template === 'registration-closing');
    expect(closing.map((n) => n.idempotency_key)).toEqual([
      expect.stringMatching(new RegExp(`/PT6S/${silent.productId}$`)),
    ]);
    // It names both dates: when registration closes, and when the dossier is due.
    expect(closing[0]?.payload).toMatchObject({
      registrationClosesAt: input.calendar.registrationCloses,
      dueAt: input.calendar.dossierDeadline,
    });
    expect(notices.filter((n) => n.template === 'cycle-report')).toHaveLength(1);
    // The coordinators' digest of lapses names the silent product, once.
    const digests = await stack.db
      .selectFrom('notifications')
      .select('payload')
      .where('template', '=', 'lapsed-digest')
      .where('idempotency_key', 'like', `${cycleWorkflowId(cycleId)}/%`)
      .execute();
    expect(
      digests.map((d) => (d.payload as { lapsed: { productId: string }[] }).lapsed.map((l) => l.productId)),
    ).toEqual([[silent.productId]]);
  }, 90_000);

  /** A cycle whose dossiers fall due in 20 minutes: long enough that no date passes during a test. */
  async function startCycleInMinutes(year: number) {
    const start = Date.now();
    const minutes = (n: number) => new Date(start + n * 60 * SECOND).toISOString();
    const input = compressedCycle(year, start);
    input.calendar = {
      registrationOpens: minutes(-1),
      registrationCloses: minutes(10),
      dossierDeadline: minutes(20),
      evaluation: { district: minutes(30) },
      cycleEnds: minutes(40),
    };
    const { cycleId } = await stack.client.startCycle(input);
    return { cycleId, minutes };
  }

  const moveDossierDeadline = (cycleId: string, until: string, reason: string) =>
    stack.client.extendCalendar(cycleId, { actor: coordinator, deadline: 'dossierDeadline', until, reason });

  /** The application's state once it has the dossier deadline `until`, or as it is when it never gets it. */
  const onceDossierDue = (productId: string, until: string) =>
    eventually(
      () => stack.client.productState(productId).catch(() => null),
      (state) => state?.deadline?.dueAt === until,
    );

  it('moves a calendar date for the products already waiting on it, at once', async () => {
    const { cycleId, minutes } = await startCycleInMinutes(2082);
    const { productId } = await stack.client.registerProduct(
      cycleId,
      registration('htx-x', 'Mật ong bạc hà', 'cooperative'),
    );
    expect((await stack.client.productState(productId)).deadline).toEqual({ kind: 'dossier', dueAt: minutes(20) });

    const until = minutes(25);
    const cycle = await moveDossierDeadline(cycleId, until, 'Mưa lũ kéo dài');
    expect(cycle.calendar.dossierDeadline).toBe(until);
    const waiting = await onceDossierDue(productId, until);
    expect(waiting?.deadline).toEqual({ kind: 'dossier', dueAt: until });
    expect(waiting?.history.at(-1)).toMatchObject({ action: 'calendarChanged', stageTo: 'REGISTERED' });
    const row = await eventually(
      () =>
        stack.db.selectFrom('products').select('next_deadline').where('id', '=', productId).executeTakeFirstOrThrow(),
      (r) => r.next_deadline?.toISOString() === until,
    );
    expect(row.next_deadline?.toISOString()).toBe(until);
    await stack.client.client.workflow.getHandle(cycleWorkflowId(cycleId)).terminate('test done');
  });

  it('gives the new date to applications registered while the extension arrives', async () => {
    const { cycleId, minutes } = await startCycleInMinutes(2083);
    const until = minutes(25);
    const [first, , second, third] = await Promise.all([
      stack.client.registerProduct(cycleId, registration('htx-u1', 'Bánh cuốn Cao Bằng', 'cooperative')),
      moveDossierDeadline(cycleId, until, 'Rét đậm'),
      stack.client.registerProduct(cycleId, registration('htx-u2', 'Bánh áp chao', 'cooperative')),
      stack.client.registerProduct(cycleId, registration('htx-u3', 'Mắc mật', 'household')),
    ]);
    for (const { productId } of [first, second, third]) {
      const state = await onceDossierDue(productId, until);
      expect([productId, state?.deadline]).toEqual([productId, { kind: 'dossier', dueAt: until }]);
    }
    await stack.client.client.workflow.getHandle(cycleWorkflowId(cycleId)).terminate('test done');
  });

  it('reports a cycle against the targets the workflow holds before its row is written', async () => {
    const input = compressedCycle(2084, Date.now());
    // No cycle CB-2084 in the read model yet: the figures are zero, the goals those of the input.
    const report = await cycleReport(stack.db, 'CB-2084', CycleTargets.parse(input.targets));
    expect(report.registered).toBe(0);
    expect(report.targets.map((t) => [t.target, t.goal, t.actual])).toContainEqual([
      'newProductsThreeStarsOrMore',
      2,
      0,
    ]);
    await expect(cycleReport(stack.db, 'CB-2084')).rejects.toMatchObject({ kind: 'NotFound' });
  });

  it('moves a date even when an application it would tell was ended by an operator', async () => {
    const { cycleId, minutes } = await startCycleInMinutes(2085);
    const [ended, open] = await Promise.all([
      stack.client.registerProduct(cycleId, registration('htx-o1', 'Mận Bắc Hà', 'cooperative')),
      stack.client.registerProduct(cycleId, registration('htx-o2', 'Mật ong Mèo Vạc', 'cooperative')),
    ]);
    // Terminated from Temporal UI, say: its row still reads REGISTERED.
    await eventually(
      () => stack.db.selectFrom('products').select('stage').where('id', '=', ended.productId).executeTakeFirst(),
      (row) => row?.stage === 'REGISTERED',
    );
    await stack.client.client.workflow.getHandle(ended.workflowId).terminate('ended by an operator');

    const until = minutes(25);
    const cycle = await moveDossierDeadline(cycleId, until, 'Sạt lở');
    expect(cycle.calendar.dossierDeadline).toBe(until);
    const state = await onceDossierDue(open.productId, until);
    expect(state?.deadline).toEqual({ kind: 'dossier', dueAt: until });
    await stack.client.client.workflow.getHandle(cycleWorkflowId(cycleId)).terminate('test done');
  });

  it('refuses a re-evaluation that names no earlier product, in the client and in the cycle, leaving no trace', async () => {
    const { cycleId } = await startCycleInMinutes(2086);
    const raw = { ...registration('htx-r', 'Trà hoa vàng', 'cooperative'), kind: 're-evaluation' as const };
    const message =
      'registerProduct: previousProductId: required for a re-evaluation: the product whose certificate it replaces';
    await expect(stack.client.registerProduct(cycleId, raw)).rejects.toMatchObject({
      kind: 'ValidationError',
      message,
    });

    // Past the client, the cycle's validator refuses it as well.
    const handle = stack.client.client.workflow.getHandle(cycleWorkflowId(cycleId));
    const refused = await handle.executeUpdate(registerProduct, { args: [raw] }).catch((e: unknown) => e);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'ValidationError', message });
    const history = await handle.fetchHistory();
    expect(history.events?.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
    expect(
      await stack.db.selectFrom('registrations').select('product_id').where('cycle_id', '=', cycleId).execute(),
    ).toEqual([]);
    await handle.terminate('test done');
  });

  it('refuses registration before the window opens and after it closes', async () => {
    const now = Date.now();
    const later = compressedCycle(2087, now + 60 * SECOND);
    const { cycleId } = await stack.client.startCycle(later);
    await expect(
      stack.client.registerProduct(cycleId, registration('htx-z', 'Quýt Trà Lĩnh', 'cooperative')),
    ).rejects.toMatchObject({
      kind: 'WrongStage',
      message: expect.stringContaining('registration opens on'),
    });

    const closed = compressedCycle(2088, now);
    closed.calendar.registrationOpens = new Date(now - 20 * SECOND).toISOString();
    closed.calendar.registrationCloses = new Date(now - 10 * SECOND).toISOString();
    closed.calendar.dossierDeadline = new Date(now + 5 * SECOND).toISOString();
    const { cycleId: closedId } = await stack.client.startCycle(closed);
    await expect(
      stack.client.registerProduct(closedId, registration('htx-w', 'Lê Đông Khê', 'cooperative')),
    ).rejects.toMatchObject({ kind: 'DeadlinePassed', message: expect.stringContaining('registration closed on') });
    // The role is checked before the deadline: one who may not register hears that first.
    await expect(
      stack.client.registerProduct(closedId, {
        ...registration('htx-w', 'Lê Đông Khê', 'cooperative'),
        actor: { id: 'hkd-khac', role: 'producer' },
      }),
    ).rejects.toMatchObject({ kind: 'Forbidden', message: expect.stringContaining('may register only for itself') });

    const history = await stack.client.client.workflow.getHandle(cycleWorkflowId(closedId)).fetchHistory();
    expect(history.events?.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
    const rows = await stack.db
      .selectFrom('registrations')
      .select('product_id')
      .where('cycle_id', 'in', [cycleId, closedId])
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses a calendar out of order, a year that does not match, and a target that is no number', async () => {
    const input = compressedCycle(2089, Date.now());
    const outOfOrder = { ...input, calendar: { ...input.calendar, dossierDeadline: input.calendar.registrationOpens } };
    await expect(stack.client.startCycle(outOfOrder)).rejects.toMatchObject({
      kind: 'ValidationError',
      message: expect.stringContaining('calendar.dossierDeadline: must be after calendar.registrationCloses'),
    });
    await expect(stack.client.startCycle({ ...input, compressed: false, year: 2019 })).rejects.toMatchObject({
      message: expect.stringContaining('year: must be the year registration opens'),
    });
    await expect(
      stack.client.startCycle({
        ...input,
        targets: { ...input.targets, newProductsThreeStarsOrMore: 'thirty' as unknown as number },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('targets.newProductsThreeStarsOrMore') });
    await expect(stack.client.cycleState('CB-2089')).rejects.toMatchObject({ kind: 'NotFound' });
  });

  it('creates a yearly Schedule that can be described', async () => {
    const { scheduleId } = await stack.client.createCycleSchedule(
      {
        province: 'SC',
        offsets: {
          registrationCloses: 'P45D',
          dossierDeadline: 'P75D',
          evaluation: { district: 'P150D' },
          cycleEnds: 'P300D',
        },
        targets: { newProductsThreeStarsOrMore: 30 },
      },
      { month: 2, day: 1 },
    );
    expect(scheduleId).toBe('ocop-cycle-schedule-SC');
    const described = await stack.client.describeCycleSchedule('SC');
    expect(described.paused).toBe(false);
    const next = new Date(described.nextRuns[0] ?? '');
    expect(next.getTime()).toBeGreaterThan(Date.now());
    // 1 February, 00:00 in Asia/Ho_Chi_Minh, is 31 January 17:00 UTC.
    expect([next.getUTCMonth(), next.getUTCDate(), next.getUTCHours()]).toEqual([0, 31, 17]);
    await expect(
      stack.client.createCycleSchedule({
        province: 'SC',
        offsets: { registrationCloses: 'P1D', dossierDeadline: 'P2D', cycleEnds: 'P3D' },
        targets: { newProductsThreeStarsOrMore: 1 },
      }),
    ).rejects.toMatchObject({ kind: 'AlreadyExists' });
    await stack.client.client.schedule.getHandle(scheduleId).delete();
  });

  it("starts a second round's cycle from its own Schedule, under the rule set in force on the day it fires", async () => {
    const { scheduleId } = await stack.client.createCycleSchedule(
      {
        province: 'SD',
        round: 2,
        offsets: { registrationCloses: 'P45D', dossierDeadline: 'P75D', cycleEnds: 'P300D' },
        targets: { newProductsThreeStarsOrMore: 1 },
      },
      { month: 7, day: 1 },
    );
    expect(scheduleId).toBe('ocop-cycle-schedule-SD-D2');
    const schedule = stack.client.client.schedule.getHandle(scheduleId);
    try {
      await schedule.trigger();
      const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
      const cycleId = `SD-${year}-D2`;
      const state = await eventually(
        () => stack.client.cycleState(cycleId).catch(() => undefined),
        (s) => s !== undefined,
      );
      expect(state).toMatchObject({ cycleId, round: 2, ruleSetId: 'OCOP_1489_2025', phase: 'REGISTRATION' });
      await stack.client.client.workflow.getHandle(cycleWorkflowId(cycleId)).terminate('test done');
    } finally {
      await schedule.delete();
    }
  });
});
