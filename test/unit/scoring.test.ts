import { LEGACY_BONUS_CAP, RULE_SETS, type RuleSet } from '../../domain/rules';
import {
  CouncilResultInput,
  ScoreSheet,
  type CouncilSheets,
  scoreCouncil,
  validateCouncilSheets,
} from '../../domain/scoring';

const R148 = RULE_SETS.OCOP_148_2023;
const R1489 = RULE_SETS.OCOP_1489_2025;
/** The rule sets as they were before issue 11, with up to 5 bonus points. */
const WITH_BONUS: RuleSet = { ...R148, bonusCap: LEGACY_BONUS_CAP };

const sheet = (memberId: string, A: number, B: number, C: number): ScoreSheet => ({
  memberId,
  parts: { A, B, C },
});
const council = (sheets: ScoreSheet[], bonus = 0): CouncilSheets => ({ sheets, bonus });

describe('ScoreSheet and CouncilResultInput', () => {
  it('parses a sheet and defaults mandatory failures and bonus', () => {
    expect(CouncilResultInput.parse({ sheets: [{ memberId: ' m1 ', parts: { A: 30 } }] })).toEqual({
      sheets: [{ memberId: 'm1', parts: { A: 30 } }],
      mandatoryFailed: [],
      bonus: 0,
    });
  });

  it('takes a mandatory failure as a bare id or with the star it is mandatory for', () => {
    const parsed = CouncilResultInput.parse({
      sheets: [],
      mandatoryFailed: ['food-safety', { criterion: 'export', forStars: 5 }],
    });
    expect(parsed.mandatoryFailed).toEqual(['food-safety', { criterion: 'export', forStars: 5 }]);
  });

  it.each([2, 6, '4'])('refuses a mandatory failure for %p stars', (forStars) => {
    const parsed = CouncilResultInput.safeParse({ sheets: [], mandatoryFailed: [{ criterion: 'x', forStars }] });
    expect(parsed.success).toBe(false);
  });

  it('takes the council size, round, sub-group, chair and criteria, all optional', () => {
    const input = {
      sheets: [{ memberId: 'm1', chair: true, criteria: { 'A1.1': 2 } }],
      councilSize: 9,
      round: 2,
      subGroup: 'food.tea',
    };
    expect(CouncilResultInput.parse(input)).toMatchObject({
      ...input,
      sheets: [{ memberId: 'm1', chair: true, criteria: { 'A1.1': 2 }, parts: {} }],
    });
    expect(CouncilResultInput.safeParse({ ...input, councilSize: 51 }).success).toBe(false);
    expect(CouncilResultInput.safeParse({ ...input, round: 3 }).success).toBe(false);
  });

  it('refuses an empty member id', () => {
    const parsed = ScoreSheet.safeParse({ memberId: '  ', parts: {} });
    expect(parsed.error?.issues).toMatchObject([{ path: ['memberId'], message: 'must not be empty' }]);
  });

  it.each([Infinity, NaN, '30'])('refuses a part scored %p', (points) => {
    const parsed = ScoreSheet.safeParse({ memberId: 'm1', parts: { A: points } });
    expect(parsed.error?.issues).toMatchObject([{ path: ['parts', 'A'] }]);
  });
});

