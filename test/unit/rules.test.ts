import {
  type LevelOutcome,
  type LevelResult,
  type RuleSet,
  RULE_SETS,
  RuleSetId,
  SCORE_PARTS_1048,
  type Stars,
  certifyingLevel,
  decideLevelOutcome,
  getRuleSet,
  isCertifiable,
  starsForScore,
} from '../../domain/rules';
import { IsoDuration } from '../../domain/duration';

const R148 = RULE_SETS.OCOP_148_2023;
const R1489 = RULE_SETS.OCOP_1489_2025;

const scored = (total: number, mandatoryFailed: string[] = []): LevelResult => ({
  kind: 'scored',
  total,
  mandatoryFailed,
});
const assessed = (failedCriteria: string[] = []): LevelResult => ({
  kind: 'assessed',
  failedCriteria,
});
const withSettings = (
  ruleSet: RuleSet,
  settings: Pick<Partial<RuleSet>, 'potentialFiveStarMeanwhile' | 'centralBelowFive'>,
): RuleSet => ({ ...ruleSet, ...settings });

describe('rule set data', () => {
  it('lists both rule sets and finds them by id', () => {
    expect(RuleSetId.options).toEqual(['OCOP_148_2023', 'OCOP_1489_2025']);
    expect(getRuleSet('OCOP_148_2023')).toBe(R148);
    expect(getRuleSet('OCOP_1489_2025')).toBe(R1489);
    expect(RuleSetId.safeParse('OCOP_1048_2019').success).toBe(false);
  });

  it('chains district, province, central under 148', () => {
    expect(R148.decision).toBe('Quyết định 148/QĐ-TTg');
    expect(R148.validFrom).toBe('2023-02-24');
    expect(
      R148.levels.map(({ id, kind, certifies, forwardAtOrAbove, reviewsDossier, minimumToRank }) => ({
        id,
        kind,
        certifies,
        forwardAtOrAbove,
        reviewsDossier,
        minimumToRank,
      })),
    ).toEqual([
      {
        id: 'district',
        kind: 'scoring',
        certifies: [3],
        forwardAtOrAbove: 70,
        reviewsDossier: true,
        minimumToRank: 50,
      },
      {
        id: 'province',
        kind: 'scoring',
        certifies: [4],
        forwardAtOrAbove: 90,
        reviewsDossier: true,
        minimumToRank: 50,
      },
      {
        id: 'central',
        kind: 'scoring',
        certifies: [5],
        forwardAtOrAbove: null,
        reviewsDossier: false,
        minimumToRank: 50,
      },
    ]);
    expect(R148.levels[0]?.title).toBe('Hội đồng cấp huyện');
    expect(R148.localCriteria).toEqual([]);
  });

  it('chains a commune assessment, province, central under 1489', () => {
    expect(R1489.decision).toBe('Quyết định 1489/QĐ-TTg');
    expect(R1489.validFrom).toBe('2025-07-06');
    expect(
      R1489.levels.map(({ id, kind, certifies, forwardAtOrAbove }) => ({
        id,
        kind,
        certifies,
        forwardAtOrAbove,
      })),
    ).toEqual([
      { id: 'commune', kind: 'assessment', certifies: [], forwardAtOrAbove: null },
      { id: 'province', kind: 'scoring', certifies: [3, 4], forwardAtOrAbove: 90 },
      { id: 'central', kind: 'scoring', certifies: [5], forwardAtOrAbove: null },
    ]);
    expect(R1489.levels[0]?.reviewsDossier).toBe(true);
    expect(R1489.localCriteria).toEqual(['local-origin', 'local-labour', 'idea-origin', 'local-identity']);
  });

  it.each([R148, R1489])('$id scores parts A 40, B 25, C 35 into stars 5:90 4:70 3:50 2:30 1:0', (ruleSet) => {
    expect(ruleSet.scoreParts.map(({ id, max }) => [id, max])).toEqual([
      ['A', 40],
      ['B', 25],
      ['C', 35],
    ]);
    expect(ruleSet.starBands.map(({ stars, min }) => [stars, min])).toEqual([
      [5, 90],
      [4, 70],
      [3, 50],
      [2, 30],
      [1, 0],
    ]);
    expect(ruleSet.certifiedStars).toEqual([3, 4, 5]);
  });

  it.each([R148, R1489])('$id holds the documented defaults', (ruleSet) => {
    expect(ruleSet).toMatchObject({
      rounding: { decimals: 2 },
      bonusCap: 5,
      minCouncilMembers: 1,
      certificateValidity: 'P36M',
      expiryNoticeLead: 'P30D',
      postInspectionInterval: 'P12M',
      potentialFiveStarMeanwhile: 'certify-four',
      centralBelowFive: 'keep-provincial',
    });
    for (const iso of [ruleSet.certificateValidity, ruleSet.expiryNoticeLead, ruleSet.postInspectionInterval]) {
      expect(IsoDuration.safeParse(iso).success).toBe(true);
    }
  });

  it.each([R148, R1489])('$id has each certified rating certified by exactly one level', (ruleSet) => {
    for (const stars of ruleSet.certifiedStars) {
      expect(ruleSet.levels.filter((level) => level.certifies.includes(stars))).toHaveLength(1);
    }
  });

  it.each([R148, R1489])('$id forwards at the lowest score the next level certifies', (ruleSet) => {
    ruleSet.levels.forEach((level, index) => {
      const next = ruleSet.levels[index + 1];
      if (level.forwardAtOrAbove === null || !next) return;
      const lowest = Math.min(...next.certifies);
      expect(ruleSet.starBands.find((band) => band.stars === lowest)?.min).toBe(level.forwardAtOrAbove);
    });
  });

  it('keeps the 1048 parts: A 35, B 25, C 40', () => {
    expect(SCORE_PARTS_1048.map(({ id, max }) => [id, max])).toEqual([
      ['A', 35],
      ['B', 25],
      ['C', 40],
    ]);
  });
});

describe('starsForScore', () => {
  it.each<[number, Stars]>([
    [0, 1],
    [29.99, 1],
    [30, 2],
    [49.99, 2],
    [50, 3],
    [69.99, 3],
    [70, 4],
    [89.99, 4],
    [90, 5],
    [100, 5],
  ])('rates %d points as %d stars', (total, stars) => {
    expect(starsForScore(R148, total)).toBe(stars);
    expect(starsForScore(R1489, total)).toBe(stars);
  });
});

describe('isCertifiable and certifyingLevel', () => {
  it('certifies 3 to 5 stars only', () => {
    expect([1, 2, 3, 4, 5].map((stars) => isCertifiable(R148, stars as Stars))).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });

  it('finds the certifying level in the data', () => {
    expect([3, 4, 5].map((stars) => certifyingLevel(R148, stars as Stars))).toEqual([
      'district',
      'province',
      'central',
    ]);
    expect([3, 4, 5].map((stars) => certifyingLevel(R1489, stars as Stars))).toEqual([
      'province',
      'province',
      'central',
    ]);
  });

  it('throws for a rating no level certifies', () => {
    expect(() => certifyingLevel(R148, 2)).toThrow('no level certifies 2 stars under OCOP_148_2023');
  });
});

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
      expect(decideLevelOutcome(R1489, 0, assessed())).toEqual({ type: 'forward', to: 'province' });
    });

    it('does not rank a product failing a local criterion', () => {
      expect(decideLevelOutcome(R1489, 0, assessed(['local-labour']))).toEqual({
        type: 'not-ranked',
        reason: 'local-criteria',
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
