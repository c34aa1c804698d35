// Rule sets (bộ tiêu chí và quy trình) as data. Who scores, who certifies and
// where a product goes next changed in July 2025, when districts were
// abolished, so a cycle carries its rule set and the logic below reads only
// the data: a level's place in the chain, what it certifies, its thresholds.
import { z } from 'zod';
import type { IsoDuration } from './duration';
import type { LevelId } from './schemas';

export const RuleSetId = z.enum(['OCOP_148_2023', 'OCOP_1489_2025']);
export type RuleSetId = z.infer<typeof RuleSetId>;

export const Stars = z.literal([1, 2, 3, 4, 5]);
export type Stars = z.infer<typeof Stars>;

export interface ScorePart {
  id: 'A' | 'B' | 'C';
  title: string;
  max: number;
}

/** `min` is inclusive; a rule set lists its bands from the most stars down. */
export interface StarBand {
  stars: Stars;
  min: number;
}

export interface EvaluationLevel {
  id: LevelId;
  title: string;
  /** An assessment checks local criteria pass or fail and awards no stars (the 1489 commune). */
  kind: 'scoring' | 'assessment';
  /** This level's officers receive and check the dossier and ask for supplements. */
  reviewsDossier: boolean;
  certifies: readonly Stars[];
  /** A score at or above this goes on to the next level; null at the top, and for assessments. */
  forwardAtOrAbove: number | null;
  minimumToRank: number;
}

export interface RuleSet {
  id: RuleSetId;
  title: string;
  decision: string;
  /** ISO date the decision took effect. */
  validFrom: string;
  /** The chain of levels; the first evaluates first. */
  levels: readonly EvaluationLevel[];
  scoreParts: readonly ScorePart[];
  starBands: readonly StarBand[];
  certifiedStars: readonly Stars[];
  /** Totals round half-up to this many decimals, at most 6: scoring is exact to 10⁻⁶ points. */
  rounding: { decimals: number };
  /**
   * Unconfirmed: the most bonus points for including women or ethnic minorities and for
   * using local materials and labour; the total stays capped at 100.
   */
  bonusCap: number;
  minCouncilMembers: number;
  /** The 1489 commune assessment's criteria; empty when no level assesses. */
  localCriteria: readonly string[];
  certificateValidity: IsoDuration;
  /** The certifying body tells the subject at least this long before the certificate expires. */
  expiryNoticeLead: IsoDuration;
  postInspectionInterval: IsoDuration;
  /**
   * Unconfirmed: whether the level forwarding a potential 5-star product (tiềm năng 5 sao)
   * certifies it at its own highest rating while the central council decides.
   */
  potentialFiveStarMeanwhile: 'certify-four' | 'hold';
  /**
   * When the top level scores a potential 5-star product below 5 stars: keep the rating
   * the level below gave it, or rate it by the new score.
   */
  centralBelowFive: 'keep-provincial' | 'rescore';
}

/** Decision 1048/QĐ-TTg (2019), kept for products certified under it. */
export const SCORE_PARTS_1048: readonly ScorePart[] = [
  { id: 'A', title: 'Sản phẩm và sức mạnh cộng đồng', max: 35 },
  { id: 'B', title: 'Khả năng tiếp thị', max: 25 },
  { id: 'C', title: 'Chất lượng sản phẩm', max: 40 },
];

const SCORE_PARTS_148: readonly ScorePart[] = [
  { id: 'A', title: 'Sản phẩm và sức mạnh cộng đồng', max: 40 },
  { id: 'B', title: 'Khả năng tiếp thị và câu chuyện sản phẩm', max: 25 },
  { id: 'C', title: 'Chất lượng sản phẩm', max: 35 },
];

const STAR_BANDS: readonly StarBand[] = [
  { stars: 5, min: 90 },
  { stars: 4, min: 70 },
  { stars: 3, min: 50 },
  { stars: 2, min: 30 },
  { stars: 1, min: 0 },
];

const MINIMUM_TO_RANK = 50;

const PROVINCE: EvaluationLevel = {
  id: 'province',
  title: 'Hội đồng cấp tỉnh',
  kind: 'scoring',
  reviewsDossier: true,
  certifies: [4],
  forwardAtOrAbove: 90,
  minimumToRank: MINIMUM_TO_RANK,
};

const CENTRAL: EvaluationLevel = {
  id: 'central',
  title: 'Hội đồng cấp Trung ương',
  kind: 'scoring',
  reviewsDossier: false,
  certifies: [5],
  forwardAtOrAbove: null,
  minimumToRank: MINIMUM_TO_RANK,
};

const SHARED = {
  scoreParts: SCORE_PARTS_148,
  starBands: STAR_BANDS,
  certifiedStars: [3, 4, 5],
  rounding: { decimals: 2 },
  bonusCap: 5,
  minCouncilMembers: 1,
  certificateValidity: 'P36M',
  expiryNoticeLead: 'P30D',
  postInspectionInterval: 'P12M',
  potentialFiveStarMeanwhile: 'certify-four',
  centralBelowFive: 'keep-provincial',
} satisfies Partial<RuleSet>;