describe('validateCouncilSheets', () => {
  it('finds nothing wrong with a complete council at the limits', () => {
    expect(validateCouncilSheets(WITH_BONUS, council([sheet('m1', 40, 25, 35), sheet('m2', 0, 0, 0)], 5))).toEqual([]);
  });

  it('refuses an empty council', () => {
    expect(validateCouncilSheets(R148, council([]))).toEqual([
      { path: 'sheets', message: "needs at least 1 member's sheet" },
    ]);
  });

  it('counts members against the rule set minimum', () => {
    const threeMembers: RuleSet = { ...R148, minCouncilMembers: 3 };
    expect(validateCouncilSheets(threeMembers, council([sheet('m1', 30, 20, 25), sheet('m2', 30, 20, 25)]))).toEqual([
      { path: 'sheets', message: "needs at least 3 members' sheets" },
    ]);
  });

  it('refuses a part over its maximum, naming the part and the rule set', () => {
    expect(validateCouncilSheets(R148, council([sheet('m1', 40, 25, 35), sheet('m2', 40.01, 25, 35.5)]))).toEqual([
      { path: 'sheets[1].parts.A', message: 'must be at most 40 (part A under OCOP_148_2023)' },
      { path: 'sheets[1].parts.C', message: 'must be at most 35 (part C under OCOP_148_2023)' },
    ]);
  });

  it('refuses a negative part', () => {
    expect(validateCouncilSheets(R148, council([sheet('m1', 30, -0.5, 20)]))).toEqual([
      { path: 'sheets[0].parts.B', message: 'must not be negative (part B under OCOP_148_2023)' },
    ]);
  });

  it('refuses a part that is not a finite number', () => {
    expect(validateCouncilSheets(R148, council([sheet('m1', NaN, Infinity, 20)]))).toEqual([
      {
        path: 'sheets[0].parts.A',
        message: 'must be a finite number (part A under OCOP_148_2023)',
      },
      {
        path: 'sheets[0].parts.B',
        message: 'must be a finite number (part B under OCOP_148_2023)',
      },
    ]);
  });

  it('refuses a missing part and an unknown one', () => {
    const input = council([{ memberId: 'm1', parts: { A: 30, C: 20, D: 5 } }]);
    expect(validateCouncilSheets(R148, input)).toEqual([
      { path: 'sheets[0].parts.B', message: 'is missing (part B under OCOP_148_2023)' },
      {
        path: 'sheets[0].parts.D',
        message: 'is not a score part under OCOP_148_2023 (expected A, B, C)',
      },
    ]);
  });

  it('refuses a member scoring twice, and an empty member id', () => {
    const input = council([
      sheet('m1', 30, 20, 25),
      sheet('m2', 30, 20, 25),
      sheet(' m1', 31, 20, 25),
      sheet('', 30, 20, 25),
    ]);
    expect(validateCouncilSheets(R148, input)).toEqual([
      {
        path: 'sheets[2].memberId',
        message: '"m1" already scored in sheets[0]: one sheet per member',
      },
      { path: 'sheets[3].memberId', message: 'must not be empty' },
    ]);
  });

  it.each([5.01, -1, NaN, Infinity])('refuses a bonus of %p over the legacy cap of 5', (bonus) => {
    expect(validateCouncilSheets(WITH_BONUS, council([sheet('m1', 30, 20, 25)], bonus))).toEqual([
      { path: 'bonus', message: 'must be between 0 and 5' },
    ]);
  });

  it.each([R148, R1489])('$id gives no bonus points: any bonus is refused, naming the setting', (ruleSet) => {
    expect(validateCouncilSheets(ruleSet, council([sheet('m1', 30, 20, 25)], 0.5))).toEqual([
      { path: 'bonus', message: `must be 0: ${ruleSet.id} gives no bonus points (rule-set setting bonusCap)` },
    ]);
    expect(validateCouncilSheets(ruleSet, council([sheet('m1', 30, 20, 25)], 0))).toEqual([]);
  });

  it('reads the bonus cap from the rule set', () => {
    const capThree: RuleSet = { ...R148, bonusCap: 3 };
    expect(validateCouncilSheets(capThree, council([sheet('m1', 30, 20, 25)], 4))).toEqual([
      { path: 'bonus', message: 'must be between 0 and 3' },
    ]);
  });

  it('lists every issue in order and throws nothing', () => {
    const input = council([sheet('m1', 41, 20, 25), sheet('m1', 30, -1, 25)], 9);
    expect(validateCouncilSheets(R148, input).map((issue) => issue.path)).toEqual([
      'sheets[1].memberId',
      'sheets[0].parts.A',
      'sheets[1].parts.B',
      'bonus',
    ]);
  });
});

