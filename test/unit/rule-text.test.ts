// The web app's words for the domain's rules (web/src/i18n/rules.ts): each rule as the domain words it is found,
// with the values it carries, and read in Vietnamese or English; a refusal's detail, worded as the API words it,
// gives up its rules too. The messages come from the domain's own checks where a check can be called, so a rule
// reworded there without its pattern fails here.
import i18next from 'i18next';
import { checkGrantInput, Reason } from '../../domain/access';
import { calendarOrderIssues, CycleInput, checkPreviousApplication } from '../../domain/cycle';
import { checkCouncil } from '../../domain/council';
import { RULE_SETS } from '../../domain/rules';
import { validateCouncilSheets } from '../../domain/scoring';
import { checkUnitAtLevel } from '../../domain/units';
import { resources } from '../../web/src/i18n/catalogues';
import { matchRule, RULES, ruleText, rulesOfDetail } from '../../web/src/i18n/rules';
import enRules from '../../web/src/i18n/en/rules.json';
import viRules from '../../web/src/i18n/vi/rules.json';

const R148 = RULE_SETS.OCOP_148_2023;

function messagesOf(issues: readonly { message: string }[]): string[] {
  return issues.map((issue) => issue.message);
}

describe('matchRule', () => {
  it('finds a score sheet rule with its number and part', () => {
    const [tooMany] = messagesOf(
      validateCouncilSheets(R148, { sheets: [{ memberId: 'm1', parts: { A: 99, B: 0, C: 0 } }], bonus: 0 }),
    );
    expect(matchRule(tooMany ?? '')).toEqual({ key: 'atMostPoints', values: { max: '40', part: 'A' } });
  });

  it("finds the council's quorum with its figures, and the missing chair", () => {
    const [quorum, noChair] = messagesOf(
      checkCouncil(RULE_SETS.OCOP_1489_2025, { sheets: [{ memberId: 'a' }, { memberId: 'b' }], councilSize: 9 }),
    );
    expect(matchRule(quorum ?? '')).toEqual({ key: 'quorum', values: { scored: '2', size: '9', needed: '7' } });
    expect(matchRule(noChair ?? '')?.key).toBe('noChair');
  });

  it('tells a length in characters from a bound in points', () => {
    const long = Reason.safeParse('x'.repeat(501)).error?.issues[0]?.message ?? '';
    expect(matchRule(long)).toEqual({ key: 'atMostCharacters', values: { max: '500' } });
  });

  it('finds the calendar order with the date it must follow', () => {
    const [issue] = calendarOrderIssues({
      registrationOpens: '2026-03-01T00:00:00+07:00',
      registrationCloses: '2026-02-01T00:00:00+07:00',
      dossierDeadline: '2026-05-31T23:59:00+07:00',
      evaluation: {},
      cycleEnds: '2026-12-31T23:59:00+07:00',
    });
    expect(matchRule(issue?.message ?? '')).toEqual({
      key: 'afterCalendar',
      values: { point: 'registrationOpens', at: '2026-03-01T00:00:00+07:00' },
    });
  });

  it("finds the year that is not the calendar's", () => {
    const parsed = CycleInput.safeParse({
      province: 'CB',
      year: 2025,
      calendar: {
        registrationOpens: '2026-03-01T00:00:00+07:00',
        registrationCloses: '2026-04-30T23:59:00+07:00',
        dossierDeadline: '2026-05-31T23:59:00+07:00',
        cycleEnds: '2026-12-31T23:59:00+07:00',
      },
      targets: { newProductsThreeStarsOrMore: 1 },
    });
    const [year] = messagesOf(parsed.error?.issues ?? []);
    expect(matchRule(year ?? '')).toEqual({ key: 'yearOfCalendar', values: { year: '2026' } });
  });

  it("finds a grant's scope rules with the role and levels they name", () => {
    const noLevel = checkGrantInput({ role: 'council_secretary', scope: { province: 'CB' } });
    expect(noLevel.map(({ message }) => matchRule(message))).toEqual([
      { key: 'levelRequired', values: { role: 'council_secretary', levels: expect.stringContaining('district') } },
    ]);
    const backwards = checkGrantInput({
      role: 'coordinator',
      scope: { province: 'CB', unit: '047' },
      validFrom: '2026-01-02T00:00:00Z',
      validUntil: '2026-01-01T00:00:00Z',
    });
    expect(backwards.map(({ message }) => matchRule(message)?.key)).toEqual(['absent', 'afterValidFrom']);
    expect(matchRule(checkUnitAtLevel('CB', 'district', '999') ?? '')).toEqual({
      key: 'unknownDistrict',
      values: { province: 'Cao Bằng' },
    });
  });

  it('finds why a re-evaluation may not name its previous application', () => {
    const why = checkPreviousApplication(
      { subjectId: 'HTX-1', productName: 'Hạt dẻ', hasActiveCertificate: false },
      {
        kind: 're-evaluation',
        previousProductId: 'CB-2023-0007',
        subject: { id: 'HTX-1' },
        product: { name: 'hạt dẻ' },
      },
    );
    expect(matchRule(why ?? '')).toEqual({ key: 'previousNotCertified', values: { id: 'CB-2023-0007' } });
  });

  it('leaves a message no rule words alone', () => {
    expect(matchRule('Quá lớn: mong muốn có tối đa 5 ký tự')).toBeUndefined();
    expect(matchRule('')).toBeUndefined();
  });
});

