import { councilVerdict, describeQuorum, quorumNeeded } from '../../domain/council';
import { RULE_SETS, type RuleSet } from '../../domain/rules';
import { type CouncilSheets, type ScoreSheet, scoreCouncil, validateCouncilSheets } from '../../domain/scoring';

const R1489 = RULE_SETS.OCOP_1489_2025;
const R148 = RULE_SETS.OCOP_148_2023;
const newResult = { requireCouncil: true };

const member = (i: number, total = 70, chair = false): ScoreSheet => ({
  memberId: `m${i}`,
  parts: { A: total - 45, B: 20, C: 25 },
  ...(chair ? { chair: true } : {}),
});
/** `count` sheets of a council of `size`, the first the chair's. */
const meeting = (count: number, size: number, extra: Partial<CouncilSheets> = {}): CouncilSheets => ({
  sheets: Array.from({ length: count }, (_, i) => member(i + 1, 70, i === 0)),
  bonus: 0,
  councilSize: size,
  ...extra,
});

describe('council rules as rule-set settings', () => {
  it.each([R148, R1489])('$id needs three quarters, chair included, a spread of at most 10, two rounds', (r) => {
    expect(r.council).toEqual({ quorum: 0.75, maxSpread: 10, rounds: 2 });
  });

  it.each<[number, number]>([
    [1, 1],
    [3, 3],
    [4, 3],
    [7, 6],
    [8, 6],
    [9, 7],
    [12, 9],
    [50, 38],
  ])('a council of %d needs ceil(3/4 × size) = %d sheets', (size, needed) => {
    expect(quorumNeeded(R1489.council, size)).toBe(needed);
  });

  it('needs 6 of 9 under two thirds, although 2/3 × 9 is 5.999… in floats', () => {
    expect(quorumNeeded({ ...R1489.council, quorum: 2 / 3 }, 9)).toBe(6);
    expect(quorumNeeded({ ...R1489.council, quorum: 5 / 7 }, 7)).toBe(5);
  });

  it('names the quorum in words where it can', () => {
    expect([0.75, 2 / 3, 0.5, 1, 5 / 7].map(describeQuorum)).toEqual([
      'three quarters',
      'two thirds',
      'half',
      'every member',
      '71.43%',
    ]);
  });
});

