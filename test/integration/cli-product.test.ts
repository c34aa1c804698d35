// The product actions, `product list` and `product show` from the built
// binary against the API, each run by the person whose job it is: a producer
// submits, Trùng Khánh's officer reviews, its council secretary records the
// council's result, and another district's officer is refused.
import path from 'node:path';
import { DEMO_SUBJECT_IDS } from '../../api/identity/demo-accounts';
import type { ProductPage, ProductView, Task } from '../../client/api-client';
import type { ProductState } from '../../domain/product';
import { type CliSession, cliSession } from '../support/cli-session';
import { ROOT } from '../support/env';

const fixture = (name: string) => path.join(ROOT, 'test/fixtures', name);
const YEAR = 2044;
const CYCLE = `CB-${YEAR}`;
const HAT_DE = `${CYCLE}-0001`;
const HOA_AN = `${CYCLE}-0002`;
const LOGINS = ['nong.thi.ha', 'htx.hatde', 'cty.nongsan.hoaan', 'be.van.duc', 'luc.thi.mai', 'hoang.van.nam'];
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe('ocop product actions, list and show', () => {
  let session: CliSession;
  const as = (login: string, args: string[]) => session.as(login, args);
  const file = (name: string, content: string | object) => session.file(name, content);

  /** `ocop product <action> --product <id> ... --json` as `login`, and the state it prints. */
  async function act(login: string, action: string, product: string, ...flags: string[]): Promise<ProductState> {
    const run = await as(login, ['product', action, '--product', product, ...flags, '--json']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(run.stdout) as ProductState;
  }
  async function list(login: string, ...flags: string[]): Promise<ProductPage> {
    const run = await as(login, ['product', 'list', ...flags, '--json']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(run.stdout) as ProductPage;
  }
  const show = async (login: string, product: string) =>
    JSON.parse((await as(login, ['product', 'show', '--product', product, '--json'])).stdout) as ProductView;

  beforeAll(async () => {
    session = await cliSession(LOGINS);
    const minutes = { registration: 30, dossier: 30, evaluation: { district: 30, province: 30, central: 30 } };
    const started = await as('nong.thi.ha', [
      'cycle',
      'start',
      '--province',
      'CB',
      '--year',
      String(YEAR),
      // Trùng Khánh and Hòa An are districts: the rehearsal trains on the rule set whose first level they are.
      '--rules',
      'OCOP_148_2023',
      '--rehearsal',
      file('r.json', { minutes }),
    ]);
    expect(started.stderr).toBe('');
    const register = (login: string, name: string, subject: object, unit: string) =>
      as(login, [
        'product',
        'register',
        '--cycle',
        CYCLE,
        '--file',
        file(`${login}.json`, { product: { name, group: 'food' }, subject, unit }),
      ]);
    expect(
      (
        await register(
          'htx.hatde',
          'Hạt dẻ Trùng Khánh',
          { id: DEMO_SUBJECT_IDS.hatDeTrungKhanh, name: 'HTX Hạt dẻ', type: 'cooperative' },
          '047',
        )
      ).stdout,
    ).toContain(HAT_DE);
    expect(
      (
        await register(
          'cty.nongsan.hoaan',
          'Gạo nếp Hòa An',
          { id: DEMO_SUBJECT_IDS.nongSanHoaAn, name: 'Công ty Nông sản sạch', type: 'enterprise' },
          '051',
        )
      ).stdout,
    ).toContain(HOA_AN);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('the producer submits, the district officer asks for a supplement, the producer supplements', async () => {
    const submitted = await act('htx.hatde', 'submit-dossier', HAT_DE, '--documents', 'Phiếu đăng ký, Nhãn');
    expect(submitted).toMatchObject({ stage: 'DOSSIER_REVIEW', deadline: { kind: 'dossier-review' } });
    const due = inHours(20);
    const asked = await act(
      'be.van.duc',
      'review',
      HAT_DE,
      '--decision',
      'request-supplement',
      '--missing',
      'Công bố chất lượng',
      '--due',
      due,
    );
    expect(asked).toMatchObject({ stage: 'AWAITING_SUPPLEMENT', supplementRounds: 1, deadline: { dueAt: due } });
    const supplemented = await act('htx.hatde', 'supplement', HAT_DE, '--file', fixture('supplement.json'));
    expect(supplemented.stage).toBe('DOSSIER_REVIEW');
  });

  it("another district's officer is refused with exit 4 naming the grant, and the history is unchanged", async () => {
    const before = await show('nong.thi.ha', HAT_DE);
    const run = await as('hoang.van.nam', ['product', 'review', '--product', HAT_DE, '--decision', 'accept']);
    expect(run).toMatchObject({ code: 4, stdout: '' });
    expect(run.stderr).toMatch(/^ocop: .*dossier_officer.*047.*\n$/);
    const producer = await as('htx.hatde', ['product', 'review', '--product', HAT_DE, '--decision', 'accept']);
    expect(producer.code).toBe(4);
    expect((await show('nong.thi.ha', HAT_DE)).timeline).toEqual(before.timeline);
  });

  it('bad input is refused before it is sent, naming the flag and the rule', async () => {
    const run = await as('be.van.duc', ['product', 'review', '--product', HAT_DE, '--decision', 'request-supplement']);
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'ocop: --missing: is required with --decision request-supplement\n',
    });
  });

  it('the officer accepts, the council rates it, and the decision certifies it', async () => {
    const accepted = await act('be.van.duc', 'review', HAT_DE, '--decision', 'accept');
    expect(accepted).toMatchObject({ stage: 'EVALUATION', level: 'district' });
    const council = ['--level', 'district', '--meeting-date', new Date().toISOString()];
    const sheets = ['--file', fixture('council-sheets.json')];
    const noChair = await as('luc.thi.mai', [
      'product',
      'council-result',
      '--product',
      HAT_DE,
      ...council,
      ...sheets,
      '--chair',
      'tv-9',
    ]);
    expect(noChair).toMatchObject({ code: 2, stderr: 'ocop: --chair: no sheet of member tv-9 in the file\n' });
    // A coordinator's finding: a meeting of 2019 was taken in a later cycle. It is refused, and nothing is recorded.
    const council2019 = ['--level', 'district', '--meeting-date', '2019-01-01T02:00:00Z', '--council-size', '3'];
    const meeting2019 = await as('luc.thi.mai', [
      'product',
      'council-result',
      '--product',
      HAT_DE,
      ...council2019,
      '--chair',
      'tv-1',
      ...sheets,
    ]);
    expect(meeting2019.code).toBe(2);
    expect(meeting2019.stderr).toMatch(
      /meetingDate: must not be before the product was registered on \d\d\/\d\d\/\d{4}/,
    );
    const rated = await act(
      'luc.thi.mai',
      'council-result',
      HAT_DE,
      ...council,
      '--council-size',
      '3',
      '--chair',
      'tv-1',
      ...sheets,
    );
    expect(rated).toMatchObject({ stage: 'AWAITING_DECISION', pendingRecognition: { stars: 3, level: 'district' } });
    const decidedOn = new Date().toISOString();
    const decision = [
      '--decision-number',
      '12/QĐ-UBND',
      '--decided-on',
      decidedOn,
      '--authority',
      'UBND huyện Trùng Khánh',
    ];
    const certified = await act('nong.thi.ha', 'recognize', HAT_DE, ...decision);
    expect(certified).toMatchObject({
      stars: 3,
      certificate: { stars: 3, level: 'district', decidedOn, decision: { number: '12/QĐ-UBND' } },
    });
  });

  it('product show names the people who acted in the timeline', async () => {
    const run = await as('htx.hatde', ['product', 'show', '--product', HAT_DE]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/Unit\s+047/);
    expect(run.stdout).toMatch(/submitDossier\s+HTX Nông nghiệp Hạt dẻ Trùng Khánh \(subject|producer\)/);
    expect(run.stdout).toMatch(/reviewDossier\s+Bế Văn Đức/);
    expect(run.stdout).toMatch(/recordCouncilResult\s+Lục Thị Mai/);
    const other = await as('htx.hatde', ['product', 'show', '--product', HOA_AN]);
    expect([3, 4]).toContain(other.code);
    expect(other.stdout).toBe('');
  });

  it('product list filters by cycle, unit, stage, stars, subject and name, sorts, and pages with a cursor', async () => {
    const all = await list('nong.thi.ha', '--cycle', CYCLE, '--sort', 'name');
    expect(all.items.map((p) => p.productId)).toEqual([HOA_AN, HAT_DE]);
    expect((await list('nong.thi.ha', '--cycle', CYCLE, '--unit', '047')).items.map((p) => p.productId)).toEqual([
      HAT_DE,
    ]);
    expect(
      (await list('nong.thi.ha', '--cycle', CYCLE, '--stage', 'REGISTERED')).items.map((p) => p.productId),
    ).toEqual([HOA_AN]);
    expect((await list('nong.thi.ha', '--cycle', CYCLE, '--stars', '3')).items.map((p) => p.productId)).toEqual([
      HAT_DE,
    ]);
    expect((await list('nong.thi.ha', '--cycle', CYCLE, '--search', 'gạo')).items.map((p) => p.productId)).toEqual([
      HOA_AN,
    ]);
    expect(
      (await list('nong.thi.ha', '--subject', DEMO_SUBJECT_IDS.nongSanHoaAn)).items.map((p) => p.productId),
    ).toContain(HOA_AN);

    const first = await list('nong.thi.ha', '--cycle', CYCLE, '--sort', '-name', '--limit', '1');
    expect(first.items.map((p) => p.productId)).toEqual([HAT_DE]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(
      'nong.thi.ha',
      '--cycle',
      CYCLE,
      '--sort',
      '-name',
      '--limit',
      '1',
      '--cursor',
      first.nextCursor ?? '',
    );
    expect(second.items.map((p) => p.productId)).toEqual([HOA_AN]);

    // Each sees what is theirs: a producer its own, a district officer its district's.
    expect((await list('cty.nongsan.hoaan', '--cycle', CYCLE)).items.map((p) => p.productId)).toEqual([HOA_AN]);
    expect((await list('be.van.duc', '--cycle', CYCLE)).items.map((p) => p.productId)).toEqual([HAT_DE]);

    const text = await as('nong.thi.ha', ['product', 'list', '--cycle', CYCLE, '--sort', 'name']);
    expect(text.stdout).toMatch(new RegExp(`${HOA_AN}\\s+Gạo nếp Hòa An\\s+051\\s+REGISTERED`));
    const bad = await as('nong.thi.ha', ['product', 'list', '--stage', 'NOPE']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain("error: option '--stage <stage>' argument 'NOPE' is invalid");
  });

  it("tasks lists what waits for the caller: the Hòa An producer's dossier", async () => {
    const run = await as('cty.nongsan.hoaan', ['tasks', '--json']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(run.stdout) as Task[]).map((t) => t.productId)).toContain(HOA_AN);
  });

  it('withdraw takes a payload file; the producer withdraws its own application', async () => {
    const withdrawn = await act('cty.nongsan.hoaan', 'withdraw', HOA_AN, '--file', fixture('withdraw.json'));
    expect(withdrawn.stage).toBe('WITHDRAWN');
    const again = await as('cty.nongsan.hoaan', ['product', 'withdraw', '--product', HOA_AN, '--reason', 'lần nữa']);
    expect(again).toMatchObject({ code: 4, stdout: '' });
  });
});
