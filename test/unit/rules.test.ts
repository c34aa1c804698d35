import {
  type LevelOutcome,
  type LevelResult,
  type MandatoryFailure,
  type RuleSet,
  RULE_SETS,
  type Stars,
  decideLevelOutcome,
  mandatoryCap,
  normaliseMandatory,
} from '../../domain/rules';

const R148 = RULE_SETS.OCOP_148_2023;
const R1489 = RULE_SETS.OCOP_1489_2025;

const scored = (mean: number, mandatoryFailed: (string | MandatoryFailure)[] = []): LevelResult => ({
  kind: 'scored',
  mean,
  mandatoryFailed: normaliseMandatory(mandatoryFailed),
});
const assessed = (failedCriteria: string[] = []): LevelResult => ({
  kind: 'assessed',
  failedCriteria,
});
const withSettings = (
  ruleSet: RuleSet,
  settings: Pick<Partial<RuleSet>, 'potentialFiveStarMeanwhile' | 'centralBelowFive'>,
): RuleSet => ({ ...ruleSet, ...settings });

describe('decideLevelOutcome under OCOP_148_2023', () => {
  describe('district (level 0)', () => {
    it('does not rank a product failing a mandatory criterion, whatever its points', () => {
      expect(decideLevelOutcome(R148, 0, scored(95, ['food-safety']))).toEqual({
        type: 'not-ranked',
        reason: 'mandatory-criteria',
      });
    });

    it.each<[number, Stars]>([
      [49.99, 2],
      [30, 2],
      [29.99, 1],
      [0, 1],
    ])('does not rank %d points (%d stars)', (total, stars) => {
      expect(decideLevelOutcome(R148, 0, scored(total))).toEqual({
        type: 'not-ranked',
        reason: 'below-minimum',
        stars,
      });
    });

    it.each([50, 69.99])('certifies 3 stars itself at %d points', (total) => {
      expect(decideLevelOutcome(R148, 0, scored(total))).toEqual({
        type: 'certify',
        stars: 3,
        level: 'district',
      });
    });

    it.each([70, 89.99, 90, 100])('forwards %d points to the province, certifying nothing meanwhile', (total) => {
      expect(decideLevelOutcome(R148, 0, scored(total))).toEqual({
        type: 'forward',
        to: 'province',
      });
    });

    it('refuses an assessment result, as it scores', () => {
      expect(() => decideLevelOutcome(R148, 0, assessed())).toThrow(
        'level district of OCOP_148_2023, of kind "scoring", cannot take a result of kind "assessed"',
      );
    });
  });

  describe('province (level 1)', () => {
    it('forwards 90 points to central and certifies 4 stars meanwhile under certify-four', () => {
      expect(decideLevelOutcome(R148, 1, scored(90))).toEqual({
        type: 'forward',
        to: 'central',
        certifyMeanwhile: { stars: 4, level: 'province' },
      });
    });

    it('forwards 100 points to central and certifies nothing meanwhile under hold', () => {
      const hold = withSettings(R148, { potentialFiveStarMeanwhile: 'hold' });
      expect(decideLevelOutcome(hold, 1, scored(100))).toEqual({ type: 'forward', to: 'central' });
    });

    it.each([70, 89.99])('certifies 4 stars itself at %d points', (total) => {
      expect(decideLevelOutcome(R148, 1, scored(total))).toEqual({
        type: 'certify',
        stars: 4,
        level: 'province',
      });
    });

    it.each([50, 69.99])('certifies 3 stars by the district at %d points', (total) => {
      expect(decideLevelOutcome(R148, 1, scored(total))).toEqual({
        type: 'certify',
        stars: 3,
        level: 'district',
      });
    });

    it('does not rank 49.99 points', () => {
      expect(decideLevelOutcome(R148, 1, scored(49.99))).toEqual({
        type: 'not-ranked',
        reason: 'below-minimum',
        stars: 2,
      });
    });

    it('does not rank a mandatory failure even at 95 points', () => {
      expect(decideLevelOutcome(R148, 1, scored(95, ['label']))).toEqual({
        type: 'not-ranked',
        reason: 'mandatory-criteria',
      });
    });
  });

  describe('central (level 2)', () => {
    it.each([90, 100])('certifies 5 stars at %d points', (total) => {
      expect(decideLevelOutcome(R148, 2, scored(total), { stars: 4 })).toEqual({
        type: 'certify',
        stars: 5,
        level: 'central',
      });
    });

    it.each([89.99, 70, 40])('keeps the provincial 4 stars at %d points under keep-provincial', (total) => {
      expect(decideLevelOutcome(R148, 2, scored(total), { stars: 4 })).toEqual({
        type: 'certify',
        stars: 4,
        level: 'province',
      });
    });

    it('without a provisional rating, keeps the highest the level below certifies', () => {
      expect(decideLevelOutcome(R148, 2, scored(60))).toEqual({
        type: 'certify',
        stars: 4,
        level: 'province',
      });
    });

    it('keeps the provisional rating it is given', () => {
      expect(decideLevelOutcome(R148, 2, scored(85), { stars: 3 })).toEqual({
        type: 'certify',
        stars: 3,
        level: 'district',
      });
    });

    describe('under rescore', () => {
      const rescore = withSettings(R148, { centralBelowFive: 'rescore' });

      it.each<[number, Stars, string]>([
        [89.99, 4, 'province'],
        [70, 4, 'province'],
        [69.99, 3, 'district'],
        [50, 3, 'district'],
      ])('rates %d points as %d stars certified by the %s', (total, stars, level) => {
        expect(decideLevelOutcome(rescore, 2, scored(total), { stars: 4 })).toEqual({
          type: 'certify',
          stars,
          level,
        });
      });

      it('does not rank 49.99 points, whatever the provisional rating', () => {
        expect(decideLevelOutcome(rescore, 2, scored(49.99), { stars: 4 })).toEqual({
          type: 'not-ranked',
          reason: 'below-minimum',
          stars: 2,
        });
      });

      it('still certifies 5 stars at 90 points', () => {
        expect(decideLevelOutcome(rescore, 2, scored(90), { stars: 4 })).toEqual({
          type: 'certify',
          stars: 5,
          level: 'central',
        });
      });
    });

    it('does not rank a mandatory failure, even holding a provisional rating', () => {
      expect(decideLevelOutcome(R148, 2, scored(92, ['traceability']), { stars: 4 })).toEqual({
        type: 'not-ranked',
        reason: 'mandatory-criteria',
      });
    });
  });

  it('throws for a level outside the chain', () => {
    expect(() => decideLevelOutcome(R148, 3, scored(90))).toThrow('OCOP_148_2023 has no evaluation level at index 3');
  });
});

