// Recognition and revocation decisions over real HTTP, with tokens from the
// real OpenID provider, on the dev server with the built worker: a decision
// certifies the products it lists from its own date, a retry changes nothing,
// a product not awaiting one is refused and not listed, the announcement needs
// no token and tells nothing personal, the export defuses formulas, and a
// refused caller leaves no row and no event.
import { productWorkflowId } from '../../domain/ids';
import { RecordCouncilResult, type ProductState } from '../../domain/product';
import { addDuration } from '../../domain/duration';
import type { Stage } from '../../domain/schemas';
import { useApi } from '../support/api';
import { eventually, historyLength } from '../support/env';
import { coordinator, DOSSIER, districtOfficer, hatDe, inspector, secretary } from '../support/fixtures';

const api = useApi({ taskQueue: 'api-decisions' });
const YEAR = 2053;
const CYCLE = `CB-${YEAR}`;
// A subject of its own, so the name announced is the one these tests registered.
const OWN = `htx-hat-de-trung-khanh-${YEAR}`;
const EMAIL = 'htx.hatde@example.vn';
const AUTHORITY = 'UBND huyện Trùng Khánh';
let serial = 0;

/** A council of three, its chair first, all scoring 62 points: three stars at the district under 148. */
const council = () =>
  RecordCouncilResult.parse({
    actor: secretary('district'),
    level: 'district',
    meetingDate: new Date().toISOString(),
    councilSize: 3,
    round: 1,
    sheets: ['tv-1', 'tv-2', 'tv-3'].map((memberId, i) => ({
      memberId,
      parts: { A: 25, B: 15, C: 22 },
      ...(i === 0 ? { chair: true } : {}),
    })),
  });

async function readModelStage(id: string, stage: Stage) {
  await eventually(
    () => api.db.selectFrom('products').select('stage').where('id', '=', id).executeTakeFirst(),
    (row) => row?.stage === stage,
    20_000,
  );
}

/** A product of HTX Hạt dẻ (unit 047) driven by the client library to DOSSIER_REVIEW or AWAITING_DECISION. */
async function productAt(stage: 'DOSSIER_REVIEW' | 'AWAITING_DECISION', name = 'Hạt dẻ Trùng Khánh') {
  const id = `${CYCLE}-${String(++serial).padStart(4, '0')}`;
  await api.client.startProductApplication(
    hatDe(id, {
      product: { name, group: 'food' },
      subject: { id: OWN, name: 'HTX Nông nghiệp Hạt dẻ Trùng Khánh', type: 'cooperative', email: EMAIL },
    }),
  );
  await api.client.act(id, 'submitDossier', { actor: coordinator, documents: DOSSIER });
  if (stage === 'AWAITING_DECISION') {
    await api.client.act(id, 'reviewDossier', { actor: districtOfficer, decision: { outcome: 'accept' } });
    await api.client.act(id, 'recordCouncilResult', council());
  }
  await readModelStage(id, stage);
  return id;
}

async function call(login: string | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (login) headers.authorization = `Bearer ${await api.tokenFor(login)}`;
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, text, body: /json/.test(type) ? JSON.parse(text) : text };
}