describe('scoreCouncil', () => {
  it('averages the sheets by part and in total', () => {
    const result = scoreCouncil(
      R148,
      council([sheet('m1', 30, 20, 25), sheet('m2', 32, 18, 27), sheet('m3', 31, 19, 20)]),
    );
    expect(result).toEqual({
      mean: 74,
      total: 74,
      partMeans: { A: 31, B: 19, C: 24 },
      bonus: 0,
      stars: 4,
      memberTotals: [75, 77, 70],
      spread: 7,
    });
  });

  it.each<[number, number, number, number, number, number]>([
    [24.994, 20, 25, 69.99, 3, 69.994],
    [24.995, 20, 25, 70, 3, 69.995],
    [24.975, 20, 25, 69.98, 3, 69.975],
    [24.945, 20, 25, 69.95, 3, 69.945],
    [4.995, 20, 25, 50, 2, 49.995],
    [40, 25, 24.995, 90, 4, 89.995],
    [9.994, 10, 10, 29.99, 1, 29.994],
    // Summed as floats, these come to 69.99499… and 49.99499…: the display must still round up.
    [18.13, 20, 31.865, 70, 3, 69.995],
    [12.383, 20, 17.612, 50, 2, 49.995],
  ])(
    'shows A %d + B %d + C %d rounded half-up as %d, rated by the exact mean (%d stars)',
    (A, B, C, total, stars, sum) => {
      expect(A + B + C).toBeCloseTo(sum, 9);
      const result = scoreCouncil(R148, council([sheet('m1', A, B, C)]));
      expect(result.total).toBe(total);
      expect(result.mean).toBeCloseTo(sum, 9);
      expect(result.stars).toBe(stars);
    },
  );

  it('shows a mean of 69.995 (sheets 69.99 and 70) as 70, and rates it 3 stars', () => {
    const result = scoreCouncil(R148, council([sheet('m1', 29.99, 20, 20), sheet('m2', 30, 20, 20)]));
    expect(result).toMatchObject({ mean: 69.995, total: 70, partMeans: { A: 30, B: 20, C: 20 }, stars: 3 });
  });

  it('shows a mean the floats put at 69.99499… as 70, and rates it 3 stars', () => {
    const result = scoreCouncil(R148, council([sheet('m1', 20.016, 20, 20), sheet('m2', 39.974, 20, 20)]));
    expect(result).toMatchObject({ total: 70, stars: 3 });
  });

  it('rounds a mean of 69.9949… down: 69.99 and 69.999 give 69.99', () => {
    const result = scoreCouncil(R148, council([sheet('m1', 29.99, 20, 20), sheet('m2', 29.999, 20, 20)]));
    expect(result).toMatchObject({ total: 69.99, partMeans: { A: 29.99 }, stars: 3 });
  });

  it('rounds a mean of three sheets, 209.985 / 3 = 69.995, up to 70', () => {
    const result = scoreCouncil(
      R148,
      council([sheet('m1', 30, 20, 20), sheet('m2', 30, 20, 20), sheet('m3', 29.985, 20, 20)]),
    );
    expect(result.total).toBe(70);
    expect(result.stars).toBe(3);
  });

  it('rounds the exact mean, not the sum of rounded part means', () => {
    // The means of A and B end in 5 and round up; the exact total is 60.
    const result = scoreCouncil(R148, council([sheet('m1', 20.01, 15, 25), sheet('m2', 20, 15.01, 24.98)]));
    expect(result.partMeans).toEqual({ A: 20.01, B: 15.01, C: 24.99 });
    expect(result.total).toBe(60);
  });

  it('rounds to the rule set decimals', () => {
    const whole: RuleSet = { ...R148, rounding: { decimals: 0 } };
    expect(scoreCouncil(whole, council([sheet('m1', 29.5, 20, 20)])).total).toBe(70);
    expect(scoreCouncil(whole, council([sheet('m1', 29.49, 20, 20)])).total).toBe(69);
  });

  it('adds a bonus to the mean where a rule set allows one', () => {
    expect(scoreCouncil(WITH_BONUS, council([sheet('m1', 30, 20, 17)], 3))).toEqual({
      mean: 70,
      total: 70,
      partMeans: { A: 30, B: 20, C: 17 },
      bonus: 3,
      stars: 4,
      memberTotals: [67],
      spread: 0,
    });
  });

  it('caps the mean at 100', () => {
    expect(scoreCouncil(WITH_BONUS, council([sheet('m1', 40, 24, 34)], 5))).toMatchObject({
      mean: 100,
      total: 100,
      bonus: 5,
      stars: 5,
    });
    expect(scoreCouncil(WITH_BONUS, council([sheet('m1', 40, 25, 35)], 0.5)).total).toBe(100);
  });

  it('throws with every issue when the input is invalid', () => {
    expect(() => scoreCouncil(R148, council([], 6))).toThrow(
      "cannot score an invalid council result: sheets: needs at least 1 member's sheet; " +
        'bonus: must be 0: OCOP_148_2023 gives no bonus points (rule-set setting bonusCap)',
    );
  });
});