describe('decideLevelOutcome under OCOP_1489_2025', () => {
  describe('commune assessment (level 0)', () => {
    it('forwards to the province when every local criterion passes', () => {
      expect(decideLevelOutcome(R1489, 0, assessed())).toEqual({ type: 'forward', to: 'province', localFindings: [] });
    });

    it('forwards an unfavourable report too, carrying its findings: the commune does not gate', () => {
      expect(decideLevelOutcome(R1489, 0, assessed(['local-labour', 'idea-origin']))).toEqual({
        type: 'forward',
        to: 'province',
        localFindings: ['local-labour', 'idea-origin'],
      });
    });

    it('refuses a scored result, as it awards no stars', () => {
      expect(() => decideLevelOutcome(R1489, 0, scored(80))).toThrow(
        'level commune of OCOP_1489_2025, of kind "assessment", cannot take a result of kind "scored"',
      );
    });
  });

  describe('province (level 1)', () => {
    it.each<[number, Stars]>([
      [50, 3],
      [69.99, 3],
      [70, 4],
      [89.99, 4],
    ])('certifies %d points as %d stars itself', (total, stars) => {
      expect(decideLevelOutcome(R1489, 1, scored(total))).toEqual({
        type: 'certify',
        stars,
        level: 'province',
      });
    });

    it('does not rank 49.99 points', () => {
      expect(decideLevelOutcome(R1489, 1, scored(49.99))).toEqual({
        type: 'not-ranked',
        reason: 'below-minimum',
        stars: 2,
      });
    });

    it('does not rank a mandatory failure', () => {
      expect(decideLevelOutcome(R1489, 1, scored(75, ['quality-declaration']))).toEqual({
        type: 'not-ranked',
        reason: 'mandatory-criteria',
      });
    });

    it('forwards 90 points to central and certifies 4 stars meanwhile under certify-four', () => {
      expect(decideLevelOutcome(R1489, 1, scored(90))).toEqual({
        type: 'forward',
        to: 'central',
        certifyMeanwhile: { stars: 4, level: 'province' },
      });
    });

    it('forwards 90 points to central and certifies nothing meanwhile under hold', () => {
      const hold = withSettings(R1489, { potentialFiveStarMeanwhile: 'hold' });
      expect(decideLevelOutcome(hold, 1, scored(90))).toEqual({ type: 'forward', to: 'central' });
    });
  });

  describe('central (level 2)', () => {
    it('certifies 5 stars at 90 points', () => {
      expect(decideLevelOutcome(R1489, 2, scored(90), { stars: 4 })).toEqual({
        type: 'certify',
        stars: 5,
        level: 'central',
      });
    });

    it('keeps the provincial 4 stars at 55 points under keep-provincial', () => {
      expect(decideLevelOutcome(R1489, 2, scored(55), { stars: 4 })).toEqual({
        type: 'certify',
        stars: 4,
        level: 'province',
      });
    });

    it.each<[number, LevelOutcome]>([
      [75, { type: 'certify', stars: 4, level: 'province' }],
      [55, { type: 'certify', stars: 3, level: 'province' }],
      [30, { type: 'not-ranked', reason: 'below-minimum', stars: 2 }],
    ])('rates %d points by its own score under rescore', (total, outcome) => {
      const rescore = withSettings(R1489, { centralBelowFive: 'rescore' });
      expect(decideLevelOutcome(rescore, 2, scored(total), { stars: 4 })).toEqual(outcome);
    });
  });
});

