// Rule sets (bộ tiêu chí và quy trình) as data. Who scores, who certifies and
// where a product goes next changed in July 2025, when districts were
// abolished, so a cycle carries its rule set and the logic below reads only
// the data: a level's place in the chain, what it certifies, its thresholds.
import { z } from 'zod';
import type { CouncilRules } from './council';
import type { IsoDuration } from './duration';
import type { LevelId } from './schemas';
import { identifierText } from './text';

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
   * The most points a council may add on top of the sheets; the total stays capped at 100.
   * Neither 148 nor 1489 gives any (women, ethnic minorities and local labour are Part A
   * criteria), so both rule sets ship 0; a province whose practice adds some raises it.
   */
  bonusCap: number;
  /** Sheets needed when a result gives no council size (results recorded before councils had rules). */
  minCouncilMembers: number;
  council: CouncilRules;
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

/**
 * Provinces' council regulations (quy chế hoạt động của Hội đồng), not the decisions:
 * Tây Ninh meets with at least 75% (3/4) of members, the chair among them, and re-scores
 * when members' totals differ by more than 10 points; Đồng Tháp has the same 10 points.
 * The central council meets with 5 of 7 (Quyết định 757/QĐ-BNN-VPĐP). See the README.
 */
const DEFAULT_COUNCIL_RULES: CouncilRules = { quorum: 0.75, maxSpread: 10, rounds: 2 };

/** The bonus cap before issue 11 (2026-12-02), for results recorded under it. */
export const LEGACY_BONUS_CAP = 5;

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
  bonusCap: 0,
  minCouncilMembers: 1,
  council: DEFAULT_COUNCIL_RULES,
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

/** Vietnam keeps UTC+7 all year (no summer time). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The calendar day in Vietnam of an instant (or of a bare YYYY-MM-DD, taken as that day). */
export function vietnamDate(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms) || !(DATE_ONLY.test(instant) || ISO_INSTANT.test(instant))) {
    throw new Error(`"${instant}" is not an ISO-8601 instant or date`);
  }
  if (DATE_ONLY.test(instant)) return instant;
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The rule set in force on the Vietnam calendar day of `instant`: the one with the
 * latest validFrom on or before it; before every validFrom, the earliest.
 */
export function ruleSetForDate(instant: string): RuleSet {
  const day = vietnamDate(instant);
  const byDate = Object.values(RULE_SETS).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const earliest = byDate[0];
  if (!earliest) throw new Error('no rule sets are defined');
  return byDate.filter((r) => r.validFrom <= day).at(-1) ?? earliest;
}

/** Bands compare the exact mean: 69.999999 is 3 stars, only 70 is 4. */
export function starsForScore(ruleSet: RuleSet, mean: number): Stars {
  const band = ruleSet.starBands.find((b) => mean >= b.min) ?? ruleSet.starBands.at(-1);
  if (!band) throw new Error(`rule set ${ruleSet.id} has no star bands`);
  return band.stars;
}

export function isCertifiable(ruleSet: RuleSet, stars: Stars): boolean {
  return ruleSet.certifiedStars.includes(stars);
}

/** The lowest rating a certificate is issued for (3 stars in both rule sets). */
export function certifiedStarsMinimum(ruleSet: RuleSet): Stars {
  const lowest = [...ruleSet.certifiedStars].sort((a, b) => a - b)[0];
  if (lowest === undefined) throw new Error(`rule set ${ruleSet.id} certifies no rating`);
  return lowest;
}

export function certifyingLevel(ruleSet: RuleSet, stars: Stars): LevelId {
  const level = ruleSet.levels.find((l) => l.certifies.includes(stars));
  if (!level) throw new Error(`no level certifies ${stars} stars under ${ruleSet.id}`);
  return level.id;
}

/** Stars a mandatory criterion can be marked for (tiêu chí bắt buộc của sản phẩm 3, 4 hoặc 5 sao). */
export const MandatoryStars = z.literal([3, 4, 5]);
export type MandatoryStars = z.infer<typeof MandatoryStars>;

export interface MandatoryFailure {
  criterion: string;
  /** The lowest star level the criterion is mandatory for; it is mandatory for every higher one too. */
  forStars: MandatoryStars;
}

/**
 * One failed mandatory criterion as a council result gives it. A bare id, as results
 * recorded before the marks were per star give it, is mandatory for 3 stars.
 */
