// Read-model views through the API, over real HTTP with tokens from the real
// provider, on the dev server with the real worker: a cycle's report as JSON
// and CSV, its certificates under three named figures over a read model of
// earlier years, `ocop report` with no Temporal to reach, and "my tasks" of
// two districts' officers and of a producer.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEMO_SUBJECT_IDS } from '../../api/identity/demo-accounts';
import type { CycleInput, RegisterProduct } from '../../domain/cycle';
import { useApi } from '../support/api';
import { eventually, ROOT } from '../support/env';
import { coordinator, inDays } from '../support/fixtures';

// A database of its own: "active at a date" and the kept products count the whole province's certificates.
const api = useApi({ taskQueue: 'api-reports', isolated: true });
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
  byGroup: Record<string, { registered: number; certified: number; active: number }>;
  subjects: { total: number; byType: Record<string, number> };
  certifiedInCycle: {
    total: number;
    byKind: Record<string, number>;
    byStars: Record<string, number>;
    byStatus: Record<string, number>;
  };
  activeAt: { at: string; total: number; byKind: Record<string, number>; byStars: Record<string, number> };
  keptProducts: {
    since: string;
    earlier: number;
    kept: number;
    share: number;
    lapsed: { count: number; products: { productId: string; certificateNumber: string }[] };
    revoked: { count: number; products: { productId: string; certificateNumber: string }[] };
  };
  targets: { target: string; goal: number; actual: number; met: boolean }[];
}