export const RULE_SETS: Readonly<Record<RuleSetId, RuleSet>> = {
  OCOP_148_2023: {
    ...SHARED,
    id: 'OCOP_148_2023',
    title: 'Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP',
    decision: 'Quyết định 148/QĐ-TTg',
    validFrom: '2023-02-24',
    levels: [
      {
        id: 'district',
        title: 'Hội đồng cấp huyện',
        kind: 'scoring',
        reviewsDossier: true,
        certifies: [3],
        forwardAtOrAbove: 70,
        minimumToRank: MINIMUM_TO_RANK,
      },
      PROVINCE,
      CENTRAL,
    ],
    localCriteria: [],
  },
  OCOP_1489_2025: {
    ...SHARED,
    id: 'OCOP_1489_2025',
    title: 'Bộ tiêu chí và quy trình OCOP sửa đổi theo chính quyền địa phương hai cấp',
    decision: 'Quyết định 1489/QĐ-TTg',
    validFrom: '2025-07-06',
    levels: [
      {
        id: 'commune',
        title: 'Ủy ban nhân dân cấp xã',
        kind: 'assessment',
        reviewsDossier: true,
        certifies: [],
        forwardAtOrAbove: null,
        minimumToRank: MINIMUM_TO_RANK,
      },
      { ...PROVINCE, certifies: [3, 4] },
      CENTRAL,
    ],
    localCriteria: ['local-origin', 'local-labour', 'idea-origin', 'local-identity'],
  },
};

export function getRuleSet(id: RuleSetId): RuleSet {
  return RULE_SETS[id];
}

export function starsForScore(ruleSet: RuleSet, total: number): Stars {
  const band = ruleSet.starBands.find((b) => total >= b.min) ?? ruleSet.starBands.at(-1);
  if (!band) throw new Error(`rule set ${ruleSet.id} has no star bands`);
  return band.stars;
}

export function isCertifiable(ruleSet: RuleSet, stars: Stars): boolean {
  return ruleSet.certifiedStars.includes(stars);
}

export function certifyingLevel(ruleSet: RuleSet, stars: Stars): LevelId {
  const level = ruleSet.levels.find((l) => l.certifies.includes(stars));
  if (!level) throw new Error(`no level certifies ${stars} stars under ${ruleSet.id}`);
  return level.id;
}

export type LevelResult =
  | { kind: 'scored'; total: number; mandatoryFailed: readonly string[] }
  | { kind: 'assessed'; failedCriteria: readonly string[] };

/**
 * `certify` is the rating the cycle ends with; a workflow that already holds it
 * from `certifyMeanwhile` keeps that certificate.
 */
export type LevelOutcome =
  | {
      type: 'not-ranked';
      reason: 'mandatory-criteria' | 'below-minimum' | 'local-criteria';
      stars?: Stars;
    }
  | { type: 'certify'; stars: Stars; level: LevelId }
  | { type: 'forward'; to: LevelId; certifyMeanwhile?: { stars: Stars; level: LevelId } };

/**
 * What follows one level's result. `provisional` is the rating an earlier level
 * of this cycle gave the product; under `keep-provincial` the top level keeps it,
 * and without one it keeps the highest rating the level below may certify.
 */
export function decideLevelOutcome(
  ruleSet: RuleSet,
  levelIndex: number,
  result: LevelResult,
  provisional?: { stars: Stars },
): LevelOutcome {
  const level = ruleSet.levels[levelIndex];
  if (!level) throw new Error(`${ruleSet.id} has no evaluation level at index ${levelIndex}`);
  if (level.kind !== (result.kind === 'scored' ? 'scoring' : 'assessment')) {
    const taken = `cannot take a result of kind "${result.kind}"`;
    throw new Error(`level ${level.id} of ${ruleSet.id}, of kind "${level.kind}", ${taken}`);
  }

  if (result.kind === 'assessed') {
    return result.failedCriteria.length > 0
      ? { type: 'not-ranked', reason: 'local-criteria' }
      : { type: 'forward', to: nextLevel(ruleSet, levelIndex).id };
  }

  if (result.mandatoryFailed.length > 0) {
    return { type: 'not-ranked', reason: 'mandatory-criteria' };
  }

  if (level.forwardAtOrAbove !== null && result.total >= level.forwardAtOrAbove) {
    const next = nextLevel(ruleSet, levelIndex);
    const meanwhile = highestCertified(level);
    // Only potential 5-star products, those sent to the level certifying 5, are rated meanwhile.
    if (
      ruleSet.potentialFiveStarMeanwhile === 'certify-four' &&
      next.certifies.includes(5) &&
      meanwhile !== undefined
    ) {
      return {
        type: 'forward',
        to: next.id,
        certifyMeanwhile: { stars: meanwhile, level: level.id },
      };
    }
    return { type: 'forward', to: next.id };
  }

  const stars = starsForScore(ruleSet, result.total);
  const isTop = levelIndex === ruleSet.levels.length - 1;
  if (isTop && !level.certifies.includes(stars) && ruleSet.centralBelowFive === 'keep-provincial') {
    const below = ruleSet.levels[levelIndex - 1];
    const kept = provisional?.stars ?? (below && highestCertified(below));
    if (kept !== undefined) {
      return { type: 'certify', stars: kept, level: certifyingLevel(ruleSet, kept) };
    }
  }

  if (result.total < level.minimumToRank || !isCertifiable(ruleSet, stars)) {
    return { type: 'not-ranked', reason: 'below-minimum', stars };
  }
  return { type: 'certify', stars, level: certifyingLevel(ruleSet, stars) };
}

function nextLevel(ruleSet: RuleSet, levelIndex: number): EvaluationLevel {
  const next = ruleSet.levels[levelIndex + 1];
  if (!next) throw new Error(`level ${levelIndex} of ${ruleSet.id} forwards but is the last level`);
  return next;
}

function highestCertified(level: EvaluationLevel): Stars | undefined {
  return [...level.certifies].sort((a, b) => b - a)[0];
}
