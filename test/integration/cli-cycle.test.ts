// `ocop cycle`, `product register|import`, `report` and `schedule` from the
// built binary, as a provincial OCOP office would run them on a cycle whose
// registration window is open now.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { ImportSummary } from '../../client/cli/registrations';
import type { CycleScheduleView } from '../../client/ocop-client';
import type { Database } from '../../db/database';
import { type CycleCalendar, type CycleState, yearInVietnam } from '../../domain/cycle';
import type { CycleReport } from '../../domain/report';
import { ocop } from '../support/cli';
import { databaseUrl, devServerAddress, eventually, openDb, ROOT, spawnWorker, stopProcess } from '../support/env';

const TASK_QUEUE = 'cli-cycle';
const MINUTE = 60_000;
const fixture = (name: string) => path.join(ROOT, 'test/fixtures', name);

/** A calendar whose registration opened a minute ago; each later date comes ten minutes after the one before. */
function openCalendar(now = Date.now()): CycleCalendar {
  const at = (minutes: number) => new Date(now + minutes * MINUTE).toISOString();
  return {
    registrationOpens: at(-1),
    registrationCloses: at(10),
    dossierDeadline: at(20),
    evaluation: { district: at(30), province: at(40), central: at(50) },
    cycleEnds: at(60),
  };
}