/** The product's audit trail and its run's history, which a refused request must leave as they were. */
async function trail(productId: string) {
  const handle = api.client.client.workflow.getHandle(productWorkflowId(productId));
  await eventually(
    () => handle.describe(),
    ({ raw }) => (raw.pendingActivities?.length ?? 0) === 0 && !raw.pendingWorkflowTask,
    20_000,
  );
  const events = await api.db
    .selectFrom('product_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return { history: await historyLength(handle), events: Number(events.n) };
}

const decisionRows = (number: string) =>
  api.db
    .withTables<{ recognition_decisions: { id: string; number: string; province: string } }>()
    .selectFrom('recognition_decisions')
    .select('id')
    .where('province', '=', 'CB')
    .where('number', '=', number)
    .execute();

const decisionBody = (number: string, products: string[], more: Record<string, unknown> = {}) => ({
  number,
  decidedOn: new Date().toISOString(),
  authority: AUTHORITY,
  level: 'district',
  products: products.map((productId) => ({ productId })),
  ...more,
});

describe('POST /v1/cycles/{id}/recognition-decisions', () => {
  let first = '';
  let second = '';
  let reviewing = '';
  let decisionId = '';
  let decidedOn = '';
  const NUMBER = `101/QĐ-UBND-${YEAR}`;

  beforeAll(async () => {
    [first, second, reviewing] = await Promise.all([
      productAt('AWAITING_DECISION'),
      productAt('AWAITING_DECISION', '=HYPERLINK("http://example.com","Hạt dẻ")'),
      productAt('DOSSIER_REVIEW'),
    ]);
  });

  it('certifies each product awaiting it from the decision date, refuses and leaves out one that is not', async () => {
    const before = await trail(reviewing);
    const body = decisionBody(NUMBER, [first, second, reviewing]);
    decidedOn = body.decidedOn;
    const answer = await call('nong.thi.ha', 'POST', `/v1/cycles/${CYCLE}/recognition-decisions`, body);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ changed: true, accepted: 2, refused: 1 });
    decisionId = answer.body.decisionId;
    const [a, b, c] = answer.body.products;
    const validUntil = addDuration(new Date(body.decidedOn), 'P36M').toISOString();
    expect(a).toMatchObject({ productId: first, status: 'accepted', stars: 3, validUntil });
    expect(b).toMatchObject({ productId: second, status: 'accepted', stars: 3, validUntil });
    expect(c).toMatchObject({ productId: reviewing, status: 'refused', problem: { status: 409 } });
    for (const id of [first, second]) {
      const state: ProductState = await api.client.productState(id);
      expect(state.certificate).toMatchObject({
        decidedOn: body.decidedOn,
        validUntil,
        decision: { number: NUMBER, decidedOn: body.decidedOn, authority: AUTHORITY },
      });
    }
    expect(await trail(reviewing)).toEqual(before);

    const announced = await call(null, 'GET', `/v1/recognition-decisions/${decisionId}`);
    expect(announced.status).toBe(200);
    expect(announced.body.items.map((p: { productId: string }) => p.productId)).toEqual([first, second]);
  });

  it('changes nothing on a retry of the same decision', async () => {
    const trails = await Promise.all([first, second].map(trail));
    const retry = decisionBody(NUMBER, [first, second], { decidedOn });
    const answer = await call('nong.thi.ha', 'POST', `/v1/cycles/${CYCLE}/recognition-decisions`, retry);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ decisionId, changed: false, accepted: 2, refused: 0 });
    expect(await Promise.all([first, second].map(trail))).toEqual(trails);
    expect(await decisionRows(NUMBER)).toHaveLength(1);

    const otherLevel = decisionBody(`102/QĐ-UBND-${YEAR}`, [await productAt('AWAITING_DECISION')], {
      level: 'province',
    });
    const wrongLevel = await call('nong.thi.ha', 'POST', `/v1/cycles/${CYCLE}/recognition-decisions`, otherLevel);
    expect(wrongLevel).toMatchObject({
      status: 200,
      body: { decisionId: null, changed: false, accepted: 0, refused: 1 },
    });
    expect(wrongLevel.body.products[0].problem.detail).toMatch(
      /rated at level district; this decision is of level province/,
    );
    expect(await decisionRows(otherLevel.number)).toEqual([]);

    const otherAuthority = { ...retry, authority: 'UBND tỉnh Cao Bằng' };
    const conflict = await call('nong.thi.ha', 'POST', `/v1/cycles/${CYCLE}/recognition-decisions`, otherAuthority);
    expect(conflict).toMatchObject({ status: 409, body: { detail: expect.stringMatching(/authority/) } });
  });

  it('announces the decision to anyone, with no personal data', async () => {
    const list = await call(null, 'GET', `/v1/recognition-decisions?province=CB&year=${new Date().getFullYear()}`);
    expect(list.status).toBe(200);
    expect(list.body).toContainEqual(expect.objectContaining({ decisionId, number: NUMBER, products: 2 }));
    const one = await call(null, 'GET', `/v1/recognition-decisions/${decisionId}`);
    expect(one.body.items[0]).toMatchObject({
      productName: 'Hạt dẻ Trùng Khánh',
      subjectName: 'HTX Nông nghiệp Hạt dẻ Trùng Khánh',
      stars: 3,
      certificateNumber: expect.any(String),
    });
    for (const text of [list.text, one.text]) {
      expect(text).not.toContain(EMAIL);
      expect(text).not.toMatch(/principal|grant|actor|email/i);
    }
  });

  it('exports the decision as CSV with formulas defused', async () => {
    const csv = await call(null, 'GET', `/v1/recognition-decisions/${decisionId}/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'decision_number,decision_date,authority,province,level,product_id,product_name,product_group,' +
        'subject_name,subject_type,unit,stars,certificate_number,valid_until',
    );
    expect(lines).toHaveLength(3);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://example.com"",""Hạt dẻ"")"`);
    expect(csv.text).not.toMatch(/,=HYPERLINK|,"=HYPERLINK/);
  });
});

