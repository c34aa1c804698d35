// The action endpoints over real HTTP, with tokens from the real OpenID
// provider, on the dev server with the built worker: every action × role ×
// scope is allowed or denied as the grants say, and a denied request leaves the
// product's history and audit trail exactly as they were. Then the error shapes.
import { DEMO_SUBJECT_IDS } from '../../api/identity/demo-accounts';
import type { ProductApplicationInput } from '../../domain/product';
import type { Stage } from '../../domain/schemas';
import type { ActionName } from '../../domain/stages';
import { productWorkflowId } from '../../domain/ids';
import { useApi } from '../support/api';
import { eventually, historyLength, timerSummaries } from '../support/env';
import { coordinator, councilResult, DOSSIER, districtOfficer, hatDe, inDays, inspector } from '../support/fixtures';

const api = useApi({ taskQueue: 'api-actions' });
const YEAR = 2097;
const OWN = DEMO_SUBJECT_IDS.hatDeTrungKhanh;
let serial = 0;

type Place = 'cb' | 'otherProvince';

/** A product of HTX Hạt dẻ Trùng Khánh (unit 047), in CB or in another province, driven to `stage` by the client library. */
async function productAt(stage: Stage, place: Place = 'cb', overrides: Partial<ProductApplicationInput> = {}) {
  const province = place === 'cb' ? 'CB' : 'HG';
  const id = `${province}-${YEAR}-${String(++serial).padStart(4, '0')}`;
  await api.client.startProductApplication(
    hatDe(id, {
      subject: { id: OWN, name: 'HTX Nông nghiệp Hạt dẻ Trùng Khánh', type: 'cooperative' },
      unit: '047',
      ...overrides,
    }),
  );
  const steps: Record<string, () => Promise<unknown>> = {
    submit: () => api.client.act(id, 'submitDossier', { actor: coordinator, documents: DOSSIER }),
    accept: () => api.client.act(id, 'reviewDossier', { actor: districtOfficer, decision: { outcome: 'accept' } }),
    supplement: () =>
      api.client.act(id, 'reviewDossier', {
        actor: districtOfficer,
        decision: { outcome: 'request-supplement', missing: ['Công bố chất lượng'], dueAt: inDays(10) },
      }),
    certify: () => api.client.act(id, 'recordCouncilResult', councilResult('district', { A: 25, B: 15, C: 22 })),
    decide: async () => {
      await api.client.act(id, 'recordRecognitionDecision', {
        actor: coordinator,
        decision: decisionRef(`${id}/QĐ-UBND`),
      });
      // The certificate is issued first; inspections are taken once post-inspection has begun.
      await inStage(id, 'POST_INSPECTION');
    },
    propose: () =>
      api.client.act(id, 'recordInspection', {
        actor: inspector,
        inspectedAt: new Date().toISOString(),
        result: { outcome: 'revocation-proposed', ground: 'food-safety', findings: 'Mẫu không đạt' },
      }),
  };
  const path: Partial<Record<Stage, string[]>> = {
    DOSSIER_REVIEW: ['submit'],
    AWAITING_SUPPLEMENT: ['submit', 'supplement'],
    EVALUATION: ['submit', 'accept'],
    AWAITING_DECISION: ['submit', 'accept', 'certify'],
    POST_INSPECTION: ['submit', 'accept', 'certify', 'decide'],
    REVOCATION_PROPOSED: ['submit', 'accept', 'certify', 'decide', 'propose'],
  };
  for (const step of path[stage] ?? []) await steps[step]?.();
  // The read model must show the stage before the API is asked: it authorizes by the product's place and level.
  await inStage(id, stage);
  return id;
}

async function inStage(id: string, stage: Stage) {
  await eventually(
    () => api.db.selectFrom('products').select('stage').where('id', '=', id).executeTakeFirst(),
    (row) => row?.stage === stage,
    20_000,
  );
}

async function call(login: string | null, method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const bearer = token ?? (login ? await api.tokenFor(login) : undefined);
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    wwwAuthenticate: response.headers.get('www-authenticate'),
    body: (text ? JSON.parse(text) : null) as Record<string, unknown> & {
      transition?: { actor: Record<string, unknown> } | null;
    },
  };
}

/** Waits until the workflow has nothing in flight (its read-model activities done), so its history stands still. */
async function settled(productId: string) {
  const handle = api.client.client.workflow.getHandle(productWorkflowId(productId));
  await eventually(
    () => handle.describe(),
    ({ raw }) => (raw.pendingActivities?.length ?? 0) === 0 && !raw.pendingWorkflowTask,
    20_000,
  );
}

