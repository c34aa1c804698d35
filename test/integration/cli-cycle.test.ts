// `ocop cycle`, `product register|import`, `report` and `schedule` from the
// built binary against the API, as Cao Bằng's OCOP office and its producers
// would run them on a rehearsal cycle whose registration window is open now.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_SUBJECT_IDS } from '../../api/identity/demo-accounts';
import type { ImportResult } from '../../client/api-client';
import type { CycleState } from '../../domain/cycle';
import { cycleWorkflowId, productId } from '../../domain/ids';
import type { CycleReport } from '../../domain/report';
import type { ApiUnderTest } from '../support/api';
import { type CliSession, cliSession } from '../support/cli-session';
import { eventually, historyLength, ROOT } from '../support/env';

const fixture = (name: string) => path.join(ROOT, 'test/fixtures', name);
/**
 * A rehearsal's year is its own: no other test starts CB-2041, nor CB-2046 (a cycle imported into at once). Its
 * products come from districts, so it names the rule set it trains on (148); a rehearsal needs no override for it.
 */
const YEAR = 2041;
const CYCLE = `CB-${YEAR}`;
const FRESH_YEAR = 2046;

describe('ocop cycle, register, import, report and schedule', () => {
  let session: CliSession;
  let api: ApiUnderTest;
  const as = (login: string, args: string[]) => session.as(login, args);
  const file = (name: string, content: string | object) => session.file(name, content);
  const rehearsal = () =>
    file('rehearsal.json', {
      minutes: { registration: 30, dossier: 30, evaluation: { district: 30, province: 30, central: 30 } },
    });
  /** The coordinator's rehearsal of Cao Bằng for `year` under 148, whose districts the products below come from. */
  const startRehearsal = (year: number, ...more: string[]) =>
    as('nong.thi.ha', [
      ...['cycle', 'start', '--province', 'CB', '--year', String(year), '--rules', 'OCOP_148_2023'],
      ...['--rehearsal', rehearsal(), ...more],
    ]);

  beforeAll(async () => {
    session = await cliSession(['nong.thi.ha', 'htx.hatde', 'be.van.duc', 'cty.nongsan.hoaan']);
    ({ api } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('cycle start --rehearsal --json starts a training cycle as the coordinator', async () => {
    const run = await startRehearsal(YEAR, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({
      cycleId: CYCLE,
      workflowId: `ocop-cycle-${CYCLE}`,
      ruleSetId: 'OCOP_148_2023',
    });

    const list = await as('nong.thi.ha', ['cycle', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ cycleId: CYCLE, phase: 'REGISTRATION' })]),
    );
  });

  it('refuses bad input with exit 2 naming the field, a second start and a start elsewhere with exit 4', async () => {
    const calendar = JSON.parse(readFileSync(fixture('calendar.json'), 'utf8')) as Record<string, unknown>;
    const disordered = file('disordered.json', { ...calendar, dossierDeadline: calendar.registrationOpens });
    const runs = await Promise.all([
      startRehearsal(YEAR),
      as('nong.thi.ha', [
        'cycle',
        'start',
        '--province',
        'CM',
        '--year',
        '2042',
        '--targets',
        fixture('targets.json'),
        '--rehearsal',
        rehearsal(),
      ]),
      as('htx.hatde', ['cycle', 'start', '--province', 'CB', '--year', '2043', '--rehearsal', rehearsal()]),
      as('nong.thi.ha', ['cycle', 'start', '--province', 'CB', '--year', '2023', '--calendar', disordered]),
      as('nong.thi.ha', ['cycle', 'start', '--province', 'CE', '--year', '2025']),
    ]);
    expect(runs.map((r) => [r.code, r.stdout, r.stderr.trim().split('\n').length])).toEqual([
      [4, '', 1],
      [4, '', 1],
      [4, '', 1],
      [2, '', 1],
      [2, '', 1],
    ]);
    expect(runs[0]?.stderr).toMatch(new RegExp(`^ocop: .*${CYCLE}.*already`));
    expect(runs[1]?.stderr).toMatch(/^ocop: .*coordinator.*CM/);
    expect(runs[2]?.stderr).toMatch(/^ocop: .*coordinator.*CB/);
    expect(runs[3]?.stderr).toMatch(
      /^ocop: cycle: calendar\.dossierDeadline: must be after calendar\.registrationCloses/,
    );
    expect(runs[4]?.stderr).toBe(
      "ocop: --targets: is required for province CE; only Cao Bằng's (CB) plan is built in\n",
    );
  });

  it('a producer registers its own product; registering it again is refused with exit 4', async () => {
    const registration = file('own.json', {
      product: { name: 'Hạt dẻ Trùng Khánh loại 1', group: 'food' },
      subject: {
        id: DEMO_SUBJECT_IDS.hatDeTrungKhanh,
        name: 'HTX Nông nghiệp Hạt dẻ Trùng Khánh',
        type: 'cooperative',
      },
      unit: '047',
    });
    const run = await as('htx.hatde', ['product', 'register', '--cycle', CYCLE, '--file', registration]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.trim()).toBe(`Registered ${CYCLE}-0001 (workflow ocop-product-${CYCLE}-0001)`);

    // Refused from the read model: the cycle's history does not grow.
    const cycle = api.client.client.workflow.getHandle(cycleWorkflowId(CYCLE));
    const before = await historyLength(cycle);
    const again = await as('htx.hatde', ['product', 'register', '--cycle', CYCLE, '--file', registration]);
    expect(again).toMatchObject({ code: 4, stdout: '' });
    expect(again.stderr).toMatch(/^ocop: .*Hạt dẻ Trùng Khánh loại 1.* already registered in CB-2041 as CB-2041-0001/);
    expect(await historyLength(cycle)).toBe(before);
  });

  it("a producer may not register another subject's product, and a file may not name an actor", async () => {
    const other = file('other.json', {
      product: { name: 'Gạo nếp', group: 'food' },
      subject: { id: DEMO_SUBJECT_IDS.nongSanHoaAn, name: 'Công ty TNHH Nông sản sạch Hòa An', type: 'enterprise' },
      unit: '051',
    });
    const run = await as('htx.hatde', ['product', 'register', '--cycle', CYCLE, '--file', other]);
    expect(run).toMatchObject({ code: 4, stdout: '' });
    const withActor = await as('htx.hatde', [
      'product',
      'register',
      '--cycle',
      CYCLE,
      '--file',
      file('actor.json', { actor: { role: 'coordinator', id: 'x' } }),
    ]);
    expect(withActor.code).toBe(2);
    expect(withActor.stderr).toBe('ocop: --file: actor: remove it; you act as who you signed in as (ocop whoami)\n');
  });

  it('product import uploads the CSV; the API answers for each line and refused lines exit 4', async () => {
    const csv = [
      'product_name,product_group,subject_id,subject_name,subject_type,unit',
      'Miến dong Phia Đén,food,cty-phia-den,Công ty Phia Đén,enterprise,052',
      'Trà giảo cổ lam,beverage,hkd-ha-quang,Hộ kinh doanh Hà Quảng,household,045',
      'Thạch đen,food,hkd-thach-an,Hộ kinh doanh Thạch An,household,999',
    ].join('\n');
    const run = await as('nong.thi.ha', [
      'product',
      'import',
      '--cycle',
      CYCLE,
      '--file',
      file('rows.csv', csv),
      '--json',
    ]);
    expect(run.code).toBe(4);
    expect(run.stderr).toBe('ocop: 1 of 3 rows refused; see the list\n');
    const result = JSON.parse(run.stdout) as ImportResult;
    expect(result).toMatchObject({ registered: 2, refused: 1 });
    expect(result.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'registered'],
      [3, 'registered'],
      [4, 'refused'],
    ]);

    // Imported again, the two rows already registered are refused from the read model: the cycle records nothing.
    const cycle = api.client.client.workflow.getHandle(cycleWorkflowId(CYCLE));
    const before = await historyLength(cycle);
    const text = await as('nong.thi.ha', ['product', 'import', '--cycle', CYCLE, '--file', file('rows.csv', csv)]);
    expect(text.stdout).toMatch(/^Registered 0 of 3 rows in CB-2041/);
    expect(text.stdout).toMatch(/Refused 3 rows/);
    expect(text.stdout).toMatch(/already registered in CB-2041 as CB-2041-0002/);
    expect(await historyLength(cycle)).toBe(before);
  });

  it.each([
    [
      'an unknown application',
      async () => 'CB-2030-0099',
      'must name an existing application: CB-2030-0099 is not known',
    ],
    [
      "another subject's product",
      async () => {
        // The Hạt dẻ product registered above, once the read model holds it.
        const id = `${CYCLE}-0001`;
        await eventually(
          () => api.db.selectFrom('products').select('id').where('id', '=', id).executeTakeFirst(),
          Boolean,
        );
        return id;
      },
      `must name an application of subject ${DEMO_SUBJECT_IDS.nongSanHoaAn}: ${CYCLE}-0001 belongs to another subject`,
    ],
    [
      'the product being registered',
      async () => productId(CYCLE, (await api.client.cycleState(CYCLE)).registered + 1),
      `must name an earlier application, not ${CYCLE}-0004 itself`,
    ],
  ])(
    'a re-evaluation naming %s exits 2 naming previousProductId, and the cycle records nothing',
    async (_, previous, rule) => {
      const previousProductId = await previous();
      const registration = file('re-evaluation.json', {
        product: { name: 'Gạo nếp', group: 'food' },
        subject: { id: DEMO_SUBJECT_IDS.nongSanHoaAn, name: 'Công ty TNHH Nông sản sạch Hòa An', type: 'enterprise' },
        unit: '051',
        kind: 're-evaluation',
        previousProductId,
      });
      const cycle = api.client.client.workflow.getHandle(cycleWorkflowId(CYCLE));
      const before = await historyLength(cycle);
      const run = await as('cty.nongsan.hoaan', ['product', 'register', '--cycle', CYCLE, '--file', registration]);
      expect(run).toMatchObject({ code: 2, stdout: '', stderr: `ocop: previousProductId: ${rule}\n` });
      expect(await historyLength(cycle)).toBe(before);
      expect((await api.client.cycleState(CYCLE)).registered).toBe(3);
    },
  );

  it('product import right after cycle start finds the cycle before the read model has its row', async () => {
    const year = FRESH_YEAR;
    const started = await startRehearsal(year);
    expect(started.code).toBe(0);
    // The workflow writes the row a moment after the start; without it the import must ask the workflow.
    const row = () => api.db.selectFrom('cycles').select('id').where('id', '=', `CB-${year}`).executeTakeFirst();
    expect(await eventually(row, Boolean)).toBeDefined();
    await api.db.deleteFrom('cycles').where('id', '=', `CB-${year}`).execute();
    const csv = [
      'product_name,product_group,subject_id,subject_name,subject_type,unit',
      'Mật ong bạc hà,food,hkd-bao-lam,Hộ kinh doanh Bảo Lâm,household,042',
    ].join('\n');
    const run = await as('nong.thi.ha', [
      'product',
      'import',
      '--cycle',
      `CB-${year}`,
      '--file',
      file('one.csv', csv),
      '--json',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({
      registered: 1,
      refused: 0,
      rows: [{ line: 2, productId: `CB-${year}-0001` }],
    });
  });

  it('cycle show gives the phase, the calendar and the progress against the targets', async () => {
    const run = await as('nong.thi.ha', ['cycle', 'show', '--cycle', CYCLE]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`Cycle\\s+${CYCLE} \\(OCOP_148_2023\\)`));
    expect(run.stdout).toMatch(/Phase\s+REGISTRATION until/);
    expect(run.stdout).toMatch(/Registered\s+3/);
    expect(run.stdout).toMatch(/registration closes\s+\d\d\/\d\d\/\d{4} \d\d:\d\d/);
    const json = JSON.parse(
      (await as('nong.thi.ha', ['cycle', 'show', '--cycle', CYCLE, '--json'])).stdout,
    ) as CycleState & { report: CycleReport };
    expect(json).toMatchObject({ cycleId: CYCLE, phase: 'REGISTRATION', report: { cycleId: CYCLE } });
  });

  it("report prints the figures as a table, one JSON object, or the API's CSV", async () => {
    const [table, json, csv] = await Promise.all(
      ['table', 'json', 'csv'].map((format) => as('nong.thi.ha', ['report', '--cycle', CYCLE, '--format', format])),
    );
    expect(table?.stdout).toMatch(new RegExp(`^Report ${CYCLE}`));
    expect(table?.stdout).toMatch(/By stage\n(REGISTERED|DOSSIER_REVIEW)/);
    expect(JSON.parse(json?.stdout ?? '')).toMatchObject({ cycleId: CYCLE });
    expect(csv?.stdout.split('\n')[0]).toMatch(/,/);
    expect([table?.code, json?.code, csv?.code]).toEqual([0, 0, 0]);
  });

  it('cycle extend moves a date as the coordinator; an officer may not', async () => {
    const until = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const args = [
      'cycle',
      'extend',
      '--cycle',
      CYCLE,
      '--deadline',
      'cycleEnds',
      '--until',
      until,
      '--reason',
      'Mưa lũ',
    ];
    const refused = await as('be.van.duc', args);
    expect(refused).toMatchObject({ code: 4, stdout: '' });
    expect(refused.stderr).toMatch(/^ocop: .*coordinator/);
    const run = await as('nong.thi.ha', [...args, '--json']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(run.stdout) as CycleState).calendar.cycleEnds).toBe(until);
  });

  it('schedule create sets up a yearly Schedule, and schedule show gives its next runs', async () => {
    const run = await as('nong.thi.ha', [
      'schedule',
      'create',
      '--province',
      'CB',
      '--template',
      fixture('cycle-template.json'),
      '--month',
      '1',
      '--day',
      '15',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/Schedule\s+\S*CB/);
    const show = await as('nong.thi.ha', ['schedule', 'show', '--province', 'CB', '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({
      paused: false,
      nextRuns: expect.arrayContaining([expect.any(String)]),
    });
  });
});