describe('decideLevelOutcome reads the chain, not level names', () => {
  // A chain that starts at the province, as an upgrade application might.
  const provinceFirst: RuleSet = { ...R1489, levels: R1489.levels.slice(1) };

  it('forwards from the first level to the top one', () => {
    expect(decideLevelOutcome(provinceFirst, 0, scored(91))).toEqual({
      type: 'forward',
      to: 'central',
      certifyMeanwhile: { stars: 4, level: 'province' },
    });
  });

  it('treats the last level of the chain as the top one', () => {
    expect(decideLevelOutcome(provinceFirst, 1, scored(80))).toEqual({
      type: 'certify',
      stars: 4,
      level: 'province',
    });
  });
});

const failed = (criterion: string, forStars: 3 | 4 | 5): MandatoryFailure => ({ criterion, forStars });

describe('mandatory criteria per star', () => {
  it('reads a bare id, as results before the marks were per star give it, as mandatory for 3 stars', () => {
    expect(normaliseMandatory(['food-safety', failed('export', 5)])).toEqual([
      { criterion: 'food-safety', forStars: 3 },
      { criterion: 'export', forStars: 5 },
    ]);
  });

  it.each<[MandatoryFailure[], Stars | null]>([
    [[], 5],
    [[failed('export', 5)], 4],
    [[failed('standard', 4)], 3],
    [[failed('standard', 4), failed('export', 5)], 3],
    [[failed('food-safety', 3)], null],
    [[failed('export', 5), failed('food-safety', 3)], null],
  ])('caps %j at %p', (failures, cap) => {
    expect(mandatoryCap(failures)).toBe(cap);
  });

  describe('at the 148 district (forwards at 70)', () => {
    it('does not rank a 3-star failure at any score', () => {
      expect(decideLevelOutcome(R148, 0, scored(95, [failed('food-safety', 3)]))).toEqual({
        type: 'not-ranked',
        reason: 'mandatory-criteria',
      });
    });

    it('rates a 4-star failure at 80 points 3 stars here instead of forwarding it', () => {
      expect(decideLevelOutcome(R148, 0, scored(80, [failed('standard', 4)]))).toEqual({
        type: 'certify',
        stars: 3,
        level: 'district',
      });
    });

    it('forwards a 5-star failure at 70 points: the province may still give 4 stars', () => {
      expect(decideLevelOutcome(R148, 0, scored(70, [failed('export', 5)]))).toEqual({
        type: 'forward',
        to: 'province',
      });
    });

    it('leaves a 4-star failure at 60 points its 3-star band', () => {
      expect(decideLevelOutcome(R148, 0, scored(60, [failed('standard', 4)]))).toEqual({
        type: 'certify',
        stars: 3,
        level: 'district',
      });
    });

    it('does not rank a 4-star failure below 50 points', () => {
      expect(decideLevelOutcome(R148, 0, scored(49.99, [failed('standard', 4)]))).toEqual({
        type: 'not-ranked',
        reason: 'below-minimum',
        stars: 2,
      });
    });
  });

  describe('at the 1489 province (forwards at 90)', () => {
    it('rates a 5-star failure at 95 points 4 stars here, not a potential 5-star product', () => {
      expect(decideLevelOutcome(R1489, 1, scored(95, [failed('export', 5)]))).toEqual({
        type: 'certify',
        stars: 4,
        level: 'province',
      });
    });

    it('rates a 4-star failure at 95 points 3 stars', () => {
      expect(decideLevelOutcome(R1489, 1, scored(95, [failed('standard', 4)]))).toEqual({
        type: 'certify',
        stars: 3,
        level: 'province',
      });
    });

    it('forwards 90 points with no failure', () => {
      expect(decideLevelOutcome(R1489, 1, scored(90, []))).toMatchObject({ type: 'forward', to: 'central' });
    });
  });

  describe('at the central council', () => {
    it('lowers the kept provincial rating by a 4-star failure found there', () => {
      expect(decideLevelOutcome(R1489, 2, scored(85, [failed('standard', 4)]), { stars: 4 })).toEqual({
        type: 'certify',
        stars: 3,
        level: 'province',
      });
    });

    it('keeps 4 stars at 95 points when a 5-star criterion fails', () => {
      expect(decideLevelOutcome(R1489, 2, scored(95, [failed('export', 5)]), { stars: 4 })).toEqual({
        type: 'certify',
        stars: 4,
        level: 'province',
      });
    });

    it('certifies 5 stars when every mandatory set is met', () => {
      expect(decideLevelOutcome(R1489, 2, scored(95, []), { stars: 4 })).toEqual({
        type: 'certify',
        stars: 5,
        level: 'central',
      });
    });
  });
});