describe('a decision whose Update was taken though its answer was lost', () => {
  it('lists the product when the request is sent again', async () => {
    const id = await productAt('AWAITING_DECISION');
    const decision = { number: `202/QĐ-UBND-${YEAR}`, decidedOn: new Date().toISOString(), authority: AUTHORITY };
    // As if the API had sent the Update and died before it stored the decision.
    await api.client.act(id, 'recordRecognitionDecision', { actor: coordinator, decision });
    await readModelStage(id, 'POST_INSPECTION');
    const before = await trail(id);
    const body = { ...decision, level: 'district', products: [{ productId: id }] };
    const answer = await call('nong.thi.ha', 'POST', `/v1/cycles/${CYCLE}/recognition-decisions`, body);
    expect(answer).toMatchObject({ status: 201, body: { changed: true, accepted: 1, refused: 0 } });
    expect(await trail(id)).toEqual(before);
    const announced = await call(null, 'GET', `/v1/recognition-decisions/${answer.body.decisionId}`);
    expect(announced.body.items).toEqual([expect.objectContaining({ productId: id, stars: 3 })]);
  });
});

describe('who may record a decision, and bad input', () => {
  let product = '';
  beforeAll(async () => {
    product = await productAt('AWAITING_DECISION');
  });

  it("waits as the coordinator's task, and as nobody else's", async () => {
    const tasks = await call('nong.thi.ha', 'GET', '/v1/tasks?limit=200');
    expect(tasks.body).toContainEqual(
      expect.objectContaining({ productId: product, stage: 'AWAITING_DECISION', action: 'recordRecognitionDecision' }),
    );
    const secretary = await call('luc.thi.mai', 'GET', '/v1/tasks?limit=200');
    expect(secretary.body.map((t: { productId: string }) => t.productId)).not.toContain(product);
  });

  it.each(['be.van.duc', 'luc.thi.mai', 'htx.hatde', 'trieu.thi.hong'])(
    'refuses %s with 403, and writes no row and no event',
    async (login) => {
      const before = await trail(product);
      const number = `9${login.length}/QĐ-${login}`;
      const answer = await call(
        login,
        'POST',
        `/v1/cycles/${CYCLE}/recognition-decisions`,
        decisionBody(number, [product]),
      );
      expect(answer).toMatchObject({ status: 403, body: { missingGrant: expect.stringMatching(/coordinator grant/) } });
      expect(await decisionRows(number)).toEqual([]);
      expect(await trail(product)).toEqual(before);
    },
  );

  it('refuses a body naming another cycle’s product or a date to come, naming the field, and changes nothing', async () => {
    const before = await trail(product);
    const number = `77/QĐ-UBND-${YEAR}`;
    const elsewhere = decisionBody(number, [product, `CB-${YEAR - 1}-0001`]);
    const wrong = await call('nong.thi.ha', 'POST', `/v1/cycles/${CYCLE}/recognition-decisions`, elsewhere);
    expect(wrong).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'products.1.productId', rule: `must be a product of cycle ${CYCLE}` }] },
    });
    const later = decisionBody(number, [product], { decidedOn: new Date(Date.now() + 86_400_000).toISOString() });
    const future = await call('nong.thi.ha', 'POST', `/v1/cycles/${CYCLE}/recognition-decisions`, later);
    expect(future).toMatchObject({ status: 400, body: { errors: [{ field: 'decidedOn' }] } });
    const twice = await call('nong.thi.ha', 'POST', `/v1/cycles/${CYCLE}/recognition-decisions`, {
      ...decisionBody(number, [product, product]),
    });
    expect(twice).toMatchObject({ status: 400, body: { errors: [{ field: 'products.1.productId' }] } });
    const long = await call('nong.thi.ha', 'POST', `/v1/cycles/${CYCLE}/recognition-decisions`, {
      ...decisionBody('x'.repeat(65), [product]),
    });
    expect(long).toMatchObject({ status: 400, body: { errors: [{ field: 'number' }] } });
    expect(await decisionRows(number)).toEqual([]);
    expect(await trail(product)).toEqual(before);
  });
});

