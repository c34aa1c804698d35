// The stack end to end: the built worker process on the dev server, the
// client library, and the rows in PostgreSQL.
import { addDuration } from '../../domain/duration';
import { eventually, useWorkerProcess } from '../support/env';
import { councilResult, districtOfficer, hatDe, producer, recognitionDecision } from '../support/fixtures';

const TASK_QUEUE = 'walking-skeleton';
const PRODUCT = 'WS-2023-0001';

describe('walking skeleton on the dev server', () => {
  const stack = useWorkerProcess(TASK_QUEUE);

  it('takes a product from registration to a 3-star certificate and persists every transition', async () => {
    await stack.client.startProductApplication(hatDe(PRODUCT));
    await stack.client.act(PRODUCT, 'submitDossier', {
      actor: producer,
      documents: ['Phiếu đăng ký', 'Báo cáo tự đánh giá'],
    });
    await stack.client.act(PRODUCT, 'reviewDossier', { actor: districtOfficer, decision: { outcome: 'accept' } });
    const rated = await stack.client.act(
      PRODUCT,
      'recordCouncilResult',
      councilResult('district', { A: 25, B: 15, C: 22 }),
    );
    // The council rates; the certificate waits for the authority's recognition decision.
    expect(rated).toMatchObject({ stage: 'AWAITING_DECISION', certificate: null });
    expect(rated.pendingRecognition).toEqual({ stars: 3, level: 'district' });
    const decidedOn = Date.now() - 60_000;
    const certified = await stack.client.act(PRODUCT, 'recordRecognitionDecision', recognitionDecision(decidedOn));

    expect(certified.stage).toBe('CERTIFIED');
    expect(certified.stars).toBe(3);
    expect(certified.certificate?.number).toMatch(/^\d{3}\/2023\/OCOP-WS$/);

    const events = await stack.db
      .selectFrom('product_events')
      .select(['seq', 'action', 'stage_from', 'stage_to', 'actor_role'])
      .where('product_id', '=', PRODUCT)
      .orderBy('seq')
      .execute();
    expect(events.slice(0, 5)).toEqual([
      { seq: 1, action: 'register', stage_from: null, stage_to: 'REGISTERED', actor_role: 'coordinator' },
      { seq: 2, action: 'submitDossier', stage_from: 'REGISTERED', stage_to: 'DOSSIER_REVIEW', actor_role: 'producer' },
      { seq: 3, action: 'reviewDossier', stage_from: 'DOSSIER_REVIEW', stage_to: 'EVALUATION', actor_role: 'officer' },
      {
        seq: 4,
        action: 'recordCouncilResult',
        stage_from: 'EVALUATION',
        stage_to: 'AWAITING_DECISION',
        actor_role: 'council_secretary',
      },
      {
        seq: 5,
        action: 'recordRecognitionDecision',
        stage_from: 'AWAITING_DECISION',
        stage_to: 'CERTIFIED',
        actor_role: 'coordinator',
      },
    ]);

    const certificate = await stack.db
      .selectFrom('certificates')
      .selectAll()
      .where('product_id', '=', PRODUCT)
      .executeTakeFirstOrThrow();
    expect(certificate).toMatchObject({
      stars: 3,
      level: 'district',
      status: 'active',
      number: certified.certificate?.number,
      decision_number: '1234/QĐ-UBND',
    });
    // The 36 months run from the decision's date, not from when the scores were typed in.
    expect(certificate.decided_on.getTime()).toBe(decidedOn);
    expect(certificate.valid_until.toISOString()).toBe(addDuration(new Date(decidedOn), 'P36M').toISOString());
    const sheets = await stack.db
      .selectFrom('score_sheets')
      .select(['member_id', 'total'])
      .where('product_id', '=', PRODUCT)
      .execute();
    expect(sheets.map((s) => Number(s.total))).toEqual([62, 62, 62]);

    // After certification the application continues as new into post-inspection.
    const state = await eventually(
      () => stack.client.productState(PRODUCT),
      (s) => s.stage === 'POST_INSPECTION',
    );
    expect(state.deadline?.kind).toBe('inspection');
    const product = await eventually(
      () => stack.db.selectFrom('products').selectAll().where('id', '=', PRODUCT).executeTakeFirstOrThrow(),
      (p) => p.last_seq === 6,
    );
    expect(product).toMatchObject({
      stage: 'POST_INSPECTION',
      stars: 3,
      last_seq: 6,
      certificate_no: certificate.number,
    });
  });
});