async function trail(productId: string) {
  const handle = api.client.client.workflow.getHandle(productWorkflowId(productId));
  const events = await api.db
    .selectFrom('product_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return { history: await historyLength(handle), events: Number(events.n) };
}

const ENDPOINT: Record<ActionName, string> = {
  submitDossier: 'dossier',
  reviewDossier: 'dossier-review',
  submitSupplement: 'supplement',
  recordCouncilResult: 'council-results',
  recordInspection: 'inspections',
  withdraw: 'withdrawal',
  extendDeadline: 'deadline-extensions',
  recordRecognitionDecision: 'recognition-decision',
  recordRevocationDecision: 'revocation-decision',
};

/** A decision of the district's People's Committee, dated now; numbered apart, as each is a document of its own. */
let decisions = 0;
function decisionRef(number = `${Date.now()}-${++decisions}/QĐ-UBND`) {
  return { number, decidedOn: new Date().toISOString(), authority: 'UBND huyện Trùng Khánh' };
}

const meetingDate = () => new Date(Date.now() - 60_000).toISOString();
const BODY: Record<ActionName, () => unknown> = {
  submitDossier: () => ({ documents: DOSSIER }),
  reviewDossier: () => ({ decision: { outcome: 'accept' } }),
  submitSupplement: () => ({ documents: ['Công bố chất lượng'] }),
  recordCouncilResult: () => ({
    level: 'district',
    meetingDate: meetingDate(),
    councilSize: 3,
    round: 1,
    sheets: ['tv-1', 'tv-2', 'tv-3'].map((memberId, i) => ({
      memberId,
      parts: { A: 25, B: 15, C: 22 },
      ...(i === 0 ? { chair: true } : {}),
    })),
  }),
  recordInspection: () => ({ inspectedAt: meetingDate(), result: { outcome: 'pass' } }),
  withdraw: () => ({ reason: 'Chủ thể rút hồ sơ' }),
  extendDeadline: () => ({ until: inDays(60), reason: 'Lũ lụt tại Trùng Khánh' }),
  recordRecognitionDecision: () => ({ decision: decisionRef() }),
  recordRevocationDecision: () => ({ outcome: 'decline', ground: 'other', decision: decisionRef() }),
};

/** The stage each action is tried in. */
const STAGE: Record<ActionName, Stage> = {
  submitDossier: 'REGISTERED',
  reviewDossier: 'DOSSIER_REVIEW',
  submitSupplement: 'AWAITING_SUPPLEMENT',
  recordCouncilResult: 'EVALUATION',
  recordInspection: 'POST_INSPECTION',
  withdraw: 'REGISTERED',
  extendDeadline: 'REGISTERED',
  recordRecognitionDecision: 'AWAITING_DECISION',
  recordRevocationDecision: 'REVOCATION_PROPOSED',
};

interface Cell {
  login: string;
  /** How the login stands to the product of unit 047 of subject OWN. */
  scope:
    'own district' | 'another district' | 'another province' | 'own product' | "another subject's product" | 'province';
}

// The product is of Trùng Khánh (047) and of HTX Hạt dẻ; "another province" is the same product in HG.
const MATRIX: Record<ActionName, { allow: Cell[]; deny: Cell[] }> = {
  submitDossier: {
    allow: [
      { login: 'htx.hatde', scope: 'own product' },
      { login: 'nong.thi.ha', scope: 'province' },
      { login: 'portal-caobang', scope: 'province' },
    ],
    deny: [
      { login: 'cty.nongsan.hoaan', scope: "another subject's product" },
      { login: 'be.van.duc', scope: 'own district' },
      { login: 'luc.thi.mai', scope: 'own district' },
      { login: 'trieu.thi.hong', scope: 'province' },
      { login: 'htx.hatde', scope: 'another province' },
      { login: 'nong.thi.ha', scope: 'another province' },
    ],
  },
  reviewDossier: {
    allow: [
      { login: 'be.van.duc', scope: 'own district' },
      { login: 'nong.thi.ha', scope: 'province' },
    ],
    deny: [
      { login: 'hoang.van.nam', scope: 'another district' },
      { login: 'luc.thi.mai', scope: 'own district' },
      { login: 'dam.quang.vinh', scope: 'province' },
      { login: 'trieu.thi.hong', scope: 'province' },
      { login: 'htx.hatde', scope: 'own product' },
      { login: 'be.van.duc', scope: 'another province' },
      { login: 'nong.thi.ha', scope: 'another province' },
    ],
  },
  submitSupplement: {
    allow: [
      { login: 'htx.hatde', scope: 'own product' },
      { login: 'nong.thi.ha', scope: 'province' },
    ],
    deny: [
      { login: 'cty.nongsan.hoaan', scope: "another subject's product" },
      { login: 'hkd.nongthithu', scope: "another subject's product" },
      { login: 'be.van.duc', scope: 'own district' },
      { login: 'htx.hatde', scope: 'another province' },
    ],
  },
  recordCouncilResult: {
    allow: [
      { login: 'luc.thi.mai', scope: 'own district' },
      { login: 'nong.thi.ha', scope: 'province' },
    ],
    deny: [
      { login: 'ma.thi.lan', scope: 'another district' },
      // A provincial council does not score a product at the district level.
      { login: 'dam.quang.vinh', scope: 'province' },
      { login: 'be.van.duc', scope: 'own district' },
      { login: 'htx.hatde', scope: 'own product' },
      { login: 'luc.thi.mai', scope: 'another province' },
    ],
  },
  recordInspection: {
    allow: [
      { login: 'trieu.thi.hong', scope: 'province' },
      { login: 'nong.thi.ha', scope: 'province' },
    ],
    deny: [
      { login: 'be.van.duc', scope: 'own district' },
      { login: 'luc.thi.mai', scope: 'own district' },
      { login: 'htx.hatde', scope: 'own product' },
      { login: 'trieu.thi.hong', scope: 'another province' },
    ],
  },
  withdraw: {
    allow: [
      { login: 'htx.hatde', scope: 'own product' },
      { login: 'nong.thi.ha', scope: 'province' },
    ],
    deny: [
      { login: 'cty.nongsan.hoaan', scope: "another subject's product" },
      { login: 'be.van.duc', scope: 'own district' },
      { login: 'trieu.thi.hong', scope: 'province' },
      { login: 'htx.hatde', scope: 'another province' },
    ],
  },
  extendDeadline: {
    allow: [{ login: 'nong.thi.ha', scope: 'province' }],
    deny: [
      { login: 'be.van.duc', scope: 'own district' },
      { login: 'htx.hatde', scope: 'own product' },
      { login: 'nong.thi.ha', scope: 'another province' },
    ],
  },
  // The province's office records the authority's decisions; nobody else, not even the inspectors who propose one.
  recordRecognitionDecision: {
    allow: [{ login: 'nong.thi.ha', scope: 'province' }],
    deny: [
      { login: 'be.van.duc', scope: 'own district' },
      { login: 'luc.thi.mai', scope: 'own district' },
      { login: 'trieu.thi.hong', scope: 'province' },
      { login: 'htx.hatde', scope: 'own product' },
      { login: 'nong.thi.ha', scope: 'another province' },
    ],
  },
  recordRevocationDecision: {
    allow: [{ login: 'portal-caobang', scope: 'province' }],
    deny: [
      { login: 'trieu.thi.hong', scope: 'province' },
      { login: 'be.van.duc', scope: 'own district' },
      { login: 'htx.hatde', scope: 'own product' },
      { login: 'nong.thi.ha', scope: 'another province' },
    ],
  },
};

describe('the action endpoints: who may do what where', () => {
  const actions = Object.keys(MATRIX) as ActionName[];

  it.each(actions)('%s: each denied principal gets 403 naming the grant, and nothing changes', async (action) => {
    const [cb, elsewhere] = await Promise.all([productAt(STAGE[action]), productAt('REGISTERED', 'otherProvince')]);
    await Promise.all([settled(cb), settled(elsewhere)]);
    for (const { login, scope } of MATRIX[action].deny) {
      const productId = scope === 'another province' ? elsewhere : cb;
      const before = await trail(productId);
      const answer = await call(login, 'POST', `/v1/products/${productId}/${ENDPOINT[action]}`, BODY[action]());
      expect({ login, scope, status: answer.status, type: answer.type }).toEqual({
        login,
        scope,
        status: 403,
        type: 'application/problem+json; charset=utf-8',
      });
      expect(answer.body).toMatchObject({
        status: 403,
        title: 'Forbidden',
        missingGrant: expect.stringMatching(/grant for/),
      });
      expect(await trail(productId)).toEqual(before);
    }
  });

  it.each(actions)('%s: each allowed principal acts as itself under its grant', async (action) => {
    const allowed = MATRIX[action].allow;
    const products = await Promise.all(allowed.map(() => productAt(STAGE[action])));
    for (const [i, { login }] of allowed.entries()) {
      const productId = products[i] as string;
      const before = await trail(productId);
      const me = await call(login, 'GET', '/v1/me');
      const answer = await call(login, 'POST', `/v1/products/${productId}/${ENDPOINT[action]}`, BODY[action]());
      expect({ login, status: answer.status }).toEqual({ login, status: 200 });
      const last = answer.body.transition;
      const principal = me.body.principal as { id: string };
      expect(last?.actor).toMatchObject({ principalId: principal.id, grantId: expect.any(String) });
      // A certifying result continues the workflow as new, so the audit trail, not the run's history, counts.
      await eventually(
        () => trail(productId),
        (t) => t.events > before.events,
      );
      const row = await api.db
        .selectFrom('product_events')
        .select(['principal_id', 'grant_id'])
        .where('product_id', '=', productId)
        .where('action', '=', action)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ principal_id: principal.id, grant_id: last?.actor.grantId });
    }
  });
});

