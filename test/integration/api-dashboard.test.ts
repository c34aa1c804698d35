// A cycle's dashboard over real HTTP, on the dev server with the built worker:
// a small cycle of Cao Bằng with a certified product, dossiers due soon and
// later, one past its deadline and one lapsed, re-evaluations kept, withdrawn
// and under way, counted for a coordinator and for one district's officer,
// and refused to a producer; and the cycle in the list of cycles.
import { DEMO_SUBJECT_IDS } from '../../api/identity/demo-accounts';
import type { CycleCalendar } from '../../domain/cycle';
import type { ProductApplicationInput } from '../../domain/product';
import { getAs, useApi } from '../support/api';
import { eventually } from '../support/env';
import { councilResult, DOSSIER, hatDe, inDays } from '../support/fixtures';
import { openCycle } from '../support/web-journeys';

const api = useApi({ taskQueue: 'api-dashboard', isolated: true });
const YEAR = 2076;
const CYCLE = `CB-${YEAR}`;
const { hatDeTrungKhanh: HAT_DE, nongSanHoaAn: HOA_AN } = DEMO_SUBJECT_IDS;
const SECOND = 1000;

const cycle = () =>
  openCycle(YEAR, {
    newProductsThreeStarsOrMore: 2,
    productsFourStarsOrMore: 1,
    cooperativeShare: 0.4,
    smeShare: 0.3,
    rankedProductsKeptShare: 1,
  });

const id = (serial: number) => `${CYCLE}-${String(serial).padStart(4, '0')}`;

/** The cycle's products: who makes them, where, and when their dossier is due. */
const PRODUCTS = {
  certified: id(1),
  dueIn3Days: id(2),
  dueIn20Days: id(3),
  lapsing: id(4),
  overdue: id(5),
  reEvaluation: id(6),
  /** In Hòa An: certified again at 3 stars, so it kept its rank. */
  reEvaluationKept: id(7),
  /** In Nguyên Bình: withdrawn, so the product loses its rank. */
  reEvaluationWithdrawn: id(8),
};

function application(
  productId: string,
  subjectId: string,
  unit: string,
  more: Partial<ProductApplicationInput>,
): ProductApplicationInput {
  return hatDe(productId, {
    product: { name: `Sản phẩm ${productId}`, group: 'food' },
    // A subject is one in the whole read model: the Hòa An company is an enterprise in every test that names it.
    subject: { id: subjectId, name: `Chủ thể ${subjectId}`, type: subjectId === HOA_AN ? 'enterprise' : 'cooperative' },
    unit,
    durations: { reminderOffsets: [] },
    ...more,
  });
}

interface Dashboard {
  cycleId: string;
  wholeProvince: boolean;
  phase: string;
  phaseEndsAt: string | null;
  calendar: CycleCalendar;
  report: Record<string, unknown> & {
    registered: number;
    generatedAt: string;
    targets: { target: string; goal: number; actual: number; met: boolean }[];
  };
  byDistrict: { unit: string; name: string; registered: number; certified: number; active: number }[];
  byKind: Record<string, number>;
  deadlines: {
    within7Days: number;
    within30Days: number;
    soonest: { productId: string; kind: string; dueAt: string; unit: string | null }[];
  };
  lapses: {
    lapsed: number;
    overdue: number;
    escalations: number;
    recent: { productId: string; kind: string; detail: string | null; at: string }[];
  };
  recent: { productId: string; action: string; at: string; actorName: string | null; actorRole: string }[];
  generatedAt: string;
}

const get = <T>(login: string, path: string) => getAs<T>(api, login, path);

