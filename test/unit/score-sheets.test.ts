import { RULE_SETS, normaliseMandatory } from '../../domain/rules';
import {
  SCORE_SHEETS,
  SUB_GROUPS,
  SUB_GROUPS_WITHOUT_SHEET,
  type ScoreSheetDefinition,
  checkCriteria,
  checkMandatoryFailures,
  isSubGroup,
  partsFromCriteria,
  scoreSheet,
} from '../../domain/score-sheets';
import { type CouncilSheets, scoreCouncil, validateCouncilSheets } from '../../domain/scoring';
import { ProductGroup } from '../../domain/schemas';

const R1489 = RULE_SETS.OCOP_1489_2025;

// A made-up sheet to exercise the checks: its ids, titles and points are test data, not 148's.
const FIXTURE: ScoreSheetDefinition = {
  id: 'test.fixture',
  group: 'food',
  title: 'Phiếu thử',
  source: 'test data',
  parts: [
    {
      id: 'A',
      criteria: [
        { id: 'a1', title: 'A one', max: 25.5, mandatoryFor: 3 },
        { id: 'a2', title: 'A two', max: 14.5 },
      ],
    },
    { id: 'B', criteria: [{ id: 'b1', title: 'B one', max: 25, mandatoryFor: 4 }] },
    {
      id: 'C',
      criteria: [
        { id: 'c1', title: 'C one', max: 30 },
        { id: 'c2', title: 'C two', max: 5, mandatoryFor: 5 },
      ],
    },
  ],
};
const full = { a1: 25.5, a2: 14.5, b1: 25, c1: 30, c2: 5 };

describe('the shipped sheets', () => {
  it('ships no per-criterion sheet: none could be sourced', () => {
    expect(SCORE_SHEETS).toEqual([]);
    expect(scoreSheet('food.tea')).toBeUndefined();
  });

  it('lists the 26 sub-groups of 148 as without a sheet, each with its group and source', () => {
    expect(SUB_GROUPS).toHaveLength(26);
    expect(SUB_GROUPS_WITHOUT_SHEET).toEqual(SUB_GROUPS);
    expect(new Set(SUB_GROUPS.map((g) => g.id)).size).toBe(26);
    for (const g of SUB_GROUPS) {
      expect(ProductGroup.options).toContain(g.group);
      expect(g.id.startsWith(`${g.group}.`)).toBe(true);
      expect(g.source).not.toBe('');
    }
    expect(new Set(SUB_GROUPS.map((g) => g.group))).toEqual(new Set(ProductGroup.options));
  });

  it('knows a listed sub-group from an unknown one', () => {
    expect(isSubGroup('food.tea')).toBe(true);
    expect(isSubGroup('food.pizza')).toBe(false);
  });
});

describe('checkCriteria', () => {
  it('accepts every criterion from 0 to its maximum', () => {
    expect(checkCriteria(FIXTURE, full, 'sheets[0]')).toEqual([]);
    expect(checkCriteria(FIXTURE, { a1: 0, a2: 0, b1: 0, c1: 0, c2: 0 }, 'sheets[0]')).toEqual([]);
  });

  it('refuses a missing criterion, one over its maximum, a negative one and an unknown id', () => {
    expect(checkCriteria(FIXTURE, { a1: 25.51, a2: -1, b1: NaN, c1: 30, zz: 1 }, 'sheets[2]')).toEqual([
      { path: 'sheets[2].criteria.a1', message: 'must be at most 25.5 (criterion a1 of sheet test.fixture)' },
      { path: 'sheets[2].criteria.a2', message: 'must not be negative (criterion a2 of sheet test.fixture)' },
      { path: 'sheets[2].criteria.b1', message: 'must be a finite number (criterion b1 of sheet test.fixture)' },
      { path: 'sheets[2].criteria.c2', message: 'is missing (criterion c2 of sheet test.fixture)' },
      { path: 'sheets[2].criteria.zz', message: 'is not a criterion of sheet test.fixture' },
    ]);
  });
});

describe('partsFromCriteria', () => {
  it('sums each part exactly', () => {
    expect(partsFromCriteria(FIXTURE, { a1: 10.1, a2: 0.2, b1: 12.345678, c1: 0.1, c2: 0.2 })).toEqual({
      A: 10.3,
      B: 12.345678,
      C: 0.3,
    });
  });
});

describe('checkMandatoryFailures', () => {
  it("accepts the sheet's own mandatory criteria with the star it marks", () => {
    const failures = [
      { criterion: 'b1', forStars: 4 as const },
      { criterion: 'c2', forStars: 5 as const },
    ];
    expect(checkMandatoryFailures(FIXTURE, failures)).toEqual([]);
  });

  it('refuses a criterion the sheet does not mark mandatory, and the wrong star', () => {
    expect(checkMandatoryFailures(FIXTURE, normaliseMandatory(['a2', 'zz', { criterion: 'c2', forStars: 4 }]))).toEqual(
      [
        { path: 'mandatoryFailed[0].criterion', message: '"a2" is not a mandatory criterion of sheet test.fixture' },
        { path: 'mandatoryFailed[1].criterion', message: '"zz" is not a mandatory criterion of sheet test.fixture' },
        {
          path: 'mandatoryFailed[2].forStars',
          message: 'must be 5: sheet test.fixture marks c2 mandatory for 5 stars',
        },
      ],
    );
  });
});

describe('a council scoring on a sheet', () => {
  const options = { requireCouncil: true, sheets: [FIXTURE] };
  const input = (criteria: Record<string, number>, parts: Record<string, number> = {}): CouncilSheets => ({
    sheets: [
      { memberId: 'chair', chair: true, parts: {}, criteria: full },
      { memberId: 'm2', parts, criteria },
    ],
    bonus: 0,
    councilSize: 2,
    subGroup: 'test.fixture',
    mandatoryFailed: [{ criterion: 'c2', forStars: 5 }],
  });

  it('derives the parts from the criteria and scores the mean', () => {
    const criteria = { a1: 20, a2: 10, b1: 20, c1: 20, c2: 0 };
    expect(validateCouncilSheets(R1489, input(criteria), options)).toEqual([]);
    expect(scoreCouncil(R1489, input(criteria), options)).toMatchObject({
      partMeans: { A: 35, B: 22.5, C: 27.5 },
      memberTotals: [100, 70],
      mean: 85,
      spread: 30,
    });
  });

  it('accepts parts that agree with the criteria and refuses ones that do not', () => {
    const criteria = { a1: 20, a2: 10, b1: 20, c1: 20, c2: 0 };
    expect(validateCouncilSheets(R1489, input(criteria, { A: 30, B: 20, C: 20 }), options)).toEqual([]);
    expect(validateCouncilSheets(R1489, input(criteria, { A: 31 }), options)).toEqual([
      { path: 'sheets[1].parts.A', message: 'is 31 but its criteria sum to 30 (sheet test.fixture)' },
    ]);
  });

  it('refuses criteria over their maximum, naming the sheet', () => {
    expect(validateCouncilSheets(R1489, input({ ...full, b1: 26 }), options)).toEqual([
      { path: 'sheets[1].criteria.b1', message: 'must be at most 25 (criterion b1 of sheet test.fixture)' },
    ]);
  });

  it("refuses mandatory failures that are not the sheet's", () => {
    const wrong = { ...input(full), mandatoryFailed: ['a1', { criterion: 'b1', forStars: 3 as const }] };
    expect(validateCouncilSheets(R1489, wrong, options)).toEqual([
      { path: 'mandatoryFailed[1].forStars', message: 'must be 4: sheet test.fixture marks b1 mandatory for 4 stars' },
    ]);
  });
});