describe('rulesOfDetail', () => {
  it("reads a workflow's refusal as the API passes it on, action and field first", () => {
    const detail = 'extendCalendar: until: must be later than the current registrationCloses 2026-04-30T16:59:00.000Z';
    expect(rulesOfDetail(detail).map(matchRule)).toEqual([
      { key: 'laterThanCalendar', values: { point: 'registrationCloses', at: '2026-04-30T16:59:00.000Z' } },
    ]);
  });

  it("reads every part of a body's validation, and a rule whose own words hold a colon", () => {
    const detail =
      'body: calendar.dossierDeadline: must be after calendar.registrationCloses (2026-04-30T23:59:00+07:00); ' +
      'scope.unit: must be absent: a coordinator grant covers the whole province';
    expect(rulesOfDetail(detail).map((rule) => matchRule(rule)?.key)).toEqual(['afterCalendar', 'absent']);
  });

  it('reads a refusal past a deadline, whose words go on after a semicolon', () => {
    const detail =
      "deadline: the dossier deadline 2026-05-31T16:59:00.000Z has passed; only a coordinator's extendDeadline can reopen it";
    expect(rulesOfDetail(detail).map((rule) => matchRule(rule)?.key)).toEqual(['deadlinePassed', undefined]);
  });
});

describe('the rules catalogue', () => {
  const languages = { vi: viRules, en: enRules } as const;

  it.each(Object.keys(languages) as (keyof typeof languages)[])(
    'gives every rule words in %s that use only the values the rule carries',
    (language) => {
      const words: Record<string, unknown> = languages[language];
      for (const { key, pattern } of RULES) {
        const text = words[key];
        expect(typeof text).toBe('string');
        const carried = [...pattern.source.matchAll(/\(\?<(\w+)>/g)].map((group) => group[1]);
        const used = [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((placeholder) => placeholder[1]);
        expect({ key, missing: used.filter((name) => !carried.includes(name)) }).toEqual({ key, missing: [] });
      }
    },
  );

  it('has no words that would be read as a rule again', () => {
    const texts = [viRules, enRules]
      .flatMap((catalogue) => Object.values(catalogue))
      .filter((t) => typeof t === 'string');
    expect(texts.filter((text) => matchRule(text))).toEqual([]);
  });
});

describe('ruleText', () => {
  const translate = async (language: 'vi' | 'en') => {
    const instance = i18next.createInstance();
    await instance.init({ resources, lng: language, interpolation: { escapeValue: false } });
    return (message: string) => ruleText(instance.t.bind(instance), message);
  };

  it("words a calendar extension's refusal in Vietnamese, the date in Vietnam's time", async () => {
    const vi = await translate('vi');
    expect(vi('must be later than the current registrationCloses 2026-04-30T16:59:00.000Z')).toBe(
      'Phải sau ngày hiện tại của mốc “Hạn đăng ký” (30/04/2026 23:59)',
    );
    expect(vi('is required for a council_secretary grant at level district')).toBe(
      'Vai trò “Thư ký hội đồng” ở Cấp huyện cần chọn địa bàn',
    );
  });

  it('words it in English when the reader asks for English', async () => {
    const en = await translate('en');
    expect(en('must be after calendar.evaluation.district (2026-08-31T16:59:00.000Z)')).toBe(
      'Must be after “Evaluation deadline – District” (31/08/2026 23:59)',
    );
    expect(en('must be at most 12 (part B under OCOP_148_2023)')).toBe('At most 12 points (part B)');
  });

  it('gives back a message it does not know', async () => {
    const vi = await translate('vi');
    expect(vi('Số quá lớn')).toBe('Số quá lớn');
  });
});