/** A CSV line as csv-parse reads it back: every cell a string, an absent one empty. */
const line = (section: string, key: string, value: number | string, goal?: number, met?: boolean) => ({
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
      byGroup: { food: { registered: 4, certified: 0, active: 0 } },
      certifiedInCycle: { total: 0, byKind: { new: 0, 're-evaluation': 0, upgrade: 0 } },
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
    // No product ranked before the cycle in this province: none lost, so every one kept.
    expect(report.keptProducts).toMatchObject({ earlier: 0, kept: 0, share: 1 });
    expect(report.targets.at(-1)).toEqual({
      target: 'rankedProductsKeptShare',
      label: 'share of products ranked before the cycle still holding a certificate in force',
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
    // The report's time, and "active at" that time, differ from one request to the next.
    const withoutTime = (text: string) => text.replace(/^(summary,generated_at|active_at,at),.*$/gm, '');
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
      line('certified_in_cycle', 'total', json.certifiedInCycle.total),
      ...figures('certified_in_cycle_kind', json.certifiedInCycle.byKind),
      ...figures('certified_in_cycle_stars', json.certifiedInCycle.byStars),
      ...figures('certified_in_cycle_status', json.certifiedInCycle.byStatus),
      line('active_at', 'total', json.activeAt.total),
      ...figures('active_at_kind', json.activeAt.byKind),
      ...figures('active_at_stars', json.activeAt.byStars),
      line('kept_products', 'since', json.keptProducts.since),
      line('kept_products', 'earlier', json.keptProducts.earlier),
      line('kept_products', 'kept', json.keptProducts.kept),
      line('kept_products', 'lapsed', json.keptProducts.lapsed.count),
      line('kept_products', 'revoked', json.keptProducts.revoked.count),
      ...json.keptProducts.lapsed.products.map((p) => line('lapsed_product', p.productId, p.certificateNumber)),
      ...json.keptProducts.revoked.products.map((p) => line('revoked_product', p.productId, p.certificateNumber)),
      ...figures('stage', json.byStage),
      ...figures('stars', json.byStars),
      ...Object.entries(json.byGroup).flatMap(([group, n]) => [
        line('group_registered', group, n.registered),
        line('group_certified', group, n.certified),
        line('group_active', group, n.active),
      ]),
      ...figures('subject_type', json.subjects.byType),
      ...json.targets.map((t) => line('target', t.target, t.actual, t.goal, t.met)),
    ];
    const generated = rows.filter((r) => r.key === 'generated_at');
    expect(generated).toHaveLength(1);
    expect(Number.isNaN(Date.parse(generated[0]?.value ?? ''))).toBe(false);
    const timed = (r: Record<string, string>) =>
      r.key === 'generated_at' || (r.section === 'active_at' && r.key === 'at');
    const byKey = (a: Record<string, string>, b: Record<string, string>) =>
      `${a.section}/${a.key}`.localeCompare(`${b.section}/${b.key}`);
    expect(rows.filter((r) => !timed(r)).sort(byKey)).toEqual(expected.sort(byKey));
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

/**
 * The read model of a province with years behind it, written as the workflows
 * write it: the cycle CB-2091, opened 30 days ago, and certificates of CB-2088
 * issued before it, each valid 1095 days. Days are counted from today.
 */
const NAMED = { cycle: 'CB-2091', earlier: 'CB-2088' };

interface Fixture {
  serial: number;
  cycle: string;
  name: string;
  subject: string;
  kind?: string;
  stage: string;
  /** Stars, status, the day it was decided and the day its product's closing event says it ended. */
  certificate?: [number, string, number, number?];
}

const HISTORY: Fixture[] = [
  // Earlier: re-evaluated in this cycle, still in force, upgraded in this cycle, revoked, lapsed; and two that
  // ended before the cycle opened, which it had no chance to keep.
  { serial: 1, cycle: NAMED.earlier, name: 'Miến dong Phia Đén', subject: 's1', stage: 'SUPERSEDED', certificate: [3, 'superseded', -1000, -3] },
  { serial: 2, cycle: NAMED.earlier, name: 'Thạch đen Lê Thùy', subject: 's2', stage: 'POST_INSPECTION', certificate: [3, 'active', -400] },
  { serial: 3, cycle: NAMED.earlier, name: 'Lạp sườn Tâm Hòa', subject: 's3', stage: 'REVOKED', certificate: [4, 'revoked', -500, -10] },
  { serial: 4, cycle: NAMED.earlier, name: 'Hạt dẻ Trùng Khánh', subject: 's4', stage: 'SUPERSEDED', certificate: [4, 'superseded', -700, -5] },
  { serial: 5, cycle: NAMED.earlier, name: 'Bún khô Hưng Đạo', subject: 's5', stage: 'EXPIRED', certificate: [3, 'expired', -1097, -2] },
  { serial: 6, cycle: NAMED.earlier, name: 'Gạo nếp Bảo Lạc', subject: 's6', stage: 'REVOKED', certificate: [3, 'revoked', -600, -60] },
  { serial: 7, cycle: NAMED.earlier, name: 'Nấm hương Trúc Mai', subject: 's7', stage: 'EXPIRED', certificate: [3, 'expired', -1135, -40] },
  // The cycle's own: two new ones certified (one since revoked), the re-evaluation of the first earlier one (its
  // name written otherwise), the upgrade of the fourth to 5 stars, and a new one not yet rated.
  { serial: 1, cycle: NAMED.cycle, name: 'Mật ong Bảo Lâm', subject: 's8', stage: 'POST_INSPECTION', certificate: [3, 'active', -5] },
  { serial: 2, cycle: NAMED.cycle, name: 'Trà Giảo cổ lam', subject: 's9', stage: 'REVOKED', certificate: [4, 'revoked', -6, -1] },
  { serial: 3, cycle: NAMED.cycle, name: 'MIẾN DONG  Phia Đén', subject: 's1', kind: 're-evaluation', stage: 'POST_INSPECTION', certificate: [3, 'active', -3] },
  { serial: 4, cycle: NAMED.cycle, name: 'Hạt dẻ Trùng Khánh', subject: 's4', kind: 'upgrade', stage: 'POST_INSPECTION', certificate: [5, 'active', -5] },
  { serial: 5, cycle: NAMED.cycle, name: 'Rượu ngô Nguyên Bình', subject: 's10', stage: 'EVALUATION' },
]; // prettier-ignore

async function provinceWithHistory(): Promise<void> {
  const calendar = { registrationOpens: inDays(-30), registrationCloses: inDays(-20), dossierDeadline: inDays(-10) };
  await api.db
    .insertInto('cycles')
    .values({
      id: NAMED.cycle,
      province: 'CB',
      year: 2091,
      rule_set: 'OCOP_148_2023',
      calendar: JSON.stringify({ ...calendar, evaluation: {}, cycleEnds: inDays(60) }),
      targets: JSON.stringify({ newProductsThreeStarsOrMore: 2, rankedProductsKeptShare: 1 }),
      phase: 'EVALUATION',
      updated_at: new Date(),
    })
    .execute();
  const rows = HISTORY.map((f) => {
    const id = `${f.cycle}-${String(f.serial).padStart(4, '0')}`;
    const year = Number(f.cycle.slice(3));
    return { ...f, id, year, number: f.certificate && `${String(f.serial).padStart(3, '0')}/${year}/OCOP-CB` };
  });
  await api.db
    .insertInto('products')
    .values(
      rows.map((r) => ({
        ...{ id: r.id, workflow_id: `ocop-product-${r.id}`, cycle_id: r.cycle, province: 'CB', year: r.year },
        ...{ name: r.name, product_group: 'food', subject_id: r.subject, kind: r.kind ?? 'new' },
        ...{ rule_set: 'OCOP_148_2023', stage: r.stage, level: 'district', stars: r.certificate?.[0] ?? null },
        ...{ score: null, next_deadline: null, certificate_no: r.number ?? null, unit: '047', last_seq: 2 },
        updated_at: new Date(),
      })),
    )
    .execute();
  const certified = rows.flatMap((r) =>
    r.certificate && r.number ? [{ ...r, number: r.number, c: r.certificate }] : [],
  );
  await api.db
    .insertInto('certificates')
    .values(
      certified.map(({ id, year, serial, number, c: [stars, status, decided] }) => ({
        ...{ number, province: 'CB', year, serial, product_id: id, level: 'district', stars, status },
        ...{ decided_on: inDays(decided), valid_until: inDays(decided + 1095) },
      })),
    )
    .execute();
  await api.db
    .insertInto('product_events')
    .values(
      certified.flatMap(({ id, stage, c: [, , , ended] }) =>
        ended === undefined
          ? []
          : [
              {
                ...{ workflow_id: `ocop-product-${id}`, product_id: id, seq: 2, action: `close:${stage}` },
                ...{ stage_from: 'POST_INSPECTION', stage_to: stage, level: 'district', actor_id: 'ocop-engine' },
                ...{ actor_role: 'coordinator', payload: JSON.stringify({}), occurred_at: inDays(ended) },
              },
            ],
      ),
    )
    .execute();
}

describe('the certificates of a report under three named figures', () => {
  beforeAll(provinceWithHistory);

  it('counts what the cycle certified, what is in force now, and the products ranked before it that it kept', async () => {
    const answer = await get('nong.thi.ha', `/v1/cycles/${NAMED.cycle}/report`);
    expect(answer.status).toBe(200);
    const report = JSON.parse(answer.text) as JsonReport;
    // Certified in this cycle: 4, the revoked one among them, but said to be revoked.
    expect(report.certifiedInCycle).toEqual({
      total: 4,
      byKind: { new: 2, 're-evaluation': 1, upgrade: 1 },
      byStars: { '3': 2, '4': 1, '5': 1 },
      byStatus: { active: 3, revoked: 1, expired: 0, superseded: 0 },
    });
    expect(report.byStars).toEqual(report.certifiedInCycle.byStars);
    expect(report.byGroup).toEqual({ food: { registered: 5, certified: 4, active: 3 } });
    // Active now, in the province: the cycle's three and the earlier one still in force; never revoked, expired or
    // superseded ones.
    expect(report.activeAt).toMatchObject({
      total: 4,
      byKind: { new: 2, 're-evaluation': 1, upgrade: 1 },
      byStars: { '3': 3, '5': 1 },
    });
    expect(Math.abs(Date.parse(report.activeAt.at) - Date.now())).toBeLessThan(60_000);
    expect(report.keptProducts).toMatchObject({
      earlier: 5,
      kept: 3,
      share: 0.6,
      lapsed: { count: 1, products: [{ productId: `${NAMED.earlier}-0005`, certificateNumber: '005/2088/OCOP-CB' }] },
      revoked: { count: 1, products: [{ productId: `${NAMED.earlier}-0003`, certificateNumber: '003/2088/OCOP-CB' }] },
    });
    expect(report.targets.find((t) => t.target === 'rankedProductsKeptShare')).toMatchObject({
      goal: 1,
      actual: 0.6,
      met: false,
    });
    expect(report.targets.find((t) => t.target === 'newProductsThreeStarsOrMore')).toMatchObject({ actual: 2 });
  });

  /** `ocop report` from the source, as a user would run it, against this file's API; what it printed and its code. */
  function ocopReport(env: Record<string, string | undefined>): Promise<{ code: number | null; out: string }> {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OCOP_')));
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        path.join(ROOT, 'client/cli/main.ts'),
        'report',
        '--cycle',
        NAMED.cycle,
      ],
      { env: { ...inherited, ...env }, cwd: ROOT },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    return new Promise((resolve) => child.once('close', (code) => resolve({ code, out })));
  }

  it.each([
    ['unset', undefined],
    ['not host:port', 'no such address'],
    ['unreachable', '127.0.0.1:1'],
  ])('prints the report with TEMPORAL_ADDRESS %s: it reads only the database, through the API', async (_, address) => {
    const run = await ocopReport({
      OCOP_API_URL: api.url,
      OCOP_TOKEN: await api.tokenFor('nong.thi.ha'),
      TEMPORAL_ADDRESS: address,
    });
    expect(run).toMatchObject({ code: 0 });
    expect(run.out).toMatch(/Certified in this cycle\s+4/);
    expect(run.out).toMatch(/since then\s+active 3 · revoked 1 · expired 0 · superseded 0/);
    expect(run.out).toMatch(/Active at .+\s+4 in the province/);
    expect(run.out).toMatch(/still ranked at .+: 3/);
    expect(run.out).toMatch(/lapsed\s+CB-2088-0005\s+Bún khô Hưng Đạo/);
    expect(run.out).toMatch(/revoked\s+CB-2088-0003\s+Lạp sườn Tâm Hòa/);
  });
});