describe('validateCouncilSheets with requireCouncil', () => {
  it('passes 7 sheets of 9 members, the chair among them', () => {
    expect(validateCouncilSheets(R1489, meeting(7, 9), newResult)).toEqual([]);
  });

  it('refuses 6 sheets of 9, naming the quorum', () => {
    expect(validateCouncilSheets(R1489, meeting(6, 9), newResult)).toEqual([
      {
        path: 'sheets',
        message: '6 of 9 members scored; the quorum under OCOP_1489_2025 is 7 (three quarters, chair included)',
      },
    ]);
  });

  it('refuses 5 of 9 with the message the contract gives', () => {
    const [issue] = validateCouncilSheets(R1489, meeting(5, 9), newResult);
    expect(`${issue?.path}: ${issue?.message}`).toBe(
      'sheets: 5 of 9 members scored; the quorum under OCOP_1489_2025 is 7 (three quarters, chair included)',
    );
  });

  it('refuses more sheets than members', () => {
    expect(validateCouncilSheets(R1489, meeting(10, 9), newResult)).toEqual([
      { path: 'sheets', message: '10 sheets for a council of 9 members' },
    ]);
  });

  it.each([undefined, 0, 51, 7.5])('refuses a council size of %p', (councilSize) => {
    const issues = validateCouncilSheets(R1489, { ...meeting(7, 9), councilSize }, newResult);
    expect(issues.map((i) => i.path)).toEqual(['councilSize']);
  });

  it('refuses a council whose chair did not score', () => {
    const input = { ...meeting(9, 9), sheets: meeting(9, 9).sheets.map((s) => ({ ...s, chair: false })) };
    expect(validateCouncilSheets(R1489, input, newResult)).toEqual([
      { path: 'sheets', message: "no sheet is marked chair: the chair's sheet is needed for the quorum" },
    ]);
  });

  it('refuses two chairs', () => {
    const input = meeting(7, 9);
    input.sheets[4] = { ...member(5), chair: true };
    expect(validateCouncilSheets(R1489, input, newResult)).toEqual([
      { path: 'sheets[4].chair', message: "sheets[0] is already the chair's: one chair per council" },
    ]);
  });

  it('refuses a second round where the rule set has one', () => {
    const oneRound: RuleSet = { ...R1489, council: { ...R1489.council, rounds: 1 } };
    expect(validateCouncilSheets(oneRound, meeting(7, 9, { round: 2 }), newResult)).toEqual([
      { path: 'round', message: 'must be 1: councils under OCOP_1489_2025 score in one round' },
    ]);
    expect(validateCouncilSheets(R1489, meeting(7, 9, { round: 2 }), newResult)).toEqual([]);
  });

  it('refuses an unknown sub-group and an overlong mandatory criterion id', () => {
    const input = meeting(7, 9, { subGroup: 'food.pizza', mandatoryFailed: ['x'.repeat(101)] });
    expect(validateCouncilSheets(R1489, input, newResult)).toEqual([
      { path: 'subGroup', message: '"food.pizza" is not a sub-group (bộ sản phẩm) of the score sheets, e.g. food.tea' },
      { path: 'mandatoryFailed[0].criterion', message: 'must be at most 100 characters' },
    ]);
    expect(validateCouncilSheets(R1489, meeting(7, 9, { subGroup: 'food.tea' }), newResult)).toEqual([]);
  });

  it('without requireCouncil checks only what results recorded before it had checked', () => {
    const old: CouncilSheets = { sheets: [{ memberId: 'm1', parts: { A: 25, B: 20, C: 25 } }], bonus: 0 };
    expect(validateCouncilSheets(R1489, old)).toEqual([]);
    expect(validateCouncilSheets(R1489, old, newResult).map((i) => i.path)).toEqual(['councilSize', 'sheets']);
  });
});

describe('councilVerdict', () => {
  const spreadOf = (high: number) =>
    scoreCouncil(R1489, { sheets: [member(1, 70, true), member(2, high)], bonus: 0, councilSize: 2 });

  it('lets a first round with a spread of exactly 10 stand', () => {
    const score = spreadOf(80);
    expect(score.spread).toBe(10);
    expect(councilVerdict(R1489, score, 1)).toEqual({ type: 'stands' });
  });

  it('sends a first round with a spread of 10.01 to a second round', () => {
    const score = spreadOf(80.01);
    expect(score.spread).toBe(10.01);
    expect(councilVerdict(R1489, score, 1)).toEqual({ type: 'second-round', spread: 10.01, maxSpread: 10 });
  });

  it('finds 10.000001 over 10', () => {
    expect(councilVerdict(R1489, { spread: 10.000001 }, 1)).toMatchObject({ type: 'second-round' });
  });

  it('lets a second round stand whatever its spread', () => {
    expect(councilVerdict(R1489, spreadOf(85), 2)).toEqual({ type: 'stands' });
  });

  it('lets every first round stand where the rule set has one round', () => {
    const oneRound: RuleSet = { ...R1489, council: { ...R1489.council, rounds: 1 } };
    expect(councilVerdict(oneRound, spreadOf(85), 1)).toEqual({ type: 'stands' });
  });

  it('reads the largest spread from the rule set', () => {
    const five: RuleSet = { ...R1489, council: { ...R1489.council, maxSpread: 5 } };
    expect(councilVerdict(five, spreadOf(75.5), 1)).toEqual({ type: 'second-round', spread: 5.5, maxSpread: 5 });
  });
});