export const MandatoryFailed = z.union([
  identifierText(100),
  z.object({ criterion: identifierText(100), forStars: MandatoryStars }),
]);
export type MandatoryFailed = z.infer<typeof MandatoryFailed>;

export function normaliseMandatory(failed: readonly (string | MandatoryFailure)[]): MandatoryFailure[] {
  return failed.map((f) => (typeof f === 'string' ? { criterion: f, forStars: 3 } : { ...f }));
}

/**
 * The highest rating whose mandatory set the product meets, or null when it fails the
 * 3-star set and so cannot be ranked at all.
 */
export function mandatoryCap(failed: readonly MandatoryFailure[]): Stars | null {
  const lowestFailed = Math.min(...failed.map((f) => f.forStars));
  if (!Number.isFinite(lowestFailed)) return 5;
  return lowestFailed <= 3 ? null : ((lowestFailed - 1) as Stars);
}

export type LevelResult =
  | { kind: 'scored'; mean: number; mandatoryFailed: readonly MandatoryFailure[] }
  | { kind: 'assessed'; failedCriteria: readonly string[] };

/**
 * `certify` is the rating the cycle ends with; a workflow that already holds it
 * from `certifyMeanwhile` keeps that certificate. 'local-criteria' is only for
 * results recorded when the commune still gated (before issue 11).
 */
export type LevelOutcome =
  | {
      type: 'not-ranked';
      reason: 'mandatory-criteria' | 'below-minimum' | 'local-criteria';
      stars?: Stars;
    }
  | { type: 'certify'; stars: Stars; level: LevelId }
  | {
      type: 'forward';
      to: LevelId;
      certifyMeanwhile?: { stars: Stars; level: LevelId };
      /** The commune report's unfavourable criteria, carried to the province; they never stop a product. */
      localFindings?: readonly string[];
    };

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

  // Under 1489 the commune reports and sends the dossier on; only the form check stops a product.
  if (result.kind === 'assessed') {
    return { type: 'forward', to: nextLevel(ruleSet, levelIndex).id, localFindings: [...result.failedCriteria] };
  }

  const cap = mandatoryCap(result.mandatoryFailed);
  if (cap === null) return { type: 'not-ranked', reason: 'mandatory-criteria' };
  const band = starsForScore(ruleSet, result.mean);

  const forward = level.forwardAtOrAbove;
  // A product capped below what the next level certifies is rated here instead of forwarded.
  if (forward !== null && result.mean >= forward && cap >= starsForScore(ruleSet, forward)) {
    return forwardOutcome(ruleSet, level, levelIndex);
  }

  const stars = Math.min(band, cap) as Stars;
  const isTop = levelIndex === ruleSet.levels.length - 1;
  if (isTop && !level.certifies.includes(stars) && ruleSet.centralBelowFive === 'keep-provincial') {
    const below = ruleSet.levels[levelIndex - 1];
    const kept = provisional?.stars ?? (below && highestCertified(below));
    if (kept !== undefined) {
      // A mandatory failure found at the top still lowers the rating kept.
      const capped = Math.min(kept, cap) as Stars;
      return { type: 'certify', stars: capped, level: certifyingLevel(ruleSet, capped) };
    }
  }

  if (result.mean < level.minimumToRank || !isCertifiable(ruleSet, stars)) {
    return { type: 'not-ranked', reason: 'below-minimum', stars };
  }
  return { type: 'certify', stars, level: certifyingLevel(ruleSet, stars) };
}

function forwardOutcome(ruleSet: RuleSet, level: EvaluationLevel, levelIndex: number): LevelOutcome {
  const next = nextLevel(ruleSet, levelIndex);
  const meanwhile = highestCertified(level);
  // Only potential 5-star products, those sent to the level certifying 5, are rated meanwhile.
  if (ruleSet.potentialFiveStarMeanwhile === 'certify-four' && next.certifies.includes(5) && meanwhile !== undefined) {
    return { type: 'forward', to: next.id, certifyMeanwhile: { stars: meanwhile, level: level.id } };
  }
  return { type: 'forward', to: next.id };
}

function nextLevel(ruleSet: RuleSet, levelIndex: number): EvaluationLevel {
  const next = ruleSet.levels[levelIndex + 1];
  if (!next) throw new Error(`level ${levelIndex} of ${ruleSet.id} forwards but is the last level`);
  return next;
}

function highestCertified(level: EvaluationLevel): Stars | undefined {
  return [...level.certifies].sort((a, b) => b - a)[0];
}
