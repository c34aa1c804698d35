// What a coordinator tripped over starting cycles with the built `ocop`
// against the API: the rule set follows the date, a calendar already past is a
// back-fill or nothing, an ended cycle is not started again, a second round of
// the year has ids of its own, a rehearsal needs no file, and bad input names
// the flag, the key or every fault of a row.
import { ApiClient, ApiError } from '../../client/api-client';
import { cycleWorkflowId } from '../../domain/ids';
import type { ApiUnderTest } from '../support/api';
import { type CliSession, cliSession } from '../support/cli-session';
import { eventually, startedInput } from '../support/env';

const COORDINATOR = 'nong.thi.ha';
/** Years no other test starts for CB: real calendars need their own year, rehearsals do not. */
const OVERRIDE_YEAR = 2027;
const BY_DATE_YEAR = 2028;
const BACKFILL_YEAR = 2024;
const ROUND_YEAR = 2048;
const BARE_REHEARSAL_YEAR = 2049;

/** A year's calendar in Vietnam, registration from 1 March, as a coordinator writes it in a file. */
const calendarOf = (year: number) => ({
  registrationOpens: `${year}-02-28T17:00:00Z`,
  registrationCloses: `${year}-04-30T16:59:00Z`,
  dossierDeadline: `${year}-05-31T16:59:00Z`,
  evaluation: { commune: `${year}-08-31T16:59:00Z`, province: `${year}-10-31T16:59:00Z` },
  cycleEnds: `${year}-12-31T16:59:00Z`,
});

