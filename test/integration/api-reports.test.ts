// Read-model views through the API, over real HTTP with tokens from the real
// provider, on the dev server with the real worker: a cycle's report as JSON
// and CSV, and "my tasks" of two districts' officers and of a producer.
import { parse } from 'csv-parse/sync';
import { DEMO_SUBJECT_IDS } from '../../api/identity/demo-accounts';
import type { CycleInput, RegisterProduct } from '../../domain/cycle';
import { useApi } from '../support/api';
import { eventually } from '../support/env';
import { coordinator } from '../support/fixtures';

const api = useApi({ taskQueue: 'api-reports' });
const YEAR = 2093;
const CYCLE = `CB-${YEAR}`;
const HOUR = 60 * 60 * 1000;

async function get(login: string, path: string, accept = 'application/json') {
  const response = await fetch(`${api.url}${path}`, {
    headers: { authorization: `Bearer ${await api.tokenFor(login)}`, accept },
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

function cycle(start: number): CycleInput {
  const at = (hours: number) => new Date(start + hours * HOUR).toISOString();
  return {
    province: 'CB',
    year: YEAR,
    ruleSetId: 'OCOP_148_2023',
    // A year of its own far ahead, on dates in the present: only a rehearsal's calendar may do both.
    compressed: true,
    calendar: {
      registrationOpens: at(-1),
      registrationCloses: at(24 * 30),
      dossierDeadline: at(24 * 45),
      evaluation: { district: at(24 * 60), province: at(24 * 90), central: at(24 * 120) },
      cycleEnds: at(24 * 150),
    },
    targets: {
      newProductsThreeStarsOrMore: 2,
      productsFourStarsOrMore: 1,
      cooperativeShare: 0.4,
      smeShare: 0.3,
      rankedProductsKeptShare: 1,
    },
  };
}

const registration = (subjectId: string, name: string, unit: string): RegisterProduct => ({
  actor: coordinator,
  product: { name, group: 'food' },
  subject: { id: subjectId, name: `Chủ thể ${subjectId}`, type: 'cooperative' },
  unit,
});

interface JsonReport {
  registered: number;
  newThreeStarsOrMore: number;
  fourStarsOrMore: number;
  fiveStars: number;
  reEvaluationsDecided: number;
  reEvaluationsKept: number;
  byStage: Record<string, number>;
  byStars: Record<string, number>;
  byGroup: Record<string, { registered: number; certified: number }>;
  subjects: { total: number; byType: Record<string, number> };
  targets: { target: string; goal: number; actual: number; met: boolean }[];
}

/** A CSV line as csv-parse reads it back: every cell a string, an absent one empty. */
const line = (section: string, key: string, value: number, goal?: number, met?: boolean) => ({
  section,
  key,
  value: String(value),
  goal: goal === undefined ? '' : String(goal),
  met: met === undefined ? '' : String(met),
});

describe('reports and tasks through the API', () => {
  /** In Trùng Khánh (047) and Hòa An (051), in dossier review; and one of each of two subjects, registered. */
  const ids = { reviewTk: '', reviewHa: '', ownRegistered: '', otherRegistered: '' };

  beforeAll(async () => {
    await api.client.startCycle(cycle(Date.now()));
    await eventually(
      () => api.db.selectFrom('cycles').select('phase').where('id', '=', CYCLE).executeTakeFirst(),
      (row) => row?.phase === 'REGISTRATION',
    );
    const hatDe = DEMO_SUBJECT_IDS.hatDeTrungKhanh;
    const [a, b, c, d] = await Promise.all([
      api.client.registerProduct(CYCLE, registration(hatDe, 'Hạt dẻ rang Trùng Khánh', '047')),
      api.client.registerProduct(CYCLE, registration('htx-hoa-an-2093', 'Gạo nếp Hòa An', '051')),
      api.client.registerProduct(CYCLE, registration(hatDe, 'Bánh hạt dẻ Trùng Khánh', '047')),
      api.client.registerProduct(CYCLE, registration('htx-khac-2093', 'Miến dong Nguyên Bình', '052')),
    ]);
    Object.assign(ids, {
      reviewTk: a?.productId,
      reviewHa: b?.productId,
      ownRegistered: c?.productId,
      otherRegistered: d?.productId,
    });
    for (const id of [ids.reviewTk, ids.reviewHa]) {
      await api.client.act(id, 'submitDossier', { actor: coordinator, documents: ['Phiếu đăng ký'] });
    }
    await eventually(
      () => api.db.selectFrom('products').select(['id', 'stage']).where('cycle_id', '=', CYCLE).execute(),
      (rows) => rows.filter((r) => r.stage === 'DOSSIER_REVIEW').length === 2 && rows.length === 4,
    );
  });

  it("gives a coordinator the cycle's report as JSON, each target beside its actual figure", async () => {
    const answer = await get('nong.thi.ha', `/v1/cycles/${CYCLE}/report`);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/json/);
    const report = JSON.parse(answer.text);
    expect(report).toMatchObject({
      cycleId: CYCLE,
      registered: 4,
      byStage: { REGISTERED: 2, DOSSIER_REVIEW: 2 },
      byGroup: { food: { registered: 4, certified: 0 } },
      subjects: { total: 3, byType: { cooperative: 3 } },
      reEvaluationsDecided: 0,
      reEvaluationsKept: 0,
    });
    expect(report.targets).toContainEqual({
      target: 'cooperativeShare',
      label: 'share of cooperatives among subjects',
      goal: 0.4,
      actual: 1,
      met: true,
    });
    // No re-evaluation decided yet: no ranked product lost, so every one kept.
    expect(report.targets.at(-1)).toEqual({
      target: 'rankedProductsKeptShare',
      label: 'share of re-evaluated products that kept 3 stars or more',
      goal: 1,
      actual: 1,
      met: true,
    });
  });

  it('gives the same report as CSV for Accept: text/csv and for ?format=csv', async () => {
    const byAccept = await get('nong.thi.ha', `/v1/cycles/${CYCLE}/report`, 'text/csv');
    const byQuery = await get('nong.thi.ha', `/v1/cycles/${CYCLE}/report?format=csv`);
    for (const answer of [byAccept, byQuery]) {
      expect(answer.status).toBe(200);
      expect(answer.type).toMatch(/^text\/csv/);
    }
    const rows = parse(byAccept.text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(['section', 'key', 'value', 'goal', 'met']);
    expect(rows).toContainEqual({ section: 'summary', key: 'registered', value: '4', goal: '', met: '' });
    expect(rows).toContainEqual({ section: 'stage', key: 'DOSSIER_REVIEW', value: '2', goal: '', met: '' });
    expect(rows).toContainEqual({
      section: 'target',
      key: 'newProductsThreeStarsOrMore',
      value: '0',
      goal: '2',
      met: 'false',
    });
    expect(rows).toContainEqual({
      section: 'target',
      key: 'rankedProductsKeptShare',
      value: '1',
      goal: '1',
      met: 'true',
    });
    const withoutTime = (text: string) => text.replace(/^summary,generated_at,.*$/m, '');
    expect(withoutTime(byQuery.text)).toBe(withoutTime(byAccept.text));

    // Every figure of the JSON report is a line of the CSV, and the CSV has no line the JSON lacks.
    const json = JSON.parse((await get('nong.thi.ha', `/v1/cycles/${CYCLE}/report`)).text) as JsonReport;
    const figures = (section: string, counts: Record<string, number>) =>
      Object.entries(counts).map(([key, n]) => line(section, key, n));
    const expected = [
      line('summary', 'registered', json.registered),
      line('summary', 'subjects', json.subjects.total),
      line('summary', 'new_three_stars_or_more', json.newThreeStarsOrMore),
      line('summary', 'four_stars_or_more', json.fourStarsOrMore),
      line('summary', 'five_stars', json.fiveStars),
      line('summary', 're_evaluations_decided', json.reEvaluationsDecided),
      line('summary', 're_evaluations_kept', json.reEvaluationsKept),
      ...figures('stage', json.byStage),
      ...figures('stars', json.byStars),
      ...Object.entries(json.byGroup).flatMap(([group, n]) => [
        line('group_registered', group, n.registered),
        line('group_certified', group, n.certified),
      ]),
      ...figures('subject_type', json.subjects.byType),
      ...json.targets.map((t) => line('target', t.target, t.actual, t.goal, t.met)),
    ];
    const generated = rows.filter((r) => r.key === 'generated_at');
    expect(generated).toHaveLength(1);
    expect(Number.isNaN(Date.parse(generated[0]?.value ?? ''))).toBe(false);
    const byKey = (a: Record<string, string>, b: Record<string, string>) =>
      `${a.section}/${a.key}`.localeCompare(`${b.section}/${b.key}`);
    expect(rows.filter((r) => r.key !== 'generated_at').sort(byKey)).toEqual(expected.sort(byKey));
  });

  it("refuses the report to an officer and to another province's cycle, and says 404 for an unknown cycle", async () => {
    const officer = await get('be.van.duc', `/v1/cycles/${CYCLE}/report`);
    expect(officer.status).toBe(403);
    expect(officer.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(officer.text).missingGrant).toMatch(/coordinator grant for CB/);
    expect((await get('nong.thi.ha', `/v1/cycles/BK-${YEAR}/report`)).status).toBe(403);
    expect((await get('nong.thi.ha', '/v1/cycles/CB-2098/report')).status).toBe(404);
    const bad = await get('nong.thi.ha', '/v1/cycles/caobang/report');
    expect(bad.status).toBe(400);
  });

  type Task = { productId: string; action: string; stage: string; deadline: string | null };
  const tasksOf = async (login: string): Promise<Task[]> => {
    const answer = await get(login, '/v1/tasks?limit=200');
    expect(answer.status).toBe(200);
    return JSON.parse(answer.text) as Task[];
  };
  const mine = (tasks: Task[]) => tasks.filter((t) => Object.values(ids).includes(t.productId));

  it("lists a district officer's dossiers of its own district only, by due date", async () => {
    expect(mine(await tasksOf('be.van.duc'))).toEqual([
      expect.objectContaining({ productId: ids.reviewTk, stage: 'DOSSIER_REVIEW', action: 'reviewDossier' }),
    ]);
    expect(mine(await tasksOf('hoang.van.nam'))).toEqual([
      expect.objectContaining({ productId: ids.reviewHa, stage: 'DOSSIER_REVIEW', action: 'reviewDossier' }),
    ]);
    const all = await tasksOf('be.van.duc');
    const due = all.map((t) => t.deadline).filter((d): d is string => d !== null);
    expect(due).toEqual([...due].sort());
  });

  it("lists a producer's own registered products, waiting for its dossier, and nobody else's", async () => {
    expect(mine(await tasksOf('htx.hatde'))).toEqual([
      expect.objectContaining({ productId: ids.ownRegistered, stage: 'REGISTERED', action: 'submitDossier' }),
    ]);
    expect(mine(await tasksOf('cty.nongsan.hoaan'))).toEqual([]);
  });

  it('refuses a limit above 200, naming the field and the rule', async () => {
    const answer = await get('be.van.duc', '/v1/tasks?limit=500');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).errors).toEqual([
      expect.objectContaining({ field: expect.stringMatching(/limit/), rule: 'must be at most 200' }),
    ]);
  });
});