async function act(login: string, productId: string, path: string, body: unknown) {
  const response = await fetch(`${api.url}/v1/products/${productId}/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await api.tokenFor(login)}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
}

const dashboard = (login: string) => get<Dashboard>(login, `/v1/cycles/${CYCLE}/dashboard`);

/** The district council rates it 3 stars (62 points); the district's decision recognises it, numbered `number`. */
async function certify(secretary: string, productId: string, number: string): Promise<void> {
  const { level, meetingDate, councilSize, sheets } = councilResult('district', { A: 25, B: 15, C: 22 });
  await act(secretary, productId, 'council-results', { level, meetingDate, councilSize, sheets });
  // Decided a moment ago: a decision may not be in the future, nor before the council met.
  const decision = { number, decidedOn: new Date(Date.now() - 1000).toISOString(), authority: 'UBND huyện' };
  await act('nong.thi.ha', productId, 'recognition-decision', { decision });
}
const newestFirst = (times: string[]) => [...times].sort().reverse();

/** A re-evaluation of the cycle three years before, whose dossier is due in 10 days. */
const reEvaluation = (productId: string, subjectId: string, unit: string) =>
  application(productId, subjectId, unit, {
    kind: 're-evaluation',
    previousProductId: `CB-${YEAR - 3}-0001`,
    deadlines: { dossier: inDays(10), evaluation: {} },
  });

/** Hòa An's officer and council secretary certify it again, at 3 stars; then the coordinator withdraws the other. */
async function decideReEvaluations(): Promise<void> {
  await eventually(
    () =>
      api.db
        .selectFrom('products')
        .select('id')
        .where('id', 'in', [PRODUCTS.reEvaluationKept, PRODUCTS.reEvaluationWithdrawn])
        .execute(),
    (rows) => rows.length === 2,
  );
  await act('nong.thi.ha', PRODUCTS.reEvaluationKept, 'dossier', { documents: DOSSIER });
  await act('hoang.van.nam', PRODUCTS.reEvaluationKept, 'dossier-review', { decision: { outcome: 'accept' } });
  await certify('ma.thi.lan', PRODUCTS.reEvaluationKept, '201/QĐ-UBND');
  await act('nong.thi.ha', PRODUCTS.reEvaluationWithdrawn, 'withdrawal', { reason: 'Chủ thể ngừng sản xuất' });
}

describe("a cycle's dashboard through the API", () => {
  const started = cycle();

  beforeAll(async () => {
    await api.client.startCycle(started);
    const start = Date.now();
    const soon = (seconds: number) => new Date(start + seconds * SECOND).toISOString();
    await Promise.all([
      api.client.startProductApplication(application(PRODUCTS.certified, HAT_DE, '047', {})),
      api.client.startProductApplication(
        application(PRODUCTS.dueIn3Days, HAT_DE, '047', { deadlines: { dossier: inDays(3), evaluation: {} } }),
      ),
      api.client.startProductApplication(
        application(PRODUCTS.dueIn20Days, HOA_AN, '051', { deadlines: { dossier: inDays(20), evaluation: {} } }),
      ),
      // Past its deadline in two seconds, lapsed two seconds later: escalated, then closed.
      api.client.startProductApplication(
        application(PRODUCTS.lapsing, 'htx-nguyen-binh-2076', '052', {
          deadlines: { dossier: soon(2), evaluation: {} },
          durations: { reminderOffsets: [], lapseGrace: 'PT2S' },
        }),
      ),
      // Past its deadline in a second, then three days' grace: escalated and overdue, still open.
      api.client.startProductApplication(
        application(PRODUCTS.overdue, HAT_DE, '047', { deadlines: { dossier: soon(1), evaluation: {} } }),
      ),
      api.client.startProductApplication(reEvaluation(PRODUCTS.reEvaluation, HOA_AN, '051')),
      api.client.startProductApplication(reEvaluation(PRODUCTS.reEvaluationKept, HOA_AN, '051')),
      api.client.startProductApplication(reEvaluation(PRODUCTS.reEvaluationWithdrawn, 'htx-nguyen-binh-2076', '052')),
    ]);
    // Before the certified product's actions, so that those stay among the latest.
    await decideReEvaluations();
    // Certified through the API by the people of Trùng Khánh, so the latest actions name them.
    await eventually(
      () => api.db.selectFrom('products').select('id').where('id', '=', PRODUCTS.certified).executeTakeFirst(),
      Boolean,
    );
    await act('nong.thi.ha', PRODUCTS.certified, 'dossier', { documents: DOSSIER });
    await act('be.van.duc', PRODUCTS.certified, 'dossier-review', { decision: { outcome: 'accept' } });
    // The body a secretary sends: its council's result, without the actor the token names.
    await certify('luc.thi.mai', PRODUCTS.certified, '202/QĐ-UBND');

    const settled = await eventually(
      async () => ({
        products: await api.db.selectFrom('products').select(['id', 'stage']).where('cycle_id', '=', CYCLE).execute(),
        escalations: await api.db
          .selectFrom('notifications')
          .select('id')
          .where('template', '=', 'deadline-escalation')
          .where((eb) => eb(eb.ref('payload', '->>').key('productId'), 'in', [PRODUCTS.lapsing, PRODUCTS.overdue]))
          .execute(),
      }),
      ({ products, escalations }) =>
        products.length === 8 &&
        products.some((p) => p.id === PRODUCTS.lapsing && p.stage === 'LAPSED') &&
        products.some((p) => p.id === PRODUCTS.certified && p.stage === 'POST_INSPECTION') &&
        products.some((p) => p.id === PRODUCTS.reEvaluationKept && p.stage === 'POST_INSPECTION') &&
        escalations.length === 2,
      30_000,
    );
    expect(settled.escalations).toHaveLength(2);
  });

  it("gives a coordinator the whole cycle's figures, its report exactly as /report gives it", async () => {
    const { status, body } = await dashboard('nong.thi.ha');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      cycleId: CYCLE,
      wholeProvince: true,
      // Certified in this cycle, and of those in force now: the report's named figures, by unit.
      byDistrict: [
        { unit: '047', name: 'Huyện Trùng Khánh', registered: 3, certified: 1, active: 1 },
        { unit: '051', name: 'Huyện Hòa An', registered: 3, certified: 1, active: 1 },
        { unit: '052', name: 'Huyện Nguyên Bình', registered: 2, certified: 0, active: 0 },
      ],
      byKind: { new: 5, 're-evaluation': 3, upgrade: 0 },
      deadlines: { within7Days: 1, within30Days: 3 },
      lapses: { lapsed: 1, overdue: 1, escalations: 2 },
    });
    const alone = await get<Record<string, unknown>>('nong.thi.ha', `/v1/cycles/${CYCLE}/report`);
    // The time of the request, and "active at" and "kept at" that time, differ from one request to the next.
    const untimed = (r: Record<string, unknown>) => ({
      ...r,
      generatedAt: 'now',
      activeAt: { ...(r.activeAt as object), at: 'now' },
      keptProducts: { ...(r.keptProducts as object), at: 'now' },
    });
    const report = untimed(body.report);
    expect(report).toEqual(untimed(alone.body));
    expect(report).toMatchObject({
      registered: 8,
      byStage: { POST_INSPECTION: 2, LAPSED: 1, WITHDRAWN: 1, REGISTERED: 4 },
      reEvaluationsDecided: 2,
      reEvaluationsKept: 1,
      certifiedInCycle: {
        total: 2,
        byKind: { new: 1, 're-evaluation': 1, upgrade: 0 },
        byStars: { '3': 2 },
        byStatus: { active: 2, revoked: 0, expired: 0, superseded: 0 },
      },
      activeAt: { total: 2, byKind: { new: 1, 're-evaluation': 1, upgrade: 0 }, byStars: { '3': 2 } },
    });
    const units = body.byDistrict.reduce(
      (n, u) => ({ certified: n.certified + u.certified, active: n.active + u.active }),
      {
        certified: 0,
        active: 0,
      },
    );
    expect(units).toEqual({ certified: 2, active: 2 });
  });

  it('sets each target of the plan beside its figure, the ranked products kept among them', async () => {
    const { body } = await dashboard('nong.thi.ha');
    expect(body.report.targets.map(({ target, goal, actual, met }) => [target, goal, actual, met])).toEqual([
      ['newProductsThreeStarsOrMore', 2, 1, false],
      ['productsFourStarsOrMore', 1, 0, false],
      ['productsFiveStars', 0, 0, true],
      // Two cooperatives and the Hòa An company among three subjects.
      ['cooperativeShare', 0.4, 0.667, true],
      ['smeShare', 0.3, 0.333, true],
      // The re-evaluations name applications this database never certified: no product was ranked before the
      // cycle, so none was lost (api-reports.test.ts keeps and loses some).
      ['rankedProductsKeptShare', 1, 1, true],
    ]);
  });

  it("gives the cycle's phase, until when, and its calendar from the read model", async () => {
    const { body } = await dashboard('be.van.duc');
    expect(body).toMatchObject({
      phase: 'REGISTRATION',
      phaseEndsAt: started.calendar.registrationCloses,
      calendar: started.calendar,
    });
    // Read from the row the cycle writes, so a date a coordinator moves shows at once.
    const until = inDays(35);
    const extended = await fetch(`${api.url}/v1/cycles/${CYCLE}/calendar-extensions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await api.tokenFor('nong.thi.ha')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ deadline: 'registrationCloses', until, reason: 'Mưa lũ kéo dài' }),
    });
    expect(extended.status).toBe(200);
    const after = await dashboard('be.van.duc');
    expect(after.body).toMatchObject({ phase: 'REGISTRATION', phaseEndsAt: until });
    expect(after.body.calendar.registrationCloses).toBe(until);
  });

  it("lists the cycle with its calendar's opening and end, for the coordinator and the district's officer", async () => {
    for (const login of ['nong.thi.ha', 'be.van.duc']) {
      const { status, body } = await get<{ cycleId: string; calendar: unknown }[]>(login, '/v1/cycles');
      expect(status).toBe(200);
      expect(body.find((c) => c.cycleId === CYCLE)).toEqual({
        cycleId: CYCLE,
        province: 'CB',
        year: YEAR,
        ruleSetId: 'OCOP_148_2023',
        phase: 'REGISTRATION',
        calendar: {
          registrationOpens: started.calendar.registrationOpens,
          cycleEnds: started.calendar.cycleEnds,
        },
      });
    }
  });

  it('lists what falls due next, soonest first, with the kind of each deadline', async () => {
    const { body } = await dashboard('nong.thi.ha');
    expect(body.deadlines.soonest.map(({ productId, kind, unit }) => ({ productId, kind, unit }))).toEqual([
      { productId: PRODUCTS.dueIn3Days, kind: 'dossier', unit: '047' },
      { productId: PRODUCTS.reEvaluation, kind: 'dossier', unit: '051' },
      { productId: PRODUCTS.dueIn20Days, kind: 'dossier', unit: '051' },
      { productId: PRODUCTS.reEvaluationKept, kind: 'inspection', unit: '051' },
      { productId: PRODUCTS.certified, kind: 'inspection', unit: '047' },
    ]);
    for (const due of body.deadlines.soonest) expect(Date.parse(due.dueAt)).toBeGreaterThan(Date.now());
  });

  it('lists the lapse and the escalations, and the latest actions with who took them, newest first', async () => {
    const { body } = await dashboard('nong.thi.ha');
    const lapses = body.lapses.recent;
    expect(lapses.map(({ productId, kind, detail }) => ({ productId, kind, detail }))).toEqual(
      expect.arrayContaining([
        { productId: PRODUCTS.lapsing, kind: 'lapsed', detail: 'dossier' },
        { productId: PRODUCTS.lapsing, kind: 'escalation', detail: 'dossier' },
        { productId: PRODUCTS.overdue, kind: 'escalation', detail: 'dossier' },
      ]),
    );
    expect(lapses).toHaveLength(3);
    expect(lapses.map((l) => l.at)).toEqual(newestFirst(lapses.map((l) => l.at)));

    const recent = body.recent;
    expect(recent.length).toBeLessThanOrEqual(20);
    expect(recent.map((r) => r.at)).toEqual(newestFirst(recent.map((r) => r.at)));
    const certifiedActions = recent.filter((r) => r.productId === PRODUCTS.certified);
    expect(certifiedActions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'recordCouncilResult', actorName: 'Lục Thị Mai' }),
        expect.objectContaining({ action: 'reviewDossier', actorName: 'Bế Văn Đức', actorRole: 'officer' }),
        expect.objectContaining({ action: 'submitDossier', actorName: 'Nông Thị Hà', actorRole: 'coordinator' }),
      ]),
    );
  });

  it("gives a district's officer the figures of its own district only", async () => {
    const { status, body } = await dashboard('be.van.duc');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      wholeProvince: false,
      report: {
        registered: 3,
        byStage: { POST_INSPECTION: 1, REGISTERED: 2 },
        certifiedInCycle: { total: 1 },
        activeAt: { total: 1 },
      },
      byDistrict: [{ unit: '047', name: 'Huyện Trùng Khánh', registered: 3, certified: 1, active: 1 }],
      byKind: { new: 3, 're-evaluation': 0, upgrade: 0 },
      deadlines: { within7Days: 1, within30Days: 1 },
      lapses: { lapsed: 0, overdue: 1, escalations: 1 },
    });
    const named = [
      ...body.deadlines.soonest.map((d) => d.productId),
      ...body.lapses.recent.map((l) => l.productId),
      ...body.recent.map((r) => r.productId),
    ];
    expect(new Set(named)).toEqual(new Set([PRODUCTS.certified, PRODUCTS.dueIn3Days, PRODUCTS.overdue]));
  });

  it('refuses a producer, another province and a malformed cycle, and says 404 for an unknown one', async () => {
    const producer = await get<{ missingGrant: string }>('htx.hatde', `/v1/cycles/${CYCLE}/dashboard`);
    expect(producer.status).toBe(403);
    expect(producer.type).toMatch(/^application\/problem\+json/);
    expect((await get('be.van.duc', `/v1/cycles/HG-${YEAR}/dashboard`)).status).toBe(403);
    expect((await get('nong.thi.ha', '/v1/cycles/CB-2075/dashboard')).status).toBe(404);
    expect((await get('nong.thi.ha', '/v1/cycles/caobang/dashboard')).status).toBe(400);
  });
});