describe('the errors of the action endpoints', () => {
  let product = '';
  beforeAll(async () => {
    product = await productAt('REGISTERED');
  });

  it('refuses a missing or garbage token with 401 and leaves nothing', async () => {
    await settled(product);
    const before = await trail(product);
    const none = await call(null, 'POST', `/v1/products/${product}/dossier`, BODY.submitDossier());
    expect(none).toMatchObject({ status: 401, type: 'application/problem+json; charset=utf-8' });
    expect(none.wwwAuthenticate).toMatch(/^Bearer/);
    expect(none.body).toMatchObject({
      status: 401,
      title: 'Unauthorized',
      instance: `/v1/products/${product}/dossier`,
    });
    const garbage = await call(null, 'POST', `/v1/products/${product}/dossier`, BODY.submitDossier(), 'not.a.jwt');
    expect(garbage.status).toBe(401);
    expect(garbage.wwwAuthenticate).toMatch(/^Bearer error="invalid_token"/);
    expect(JSON.stringify(garbage.body)).not.toContain('not.a.jwt');
    expect(await trail(product)).toEqual(before);
  });

  it('names the field and the rule of a bad body, and refuses an actor in it', async () => {
    const before = await trail(product);
    const empty = await call('htx.hatde', 'POST', `/v1/products/${product}/dossier`, { documents: [] });
    expect(empty.status).toBe(400);
    expect(empty.type).toBe('application/problem+json; charset=utf-8');
    expect(empty.body).toMatchObject({
      type: expect.any(String),
      title: 'Bad Request',
      status: 400,
      detail: expect.stringContaining('documents'),
      errors: [{ field: 'documents', rule: 'must list at least one document' }],
    });
    const forged = await call('htx.hatde', 'POST', `/v1/products/${product}/dossier`, {
      documents: DOSSIER,
      actor: { id: 'vp-ocop-cb', role: 'coordinator' },
    });
    expect(forged.status).toBe(400);
    expect(forged.body.errors).toEqual([{ field: 'actor', rule: expect.stringMatching(/access token/) }]);
    expect(await trail(product)).toEqual(before);
  });

  it('gives 409 for a wrong stage, 404 for an unknown product and a route that does not exist', async () => {
    const reviewing = await productAt('DOSSIER_REVIEW');
    await settled(reviewing);
    const before = await trail(reviewing);
    const wrong = await call('nong.thi.ha', 'POST', `/v1/products/${reviewing}/dossier`, BODY.submitDossier());
    expect(wrong).toMatchObject({ status: 409, body: { status: 409, detail: expect.stringMatching(/stage/) } });
    expect(await trail(reviewing)).toEqual(before);

    const unknown = await call('nong.thi.ha', 'POST', `/v1/products/CB-${YEAR}-9999/dossier`, BODY.submitDossier());
    expect(unknown).toMatchObject({ status: 404, type: 'application/problem+json; charset=utf-8' });
    const bad = await call('nong.thi.ha', 'POST', '/v1/products/not-an-id/dossier', BODY.submitDossier());
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'productId', rule: expect.stringMatching(/CB-2023-0007/) }]);
    const none = await call('nong.thi.ha', 'GET', '/v1/no-such-thing');
    expect(none).toMatchObject({ status: 404, type: 'application/problem+json; charset=utf-8' });
  });

  it('gives 422 when the deadline has passed', async () => {
    const late = await productAt('REGISTERED', 'cb', {
      deadlines: { dossier: new Date(Date.now() - 60_000).toISOString(), evaluation: {} },
    });
    // The workflow starts its grace period (a timer summarised "grace: …") once the deadline has passed.
    await eventually(
      () => timerSummaries(api.client.client, productWorkflowId(late)),
      (summaries) => summaries.some((summary) => summary.includes('grace')),
      20_000,
    );
    await settled(late);
    const before = await trail(late);
    const answer = await call('htx.hatde', 'POST', `/v1/products/${late}/dossier`, BODY.submitDossier());
    expect(answer).toMatchObject({ status: 422, body: { status: 422, detail: expect.stringMatching(/deadline/) } });
    expect(await trail(late)).toEqual(before);
  });
});