describe('ocop cycle, register, import, report and schedule', () => {
  const calendar = openCalendar();
  const year = yearInVietnam(calendar.registrationOpens);
  const cycleId = `CA-${year}`;
  const env = () => ({
    TEMPORAL_ADDRESS: devServerAddress(),
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    DATABASE_URL: databaseUrl(),
  });
  let worker: ChildProcess;
  let db: Kysely<Database>;
  let dir: string;
  const jsonFile = (name: string, content: unknown) => {
    const at = path.join(dir, name);
    writeFileSync(at, JSON.stringify(content));
    return at;
  };
  const start = (province: string, ...flags: string[]) =>
    ocop(['cycle', 'start', '--province', province, '--targets', fixture('targets.json'), ...flags], env());

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ocop-cli-'));
    db = openDb();
    worker = await spawnWorker({ TEMPORAL_TASK_QUEUE: TASK_QUEUE });
  });

  afterAll(async () => {
    if (worker) await stopProcess(worker);
    await db?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('cycle start --json starts the cycle on the calendar given', async () => {
    const run = await start('CA', '--year', String(year), '--calendar', jsonFile('open.json', calendar), '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({
      cycleId,
      workflowId: `ocop-cycle-${cycleId}`,
      ruleSetId: 'OCOP_148_2023',
      calendar,
      targets: {
        newProductsThreeStarsOrMore: 10,
        productsFourStarsOrMore: 1,
        productsFiveStars: 0,
        cooperativeShare: 0.4,
        smeShare: 0.3,
      },
    });
  });

  it('cycle start prints the cycle, its workflow and the default calendar of the year', async () => {
    const run = await start('CD', '--year', '2025');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/Cycle\s+CD-2025 \(OCOP_148_2023\)/);
    expect(run.stdout).toMatch(/Workflow\s+ocop-cycle-CD-2025/);
    expect(run.stdout).toMatch(/registration opens\s+01\/03\/2025 00:00/);
    expect(run.stdout).toMatch(/evaluation \(province\)\s+31\/10\/2025 23:59/);
    expect(run.stdout).toMatch(/cycle ends\s+31\/12\/2025 23:59/);
  });

  it('refuses bad input with exit 2 and a line naming the field, and a second start with exit 4', async () => {
    const disordered = { ...calendar, dossierDeadline: calendar.registrationOpens };
    const runs = await Promise.all([
      start('CA', '--year', String(year), '--calendar', jsonFile('again.json', calendar)),
      start('CF', '--year', String(year), '--calendar', jsonFile('disordered.json', disordered)),
      start('CF', '--year', String(year - 1), '--calendar', jsonFile('open.json', calendar)),
      ocop(['cycle', 'start', '--province', 'CE', '--year', '2025'], env()),
      start('CF', '--year', String(year), '--calendar', path.join(dir, 'missing.json')),
    ]);
    expect(runs.map((r) => [r.code, r.stdout, r.stderr.trim().split('\n').length])).toEqual(
      runs.map((_, i) => [i === 0 ? 4 : 2, '', 1]),
    );
    expect(runs.map((r) => r.stderr.trim())).toEqual([
      `ocop: AlreadyExists: cycle ${cycleId} is already started (workflow ocop-cycle-${cycleId})`,
      expect.stringMatching(
        /^ocop: ValidationError: cycle: calendar\.dossierDeadline: must be after calendar\.registrationCloses/,
      ),
      `ocop: ValidationError: cycle: year: must be the year registration opens (${year})`,
      "ocop: ValidationError: --targets: is required for province CE; only Cao Bằng's (CB) plan is built in",
      `ocop: ValidationError: --calendar: cannot read ${path.join(dir, 'missing.json')}: no such file`,
    ]);
  });

  it('product register takes a JSON file and answers with the first product id of the cycle', async () => {
    const run = await ocop(['product', 'register', '--cycle', cycleId, '--file', fixture('registration.json')], env());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.trim()).toBe(`Registered ${cycleId}-0001 (workflow ocop-product-${cycleId}-0001)`);
  });

  it('registering the same product again is refused with exit 4, naming the duplicate', async () => {
    const run = await ocop(['product', 'register', '--cycle', cycleId, '--file', fixture('registration.json')], env());
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(
      `ocop: AlreadyExists: registerProduct: product.name: "Hạt dẻ Trùng Khánh" of subject htx-trung-khanh is already registered in ${cycleId} as ${cycleId}-0001`,
    );
  });

  it('product import registers the good rows and lists each refused row with its field and reason', async () => {
    const run = await ocop(
      ['product', 'import', '--cycle', cycleId, '--file', fixture('registrations.csv'), '--json'],
      env(),
    );
    expect(run.code).toBe(4);
    expect(run.stderr.trim()).toBe('ocop: 2 of 5 rows refused; see the summary');
    const summary = JSON.parse(run.stdout) as ImportSummary;
    expect(summary.registered).toEqual([
      { row: 2, productId: `${cycleId}-0002` },
      { row: 3, productId: `${cycleId}-0003` },
      { row: 4, productId: `${cycleId}-0004` },
    ]);
    expect(summary.refused).toEqual([
      { row: 5, field: 'subject_email', reason: 'Invalid email address' },
      {
        row: 6,
        field: 'product_name',
        reason: `"hạt dẻ   TRÙNG KHÁNH" of subject htx-trung-khanh is already registered in ${cycleId} as ${cycleId}-0001`,
      },
    ]);
  });

  it('cycle show gives the phase, the deadlines and the progress against the targets', async () => {
    const [text, json] = await Promise.all([
      ocop(['cycle', 'show', '--cycle', cycleId], env()),
      ocop(['cycle', 'show', '--cycle', cycleId, '--json'], env()),
    ]);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(/Phase\s+REGISTRATION until \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    expect(text.stdout).toMatch(/Registered\s+4/);
    expect(text.stdout).toMatch(/dossier deadline\s+\d\d\/\d\d\/\d{4} \d\d:\d\d/);
    expect(text.stdout).toMatch(/new products at 3 stars or more\s+10\s+0\s+✗/);
    const shown = JSON.parse(json.stdout) as CycleState & { report: CycleReport };
    expect(shown).toMatchObject({ cycleId, phase: 'REGISTRATION', registered: 4, calendar });
    expect(shown.report.targets.map((t) => [t.target, t.goal])).toContainEqual(['cooperativeShare', 0.4]);
  });

  it('report prints the figures as a table, one JSON object, or CSV', async () => {
    // The read model is written by each product's workflow, just after it starts.
    await eventually(
      () => db.selectFrom('products').select('id').where('cycle_id', '=', cycleId).execute(),
      (rows) => rows.length === 4,
    );
    const report = (format: string) => ocop(['report', '--cycle', cycleId, '--format', format], env());
    const [table, json, csv] = await Promise.all([report('table'), report('json'), report('csv')]);
    expect([table.code, json.code, csv.code]).toEqual([0, 0, 0]);

    const figures = JSON.parse(json.stdout) as CycleReport;
    expect(figures).toMatchObject({
      cycleId,
      registered: 4,
      byStage: { REGISTERED: 4 },
      subjects: { total: 4, byType: { cooperative: 2, enterprise: 1, household: 1 } },
    });
    expect(figures.targets.find((t) => t.target === 'smeShare')).toMatchObject({ goal: 0.3, actual: 0.25, met: false });

    expect(table.stdout).toMatch(/By stage\nREGISTERED\s+4/);
    expect(table.stdout).toMatch(/share of cooperatives among subjects\s+40%\s+50%\s+✓/);

    const [header, ...rows] = csv.stdout.trim().split('\n');
    expect(header).toBe('section,key,value,goal,met');
    expect(rows).toEqual(
      expect.arrayContaining([
        'summary,registered,4,,',
        'stage,REGISTERED,4,,',
        'subject_type,cooperative,2,,',
        'group_registered,food,2,,',
        'target,smeShare,0.25,0.3,false',
      ]),
    );
  });

  it('cycle extend moves a calendar date; the products waiting on it take it; a producer may not', async () => {
    const until = new Date(Date.parse(calendar.dossierDeadline) + 5 * MINUTE).toISOString();
    const extend = (as: string, to: string) =>
      ocop(
        [
          'cycle',
          'extend',
          '--cycle',
          cycleId,
          '--deadline',
          'dossierDeadline',
          '--until',
          to,
          '--reason',
          'Mưa lũ',
          '--as',
          as,
          '--json',
        ],
        env(),
      );
    const refused = await extend('producer:htx-trung-khanh', until);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toBe(
      'ocop: Forbidden: extendCalendar: actor.role: producer may not extend; only a coordinator may\n',
    );

    const run = await extend('coordinator:vp-ocop-ca', until);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(run.stdout) as CycleState).calendar).toEqual({ ...calendar, dossierDeadline: until });
    const rows = await eventually(
      () => db.selectFrom('products').select(['id', 'next_deadline']).where('cycle_id', '=', cycleId).execute(),
      (all) => all.every((row) => row.next_deadline?.toISOString() === until),
    );
    expect(rows.map((row) => row.next_deadline?.toISOString())).toEqual([until, until, until, until]);

    const earlier = await extend('coordinator:vp-ocop-ca', calendar.dossierDeadline);
    expect(earlier.code).toBe(2);
    expect(earlier.stderr).toBe(
      `ocop: ValidationError: extendCalendar: until: must be later than the current dossierDeadline ${until}\n`,
    );
  });

  it('report says in one line when PostgreSQL cannot be reached, and exits 5', async () => {
    const run = await ocop(['report', '--cycle', cycleId], {
      ...env(),
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/x',
    });
    expect(run.code).toBe(5);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'ocop: cannot reach PostgreSQL at postgresql://postgres@127.0.0.1:1/x: connection refused\n',
    );
  });

  it('a usage error is one line on stderr, and exits 2', async () => {
    const run = await ocop(['report', '--cycle', cycleId, '--format', 'xml'], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json, csv.\n",
    );
  });

  it('schedule create sets up a yearly Schedule, and schedule show gives its next runs', async () => {
    const created = await ocop(
      ['schedule', 'create', '--province', 'CA', '--template', fixture('cycle-template.json'), '--json'],
      env(),
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const [shown, text, again] = await Promise.all([
      ocop(['schedule', 'show', '--province', 'CA', '--json'], env()),
      ocop(['schedule', 'show', '--province', 'CA'], env()),
      ocop(['schedule', 'create', '--province', 'CA', '--template', fixture('cycle-template.json')], env()),
    ]);
    const view = JSON.parse(shown.stdout) as CycleScheduleView;
    expect(view).toMatchObject({ scheduleId: 'ocop-cycle-schedule-CA', paused: false });
    expect(view).toEqual(JSON.parse(created.stdout));
    const next = view.nextRuns[0] ?? '';
    expect(Date.parse(next)).toBeGreaterThan(Date.now());
    // 15 January at 00:00 in Vietnam.
    expect(new Date(next).toISOString()).toMatch(/-01-14T17:00:00\.000Z$/);
    expect(text.stdout).toMatch(/Next runs\s+15\/01\/\d{4} 00:00/);
    expect(again.code).toBe(4);
    expect(again.stderr.trim()).toBe('ocop: AlreadyExists: a schedule for province CA exists (ocop-cycle-schedule-CA)');
  });
});