describe('the band compares the exact mean of the sheets', () => {
  // Sheets whose exact mean sits just under or on a threshold; `total` is only the display.
  const threeSheets = (a: number, b: number, c: number) =>
    council([sheet('m1', a, 20, 20), sheet('m2', b, 20, 20), sheet('m3', c, 20, 20)]);

  it.each<[string, CouncilSheets, number, number]>([
    ['69.99', threeSheets(29.99, 29.99, 29.99), 69.99, 3],
    ['69.995', threeSheets(30, 30, 29.985), 70, 3],
    ['69.999999', threeSheets(30, 30, 29.999997), 70, 3],
    ['70.00', threeSheets(30, 30, 30), 70, 4],
  ])('a mean of %s is shown as %d and rated %d stars', (_, input, total, stars) => {
    const result = scoreCouncil(R148, input);
    expect(result.total).toBe(total);
    expect(result.stars).toBe(stars);
  });

  it.each<[number, number, number]>([
    [49.999999, 50, 2],
    [50, 50, 3],
    [89.999999, 90, 4],
    [90, 90, 5],
  ])('a mean of %d is shown as %d and rated %d stars', (mean, total, stars) => {
    // Two sheets whose sums straddle the mean by 1 point, so the exact mean is `mean`.
    const [B, C] = mean > 60 ? [25, 35] : [10, 20];
    const low = mean - 1 - B - C;
    const result = scoreCouncil(R148, council([sheet('m1', low, B, C), sheet('m2', low + 2, B, C)]));
    expect(result).toMatchObject({ total, stars, spread: 2 });
    expect(result.mean).toBeCloseTo(mean, 9);
  });
});

describe("members' totals and spread", () => {
  it("gives each sheet's sum and the exact spread between the highest and the lowest", () => {
    const result = scoreCouncil(R148, council([sheet('m1', 30, 20, 20.005), sheet('m2', 35, 20, 25.015)]));
    expect(result.memberTotals).toEqual([70.005, 80.015]);
    expect(result.spread).toBe(10.01);
  });
});

describe('criteria without a shipped sheet', () => {
  it('refuses criterion scores when no sheet is shipped for the sub-group', () => {
    const input: CouncilSheets = {
      sheets: [{ memberId: 'm1', parts: {}, criteria: { 'A1.1': 3 } }],
      bonus: 0,
      subGroup: 'food.tea',
    };
    expect(validateCouncilSheets(R1489, input)).toEqual([
      { path: 'sheets[0].criteria', message: 'no score sheet is shipped for sub-group food.tea: give part totals' },
    ]);
  });
});