describe('bands and forwarding compare the exact mean', () => {
  it.each<[number, LevelOutcome]>([
    [49.999999, { type: 'not-ranked', reason: 'below-minimum', stars: 2 }],
    [50, { type: 'certify', stars: 3, level: 'district' }],
    [69.99, { type: 'certify', stars: 3, level: 'district' }],
    [69.995, { type: 'certify', stars: 3, level: 'district' }],
    [69.999999, { type: 'certify', stars: 3, level: 'district' }],
    [70, { type: 'forward', to: 'province' }],
  ])('the 148 district takes a mean of %d as %j', (mean, outcome) => {
    expect(decideLevelOutcome(R148, 0, scored(mean))).toEqual(outcome);
  });

  it.each<[number, LevelOutcome]>([
    [69.999999, { type: 'certify', stars: 3, level: 'province' }],
    [70, { type: 'certify', stars: 4, level: 'province' }],
    [89.99, { type: 'certify', stars: 4, level: 'province' }],
    [89.995, { type: 'certify', stars: 4, level: 'province' }],
    [89.999999, { type: 'certify', stars: 4, level: 'province' }],
    [90, { type: 'forward', to: 'central', certifyMeanwhile: { stars: 4, level: 'province' } }],
  ])('the 1489 province takes a mean of %d as %j', (mean, outcome) => {
    expect(decideLevelOutcome(R1489, 1, scored(mean))).toEqual(outcome);
  });
});