describe('revocation decisions', () => {
  it('revokes by decision through the product route, and announces it', async () => {
    const id = await productAt('AWAITING_DECISION');
    const decided = await call('nong.thi.ha', 'POST', `/v1/products/${id}/recognition-decision`, {
      decision: { number: `55/QĐ-UBND-${YEAR}`, decidedOn: new Date().toISOString(), authority: AUTHORITY },
    });
    expect(decided).toMatchObject({
      status: 200,
      body: { stage: expect.stringMatching(/^(CERTIFIED|POST_INSPECTION)$/) },
    });
    await readModelStage(id, 'POST_INSPECTION');
    await api.client.act(id, 'recordInspection', {
      actor: inspector,
      inspectedAt: new Date().toISOString(),
      result: { outcome: 'revocation-proposed', ground: 'food-safety', findings: 'Mẫu không đạt chỉ tiêu vi sinh' },
    });
    await readModelStage(id, 'REVOCATION_PROPOSED');
    const tasks = await call('nong.thi.ha', 'GET', '/v1/tasks?limit=200');
    expect(tasks.body).toContainEqual(expect.objectContaining({ productId: id, action: 'recordRevocationDecision' }));

    const number = `88/QĐ-UBND-${YEAR}`;
    const forbidden = await call('trieu.thi.hong', 'POST', `/v1/products/${id}/revocation-decision`, {
      outcome: 'revoke',
      ground: 'food-safety',
      decision: { number, decidedOn: new Date().toISOString(), authority: AUTHORITY },
    });
    expect(forbidden.status).toBe(403);
    const revoked = await call('nong.thi.ha', 'POST', `/v1/products/${id}/revocation-decision`, {
      outcome: 'revoke',
      ground: 'food-safety',
      decision: { number, decidedOn: new Date().toISOString(), authority: AUTHORITY },
      note: 'Liên hệ chị Hà 0912 345 678',
    });
    expect(revoked).toMatchObject({ status: 200, body: { stage: 'REVOKED' } });
    await readModelStage(id, 'REVOKED');
    const list = await call(null, 'GET', '/v1/revocation-decisions?province=CB');
    expect(list.status).toBe(200);
    expect(list.body).toContainEqual(
      expect.objectContaining({ productId: id, number, ground: 'food-safety', authority: AUTHORITY }),
    );
    expect(list.text).not.toContain('0912');
  });

  it('lists the announced recognition for a decision recorded through the product route', async () => {
    const list = await call(null, 'GET', `/v1/recognition-decisions?cycle=${CYCLE}`);
    expect(list.body).toContainEqual(expect.objectContaining({ number: `55/QĐ-UBND-${YEAR}`, products: 1 }));
  });
});

describe('the document', () => {
  it('describes the decision routes from their schemas, the announcements as public', async () => {
    const doc = await call(null, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    const paths = doc.body.paths;
    expect(paths['/v1/cycles/{cycleId}/recognition-decisions'].post.security).toEqual([{ bearer: [] }]);
    for (const path of [
      '/v1/recognition-decisions',
      '/v1/recognition-decisions/{decisionId}',
      '/v1/recognition-decisions/{decisionId}/export.csv',
      '/v1/revocation-decisions',
    ]) {
      expect({ path, security: paths[path].get.security }).toEqual({ path, security: [] });
    }
    expect(JSON.stringify(doc.body.components.schemas.RecognitionDecisionBody)).toMatch(/"maxLength":64/);
  });
});
