import { IsoDuration } from '../../domain/duration';
import {
  RULE_SETS,
  RuleSetId,
  SCORE_PARTS_1048,
  type Stars,
  certifiedStarsMinimum,
  certifyingLevel,
  getRuleSet,
  isCertifiable,
  ruleSetForDate,
  starsForScore,
  vietnamDate,
} from '../../domain/rules';

const R148 = RULE_SETS.OCOP_148_2023;
const R1489 = RULE_SETS.OCOP_1489_2025;

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
      bonusCap: 0,
      minCouncilMembers: 1,
      council: { quorum: 0.75, maxSpread: 10, rounds: 2 },
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
    [69.995, 3],
    [69.999999, 3],
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

  it('reads the lowest certified rating from the rule set', () => {
    expect(certifiedStarsMinimum(R148)).toBe(3);
    expect(certifiedStarsMinimum(R1489)).toBe(3);
    expect(certifiedStarsMinimum({ ...R148, certifiedStars: [5, 4] })).toBe(4);
    expect(() => certifiedStarsMinimum({ ...R148, certifiedStars: [] })).toThrow('OCOP_148_2023 certifies no rating');
  });

  it('throws for a rating no level certifies', () => {
    expect(() => certifyingLevel(R148, 2)).toThrow('no level certifies 2 stars under OCOP_148_2023');
  });
});

describe('ruleSetForDate', () => {
  it.each([
    ['2023-02-24', 'OCOP_148_2023'],
    ['2023-02-23T17:00:00Z', 'OCOP_148_2023'],
    ['2024-06-01T00:00:00+07:00', 'OCOP_148_2023'],
    ['2025-07-05', 'OCOP_148_2023'],
    ['2025-07-05T16:59:59Z', 'OCOP_148_2023'],
    ['2025-07-05T23:59:59+07:00', 'OCOP_148_2023'],
    ['2025-07-05T17:00:00Z', 'OCOP_1489_2025'],
    ['2025-07-06', 'OCOP_1489_2025'],
    ['2025-07-06T00:00:00+07:00', 'OCOP_1489_2025'],
    ['2026-01-01T00:00:00Z', 'OCOP_1489_2025'],
    ['2026-12-31', 'OCOP_1489_2025'],
  ])('takes %s (a Vietnam calendar day) under %s', (instant, id) => {
    expect(ruleSetForDate(instant).id).toBe(id);
  });

  it('returns the earliest rule set for a date before every one', () => {
    expect(ruleSetForDate('2019-08-21').id).toBe('OCOP_148_2023');
    expect(ruleSetForDate('2023-02-23T16:59:59Z').id).toBe('OCOP_148_2023');
  });

  it('reads the Vietnam calendar day, UTC+7 all year', () => {
    expect(vietnamDate('2025-07-05T17:00:00Z')).toBe('2025-07-06');
    expect(vietnamDate('2025-07-05T16:59:59.999Z')).toBe('2025-07-05');
    expect(vietnamDate('2025-12-31T20:00:00-05:00')).toBe('2026-01-01');
    expect(vietnamDate('2025-07-05')).toBe('2025-07-05');
  });

  it.each(['', 'yesterday', '2025-13-45', 'July 6, 2025', '2025-07-06T10:00'])(
    'refuses %j, naming the format',
    (instant) => {
      expect(() => ruleSetForDate(instant)).toThrow(`"${instant}" is not an ISO-8601 instant or date`);
    },
  );
});
