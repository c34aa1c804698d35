// What starting a cycle must respect at the moment it is started: the rule set
// in force when its registration opens, and a calendar not entirely past.
import { CalendarFile, type CycleCalendar, CycleInput, Rehearsal, resolveCycle } from '../../domain/cycle';
import { startIssues } from '../../domain/cycle-start';

/** A year's calendar in Vietnam: registration from 1 March, the end on 31 December. */
const calendarOf = (year: number): CycleCalendar => ({
  registrationOpens: `${year}-03-01T00:00:00+07:00`,
  registrationCloses: `${year}-04-30T23:59:00+07:00`,
  dossierDeadline: `${year}-05-31T23:59:00+07:00`,
  evaluation: {},
  cycleEnds: `${year}-12-31T23:59:00+07:00`,
});

const NOW = Date.parse('2026-12-02T06:00:00Z');
const cycle = (year: number, fields: Partial<CycleInput> = {}) =>
  CycleInput.parse({
    province: 'CB',
    year,
    calendar: calendarOf(year),
    targets: { newProductsThreeStarsOrMore: 1 },
    ...fields,
  });
const paths = (year: number, fields: Partial<CycleInput> = {}, now = NOW) =>
  startIssues(cycle(year, fields), now).map((i) => i.path);

describe('the rule set of a cycle follows the date its registration opens', () => {
  it.each([
    ['2025-07-05T23:59:59+07:00', 'OCOP_148_2023'],
    ['2025-07-06T00:00:00+07:00', 'OCOP_1489_2025'],
    ['2023-03-01T00:00:00+07:00', 'OCOP_148_2023'],
    ['2027-03-01T00:00:00+07:00', 'OCOP_1489_2025'],
  ])('a cycle naming none whose registration opens %s runs under %s', (registrationOpens, ruleSetId) => {
    const calendar = { ...calendarOf(2028), registrationOpens };
    const parsed = CycleInput.parse({
      province: 'CB',
      year: Number(registrationOpens.slice(0, 4)),
      calendar,
      targets: { newProductsThreeStarsOrMore: 1 },
    });
    expect(parsed.ruleSetId).toBeUndefined();
    expect(resolveCycle(parsed).ruleSetId).toBe(ruleSetId);
  });

  it('refuses a 2027 cycle that asks for 148 without an override, naming both rule sets and the way out', () => {
    const [issue, ...more] = startIssues(cycle(2027, { ruleSetId: 'OCOP_148_2023' }), NOW);
    expect(more).toEqual([]);
    expect(issue?.path).toBe('ruleSetId');
    expect(issue?.message).toMatch(/^is OCOP_148_2023, but OCOP_1489_2025 \(Quyết định 1489\/QĐ-TTg\) is in force/);
    expect(issue?.message).toMatch(/ruleSetOverride: \{reason\}/);
  });

  it('keeps 148 in 2027 with a transitional override, recorded in the input', () => {
    const override = { reason: 'Hồ sơ nộp theo Quyết định 148 trước 6/7/2025 (chuyển tiếp)' };
    const kept = cycle(2027, { ruleSetId: 'OCOP_148_2023', ruleSetOverride: override });
    expect(startIssues(kept, NOW)).toEqual([]);
    expect(resolveCycle(kept)).toMatchObject({ ruleSetId: 'OCOP_148_2023', ruleSetOverride: override });
  });

  it('refuses an override that overrides nothing, and one without a reason', () => {
    expect(paths(2027, { ruleSetId: 'OCOP_1489_2025', ruleSetOverride: { reason: 'x' } })).toEqual(['ruleSetOverride']);
    expect(paths(2027, { ruleSetOverride: { reason: 'x' } })).toEqual(['ruleSetOverride']);
    expect(CycleInput.safeParse({ ...cycle(2027), ruleSetOverride: { reason: ' ' } }).error?.issues[0]?.path).toEqual([
      'ruleSetOverride',
      'reason',
    ]);
  });

  it('lets a rehearsal train on either rule set without an override', () => {
    expect(paths(2041, { compressed: true, ruleSetId: 'OCOP_148_2023' })).toEqual([]);
    expect(paths(2041, { compressed: true, ruleSetId: 'OCOP_148_2023', ruleSetOverride: { reason: 'x' } })).toEqual([
      'ruleSetOverride',
    ]);
  });
});

