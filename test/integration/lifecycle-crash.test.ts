// A worker killed without warning (SIGKILL) loses nothing: another worker
// replays the histories and carries the lifecycle on, and the audit trail in
// PostgreSQL holds every transition exactly once. The real built worker, on the
// dev server, with a calendar compressed into seconds.
import { productWorkflowId } from '../../domain/ids';
import { eventsOf, eventually, spawnWorker, stopProcess, useWorkerProcess } from '../support/env';
import {
  councilResult,
  DOSSIER,
  districtOfficer,
  hatDe,
  inspector,
  partsFor,
  producer,
  recognitionDecision,
} from '../support/fixtures';

const TASK_QUEUE = `lifecycle-crash-${process.pid}`;
const PRODUCT = 'KC-2023-0001';
const SECOND = 1000;

describe('a lifecycle across killed workers', () => {
  const stack = useWorkerProcess(TASK_QUEUE);
  const startWorker = () => spawnWorker({ TEMPORAL_TASK_QUEUE: TASK_QUEUE });
  const readModel = () => stack.db.selectFrom('products').selectAll().where('id', '=', PRODUCT).executeTakeFirst();

  it('completes registration to expiry with every product_events row present once', async () => {
    const started = Date.now();
    // One post-inspection round at 20 s, expiry at 30 s: the whole lifecycle in under a minute. Each
    // SIGKILL costs up to 10 s, until the server gives up on the dead worker's sticky queue.
    await stack.client.startProductApplication(
      hatDe(PRODUCT, {
        deadlines: { dossier: new Date(started + 60 * SECOND).toISOString(), evaluation: {} },
        durations: {
          certificateValidity: 'PT30S',
          postInspectionInterval: 'PT20S',
          expiryNoticeLead: 'PT5S',
          reminderOffsets: ['PT2S'],
        },
      }),
    );
    await stack.client.act(PRODUCT, 'submitDossier', { actor: producer, documents: DOSSIER });

    // The first kill finds the application idle, waiting for the district's review.
    expect(await stopProcess(stack.worker, 'SIGKILL')).toBeNull();
    stack.worker = await startWorker();
    await stack.client.act(PRODUCT, 'reviewDossier', { actor: districtOfficer, decision: { outcome: 'accept' } });
    const rated = await stack.client.act(PRODUCT, 'recordCouncilResult', councilResult('district', partsFor(62)));
    expect(rated).toMatchObject({ stage: 'AWAITING_DECISION', pendingRecognition: { stars: 3 } });
    const decided = stack.client.act(PRODUCT, 'recordRecognitionDecision', recognitionDecision(Date.now() - 1000));
    // The third kill lands as the recognition decision is on its way: it certifies once, with one serial.
    expect(await stopProcess(stack.worker, 'SIGKILL')).toBeNull();
    stack.worker = await startWorker();
    const certified = await decided;
    expect(certified).toMatchObject({ stage: 'CERTIFIED', stars: 3 });
    expect(certified.certificate?.number).toBe('001/2023/OCOP-KC');
    await eventually(readModel, (p) => p?.last_seq === 6);

    // The second kill lands as an inspector's Update is on its way: the next worker must answer it.
    const inspected = stack.client.act(PRODUCT, 'recordInspection', {
      actor: inspector,
      inspectedAt: new Date().toISOString(),
      result: { outcome: 'pass' },
    });
    expect(await stopProcess(stack.worker, 'SIGKILL')).toBeNull();
    stack.worker = await startWorker();
    const passed = await inspected;
    expect(passed.deadline).toEqual({ kind: 'certificate-expiry', dueAt: certified.certificate?.validUntil });

    const product = await eventually(readModel, (p) => p?.stage === 'EXPIRED', 45 * SECOND);
    expect(product).toMatchObject({ stage: 'EXPIRED', stars: 3, last_seq: 8, certificate_no: '001/2023/OCOP-KC' });

    const events = await eventsOf(stack.db, PRODUCT);
    expect(events.map((e) => [e.seq, e.action, e.stage_to])).toEqual([
      [1, 'register', 'REGISTERED'],
      [2, 'submitDossier', 'DOSSIER_REVIEW'],
      [3, 'reviewDossier', 'EVALUATION'],
      [4, 'recordCouncilResult', 'AWAITING_DECISION'],
      [5, 'recordRecognitionDecision', 'CERTIFIED'],
      [6, 'enter:POST_INSPECTION', 'POST_INSPECTION'],
      [7, 'recordInspection', 'POST_INSPECTION'],
      [8, 'close:EXPIRED', 'EXPIRED'],
    ]);
    expect(events.every((e) => e.workflow_id === productWorkflowId(PRODUCT))).toBe(true);
    expect(product?.updated_at.toISOString()).toBe(events.at(-1)?.occurred_at.toISOString());
    // Stamped by the workflow: the expiry is the certificate's end, not when a worker got round to it.
    expect(events.at(-1)?.occurred_at.getTime()).toBeGreaterThanOrEqual(
      Date.parse(certified.certificate?.validUntil ?? ''),
    );

    const certificates = await stack.db
      .selectFrom('certificates')
      .select(['number', 'status'])
      .where('product_id', '=', PRODUCT)
      .execute();
    expect(certificates).toEqual([{ number: '001/2023/OCOP-KC', status: 'expired' }]);
    const inspections = await stack.db
      .selectFrom('inspections')
      .select(['round', 'outcome'])
      .where('product_id', '=', PRODUCT)
      .execute();
    expect(inspections).toEqual([{ round: 1, outcome: 'pass' }]);
    // However often a notice was retried, each key went out once.
    const notices = await stack.db
      .selectFrom('notifications')
      .select(['idempotency_key'])
      .where('idempotency_key', 'like', `${productWorkflowId(PRODUCT)}/%`)
      .execute();
    expect(new Set(notices.map((n) => n.idempotency_key)).size).toBe(notices.length);
    expect(notices.map((n) => n.idempotency_key)).toContainEqual(
      expect.stringMatching(/certificate-expiry\/.*\/notice$/),
    );
    expect((Date.now() - started) / SECOND).toBeLessThan(75);
  }, 120_000);
});
