// The stack end to end: the built worker process on the dev server, the
// client library, and the rows in PostgreSQL.
import { eventually, useWorkerProcess } from '../support/env';
import { councilResult, districtOfficer, hatDe, producer } from '../support/fixtures';

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
    const certified = await stack.client.act(
      PRODUCT,
      'recordCouncilResult',
      councilResult('district', { A: 25, B: 15, C: 22 }),
    );

    expect(certified.stage).toBe('CERTIFIED');
    expect(certified.stars).toBe(3);
    expect(certified.certificate?.number).toMatch(/^\d{3}\/2023\/OCOP-WS$/);

    const events = await stack.db
      .selectFrom('product_events')
      .select(['seq', 'action', 'stage_from', 'stage_to', 'actor_role'])
      .where('product_id', '=', PRODUCT)
      .orderBy('seq')
      .execute();
    expect(events.slice(0, 4)).toEqual([
      { seq: 1, action: 'register', stage_from: null, stage_to: 'REGISTERED', actor_role: 'coordinator' },
      { seq: 2, action: 'submitDossier', stage_from: 'REGISTERED', stage_to: 'DOSSIER_REVIEW', actor_role: 'producer' },
      { seq: 3, action: 'reviewDossier', stage_from: 'DOSSIER_REVIEW', stage_to: 'EVALUATION', actor_role: 'officer' },
      {
        seq: 4,
        action: 'recordCouncilResult',
        stage_from: 'EVALUATION',
        stage_to: 'CERTIFIED',
        actor_role: 'council_secretary',
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
    });
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
      (p) => p.last_seq === 5,
    );
    expect(product).toMatchObject({
      stage: 'POST_INSPECTION',
      stars: 3,
      last_seq: 5,
      certificate_no: certificate.number,
    });
  });
});