describe('a calendar entirely in the past', () => {
  it('is refused unless it is a back-fill, naming cycleEnds and --backfill', () => {
    const [issue] = startIssues(cycle(2023), NOW);
    expect(issue).toEqual({
      path: 'calendar.cycleEnds',
      message: expect.stringMatching(/^is 2023-12-31T23:59:00\+07:00, already past: .*backfill: true \(--backfill\)/),
    });
    expect(paths(2023, { backfill: true })).toEqual([]);
  });

  it('is one whose end has come: a calendar ending one millisecond from now still starts', () => {
    const ends = Date.parse(calendarOf(2026).cycleEnds);
    expect(paths(2026, {}, ends - 1)).toEqual([]);
    expect(paths(2026, {}, ends)).toEqual(['calendar.cycleEnds']);
  });

  it('is the only calendar a back-fill may have, and a rehearsal is never one', () => {
    expect(paths(2027, { backfill: true })).toEqual(['backfill']);
    expect(paths(2041, { backfill: true, compressed: true, ruleSetId: 'OCOP_1489_2025' })).toEqual(['backfill']);
  });
});

describe('a calendar or a rehearsal as a person writes it', () => {
  it('refuses a key it does not know by name, rather than dropping it', () => {
    const { registrationOpens, ...rest } = calendarOf(2027);
    const misspelt = CalendarFile.safeParse({ ...rest, registrationOpen: registrationOpens });
    expect(misspelt.error?.issues.map((i) => i.message)).toContain(
      'unknown key "registrationOpen"; the keys are registrationOpens, registrationCloses, dossierDeadline, evaluation, cycleEnds',
    );
    const level = CalendarFile.safeParse({ ...calendarOf(2027), evaluation: { distrct: registrationOpens } });
    expect(level.success).toBe(false);
    const rehearsal = Rehearsal.safeParse({ minutes: { registration: 5, dosier: 5, dossier: 5, evaluation: {} } });
    expect(rehearsal.error?.issues).toEqual([
      expect.objectContaining({ path: ['minutes'], message: expect.stringMatching(/^unknown key "dosier"/) }),
    ]);
  });
});

describe("a cycle's province is one of the year's list", () => {
  it.each([
    ['BI', 2023, 'unknown province "BI": must be a province code such as CB (Cao Bằng)'],
    ['BI', 2027, 'unknown province "BI": must be a province code such as CB (Cao Bằng)'],
    ['BK', 2027, "BK (Bắc Kạn) was merged into TN (Thái Nguyên) on 12/06/2025: a cycle of 2027 is TN's"],
    ['HG', 2026, "HG (Hà Giang) was merged into TQ (Tuyên Quang) on 12/06/2025: a cycle of 2026 is TQ's"],
  ])('%s in %i is refused', (province, year, message) => {
    expect(startIssues(cycle(year, { province, backfill: year < 2026 }), NOW)).toEqual([{ path: 'province', message }]);
  });

  it.each([
    ['BK', 2025],
    ['HG', 2023],
    ['TN', 2023],
    ['TN', 2027],
    ['HCM', 2027],
  ])('%s in %i may start', (province, year) => {
    expect(paths(year, { province, backfill: year < 2026 })).toEqual([]);
  });
});

describe('the periods a cycle sets are longer than zero', () => {
  it('refuses PT0S and P0D reminders, notices and durations, naming each', () => {
    const issues = startIssues(
      cycle(2027, {
        durations: { dossierReview: 'P0D', reminderOffsets: ['P1D', 'PT0S'], lapseGrace: 'P0D' },
        notices: { registrationCloses: ['PT0S'] },
        notifications: { dossier: { offsets: ['P0D'] } },
      }),
      NOW,
    );
    expect(issues).toEqual([
      { path: 'durations.dossierReview', message: 'is P0D: must be longer than zero, or it falls due at once' },
      { path: 'durations.reminderOffsets.1', message: 'is PT0S: must be longer than zero, or it falls due at once' },
      { path: 'notices.registrationCloses.0', message: 'is PT0S: must be longer than zero, or it falls due at once' },
      { path: 'notifications.dossier.offsets.0', message: 'is P0D: must be longer than zero, or it falls due at once' },
    ]);
  });
});