describe('ocop cycle start: the rules a start must respect', () => {
  let session: CliSession;
  let api: ApiUnderTest;
  let http: ApiClient;
  const as = (args: string[]) => session.as(COORDINATOR, args);
  const start = (year: number, ...more: string[]) =>
    as(['cycle', 'start', '--province', 'CB', '--year', String(year), ...more]);
  /** The API's own answer to a body the CLI would not send. */
  const refusal = async (body: object) => {
    const error = await http.startCycle(body as Parameters<ApiClient['startCycle']>[0]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).problem;
  };
  const START = { province: 'CB', targets: { newProductsThreeStarsOrMore: 1 } };

  beforeAll(async () => {
    session = await cliSession([COORDINATOR, 'htx.hatde']);
    ({ api } = session);
    http = new ApiClient({ baseUrl: api.url, token: () => api.tokenFor(COORDINATOR) });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('refuses a 2027 cycle asking for 148 with exit 2 naming --rules; the API refuses it too', async () => {
    const calendar = session.file('cb-2027.json', calendarOf(OVERRIDE_YEAR));
    const run = await start(OVERRIDE_YEAR, '--rules', 'OCOP_148_2023', '--calendar', calendar);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      'ocop: --rules: is OCOP_148_2023, but OCOP_1489_2025 (Quyết định 1489/QĐ-TTg) is in force when registration ' +
        'opens on 01/03/2027; leave it out, or keep OCOP_148_2023 as a transitional arrangement with ' +
        'ruleSetOverride: {reason} (--rules-override)\n',
    );
    const problem = await refusal({
      ...START,
      year: OVERRIDE_YEAR,
      ruleSetId: 'OCOP_148_2023',
      calendar: calendarOf(OVERRIDE_YEAR),
    });
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'ruleSetId' }] });
  });

  it('keeps 148 with --rules-override, recorded in the cycle input and in api_actions', async () => {
    const reason = 'Chuyển tiếp: hồ sơ đăng ký theo Quyết định 148 trước ngày 6/7/2025';
    const calendar = session.file('cb-2027.json', calendarOf(OVERRIDE_YEAR));
    const run = await start(
      OVERRIDE_YEAR,
      '--rules',
      'OCOP_148_2023',
      '--rules-override',
      reason,
      '--calendar',
      calendar,
      '--json',
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ cycleId: `CB-${OVERRIDE_YEAR}`, ruleSetId: 'OCOP_148_2023' });
    expect(await startedInput(api.client.client, cycleWorkflowId(`CB-${OVERRIDE_YEAR}`))).toMatchObject({
      ruleSetId: 'OCOP_148_2023',
      ruleSetOverride: { reason },
    });
    const audit = await api.db
      .selectFrom('api_actions')
      .select('params')
      .where('operation', '=', 'startCycle')
      .where('route', '=', '/v1/cycles')
      .execute();
    expect(audit.map((r) => r.params)).toContainEqual({ ruleSetId: 'OCOP_148_2023', ruleSetOverride: { reason } });
  });

  it('refuses a Schedule whose template names a rule set not in force without an override', async () => {
    const template = session.file('template-148.json', {
      ruleSetId: 'OCOP_148_2023',
      offsets: { registrationCloses: 'P45D', dossierDeadline: 'P75D', cycleEnds: 'P300D' },
      targets: { newProductsThreeStarsOrMore: 1 },
    });
    const run = await as(['schedule', 'create', '--province', 'CB', '--template', template, '--round', '3']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(
      /^ocop: ruleSetId: is OCOP_148_2023, but OCOP_1489_2025 .* is in force when registration opens/,
    );
  });

  it('without --rules, a 2028 cycle runs under the rule set in force on its registration day (1489)', async () => {
    const run = await start(BY_DATE_YEAR, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ cycleId: `CB-${BY_DATE_YEAR}`, ruleSetId: 'OCOP_1489_2025' });
    const state = await api.client.cycleState(`CB-${BY_DATE_YEAR}`);
    expect(state).toMatchObject({ ruleSetId: 'OCOP_1489_2025', round: 1 });
    expect(Object.keys(state.calendar.evaluation)).toEqual(['commune', 'province', 'central']);
  });

  it('refuses a calendar entirely in the past unless --backfill, then refuses to start the ended cycle again', async () => {
    const past = await start(BACKFILL_YEAR);
    expect(past).toMatchObject({ code: 2, stdout: '' });
    expect(past.stderr).toMatch(
      /^ocop: --year: is 2024-12-31T16:59:00.000Z, already past: the whole calendar has passed .*--backfill/,
    );
    const problem = await refusal({ ...START, year: BACKFILL_YEAR, calendar: calendarOf(BACKFILL_YEAR) });
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'calendar.cycleEnds' }] });

    const backfill = await start(BACKFILL_YEAR, '--backfill', '--json');
    expect(backfill).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(backfill.stdout)).toMatchObject({ cycleId: `CB-${BACKFILL_YEAR}`, ruleSetId: 'OCOP_148_2023' });
    await api.client.client.workflow.getHandle(cycleWorkflowId(`CB-${BACKFILL_YEAR}`)).result();

    const again = await start(BACKFILL_YEAR, '--backfill');
    expect(again).toMatchObject({ code: 4, stdout: '' });
    expect(again.stderr).toBe(
      `ocop: cycle CB-${BACKFILL_YEAR} has ended (ENDED) and cannot be started again; a further evaluation round ` +
        '(đợt) of the year is started with round 2 (ocop cycle start --round 2)\n',
    );
    const api409 = await refusal({
      ...START,
      year: BACKFILL_YEAR,
      backfill: true,
      calendar: calendarOf(BACKFILL_YEAR),
    });
    expect(api409).toMatchObject({ status: 409, detail: expect.stringMatching(/has ended/) });

    const round = await start(BACKFILL_YEAR, '--backfill', '--round', '2', '--json');
    expect(round).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(round.stdout)).toMatchObject({ cycleId: `CB-${BACKFILL_YEAR}-D2` });
  });

  it('a second round has ids of its own, and its products are shown and reported like any', async () => {
    const run = await start(ROUND_YEAR, '--round', '2', '--rehearsal', '--rules', 'OCOP_148_2023', '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const cycleId = `CB-${ROUND_YEAR}-D2`;
    expect(JSON.parse(run.stdout)).toMatchObject({ cycleId, workflowId: `ocop-cycle-${cycleId}` });
    const registration = session.file('round.json', {
      product: { name: 'Hạt dẻ Trùng Khánh đợt 2', group: 'food' },
      subject: { id: 'htx-nong-nghiep-hat-de-trung-khanh', name: 'HTX Hạt dẻ', type: 'cooperative' },
      unit: '047',
    });
    const registered = await as(['product', 'register', '--cycle', cycleId, '--file', registration]);
    expect(registered).toMatchObject({ code: 0, stderr: '' });
    expect(registered.stdout.trim()).toBe(`Registered ${cycleId}-0001 (workflow ocop-product-${cycleId}-0001)`);
    await eventually(
      () => api.db.selectFrom('products').select('id').where('id', '=', `${cycleId}-0001`).executeTakeFirst(),
      Boolean,
    );
    const shown = await as(['product', 'show', '--product', `${cycleId}-0001`, '--json']);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    const report = await as(['report', '--cycle', cycleId, '--format', 'json']);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ cycleId });
    const list = await as(['cycle', 'show', '--cycle', cycleId, '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject({ cycleId, registered: 1 });
    expect(await api.client.cycleState(cycleId)).toMatchObject({ cycleId, round: 2 });
  });

  it('--rehearsal without a file starts a training cycle of half an hour a step', async () => {
    const run = await start(BARE_REHEARSAL_YEAR, '--rehearsal', '--rules', 'OCOP_148_2023');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.trim()).toBe(
      `Started CB-${BARE_REHEARSAL_YEAR} (workflow ocop-cycle-CB-${BARE_REHEARSAL_YEAR}), a rehearsal under OCOP_148_2023`,
    );
    const state = await api.client.cycleState(`CB-${BARE_REHEARSAL_YEAR}`);
    const { registrationOpens, registrationCloses } = state.calendar;
    expect(Date.parse(registrationCloses) - Date.parse(registrationOpens)).toBe(30 * 60_000);
    expect(Object.keys(state.calendar.evaluation)).toEqual(['district', 'province', 'central']);
  });

  it('refuses a key the calendar or the rehearsal file does not know, naming it, here and in the API', async () => {
    const { registrationOpens, ...rest } = calendarOf(2029);
    const misspelt = session.file('misspelt.json', { ...rest, registrationOpen: registrationOpens });
    const calendar = await start(2029, '--calendar', misspelt);
    expect(calendar).toMatchObject({ code: 2, stdout: '' });
    expect(calendar.stderr).toBe(
      'ocop: --calendar: registrationOpens: is required; unknown key "registrationOpen"; the keys are ' +
        'registrationOpens, registrationCloses, dossierDeadline, evaluation, cycleEnds\n',
    );
    const rehearsal = session.file('rehearsal.json', {
      minutes: { registration: 5, dosier: 5, dossier: 5, evaluation: {} },
    });
    const run = await start(2050, '--rehearsal', rehearsal);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^ocop: --rehearsal: minutes: unknown key "dosier"; the keys are registration, /);
    const problem = await refusal({ ...START, year: 2029, calendar: { ...rest, registrationOpen: registrationOpens } });
    expect(problem).toMatchObject({ status: 400, detail: expect.stringMatching(/registrationOpen/) });
  });

  it('names a flag left out by its flag, not by a schema path', async () => {
    const registration = session.file('no-unit.json', {
      product: { name: 'Miến dong', group: 'food' },
      subject: { id: 'htx-nong-nghiep-hat-de-trung-khanh', name: 'HTX Hạt dẻ', type: 'cooperative' },
    });
    const noUnit = await as(['product', 'register', '--cycle', `CB-${ROUND_YEAR}-D2`, '--file', registration]);
    expect(noUnit).toMatchObject({ code: 2, stdout: '' });
    expect(noUnit.stderr).toBe('ocop: --unit is required\n');
    const noDocuments = await session.as('htx.hatde', [
      'product',
      'submit-dossier',
      '--product',
      `CB-${ROUND_YEAR}-D2-0001`,
    ]);
    expect(noDocuments).toEqual({ code: 2, stdout: '', stderr: 'ocop: --documents is required\n' });
  });

  it('reports every fault of an imported row', async () => {
    const csv = [
      'product_name,product_group,subject_id,subject_name,subject_type,unit',
      'Thạch đen,drinks,hkd-thach-an,Hộ kinh doanh Thạch An,household,999',
    ].join('\n');
    const run = await as([
      'product',
      'import',
      '--cycle',
      `CB-${ROUND_YEAR}-D2`,
      '--file',
      session.file('two-faults.csv', csv),
      '--json',
    ]);
    expect(run.code).toBe(4);
    const [row] = (JSON.parse(run.stdout) as { rows: { line: number; error: string }[] }).rows;
    expect(row?.line).toBe(2);
    expect(row?.error).toMatch(/^product_group: Invalid option: .*; unit: must be one of Cao Bằng's districts/);
  });
});
