import { RULE_SETS, type RuleSet } from '../../domain/rules';
import {
  CouncilResultInput,
  ScoreSheet,
  type CouncilSheets,
  scoreCouncil,
  validateCouncilSheets,
} from '../../domain/scoring';

const R148 = RULE_SETS.OCOP_148_2023;

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
    expect(validateCouncilSheets(R148, council([sheet('m1', 40, 25, 35), sheet('m2', 0, 0, 0)], 5))).toEqual([]);
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

  it.each([5.01, -1, NaN, Infinity])('refuses a bonus of %p', (bonus) => {
    expect(validateCouncilSheets(R148, council([sheet('m1', 30, 20, 25)], bonus))).toEqual([
      { path: 'bonus', message: 'must be between 0 and 5' },
    ]);
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
      'sheets[0].parts.A',
      'sheets[1].memberId',
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
      total: 74,
      partMeans: { A: 31, B: 19, C: 24 },
      bonus: 0,
      stars: 4,
    });
  });

  it.each<[number, number, number, number, number, number]>([
    [24.994, 20, 25, 69.99, 3, 69.994],
    [24.995, 20, 25, 70, 4, 69.995],
    [24.975, 20, 25, 69.98, 3, 69.975],
    [24.945, 20, 25, 69.95, 3, 69.945],
    [4.995, 20, 25, 50, 3, 49.995],
    [40, 25, 24.995, 90, 5, 89.995],
    [9.994, 10, 10, 29.99, 1, 29.994],
    // Summed as floats, these come to 69.99499… and 49.99499… and would lose a star.
    [18.13, 20, 31.865, 70, 4, 69.995],
    [12.383, 20, 17.612, 50, 3, 49.995],
  ])('rounds a sheet A %d + B %d + C %d half-up to %d (%d stars)', (A, B, C, total, stars, sum) => {
    expect(A + B + C).toBeCloseTo(sum, 9);
    const result = scoreCouncil(R148, council([sheet('m1', A, B, C)]));
    expect(result.total).toBe(total);
    expect(result.stars).toBe(stars);
  });

  it('rounds the mean of sheets half-up: 69.99 and 70 give 70', () => {
    const result = scoreCouncil(R148, council([sheet('m1', 29.99, 20, 20), sheet('m2', 30, 20, 20)]));
    expect(result).toMatchObject({ total: 70, partMeans: { A: 30, B: 20, C: 20 }, stars: 4 });
  });

  it('rounds a mean the floats put at 69.99499… up to 70', () => {
    const result = scoreCouncil(R148, council([sheet('m1', 20.016, 20, 20), sheet('m2', 39.974, 20, 20)]));
    expect(result).toMatchObject({ total: 70, stars: 4 });
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
    expect(result.stars).toBe(4);
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

  it('adds the bonus to the mean', () => {
    expect(scoreCouncil(R148, council([sheet('m1', 30, 20, 17)], 3))).toEqual({
      total: 70,
      partMeans: { A: 30, B: 20, C: 17 },
      bonus: 3,
      stars: 4,
    });
  });

  it('caps the total at 100', () => {
    expect(scoreCouncil(R148, council([sheet('m1', 40, 24, 34)], 5))).toMatchObject({
      total: 100,
      bonus: 5,
      stars: 5,
    });
    expect(scoreCouncil(R148, council([sheet('m1', 40, 25, 35)], 0.5)).total).toBe(100);
  });

  it('throws with every issue when the input is invalid', () => {
    expect(() => scoreCouncil(R148, council([], 6))).toThrow(
      "cannot score an invalid council result: sheets: needs at least 1 member's sheet; bonus: must be between 0 and 5",
    );
  });
});
