// A council's (hội đồng đánh giá, phân hạng) result: each member fills a score
// sheet (phiếu chấm điểm) by part, the total is the mean of the sheets' sums.
import { z } from 'zod';
import { type RuleSet, type Stars, starsForScore } from './rules';

export const ScoreSheet = z.object({
  memberId: z.string().trim().min(1, 'must not be empty'),
  parts: z.record(z.string(), z.number()),
});
export type ScoreSheet = z.infer<typeof ScoreSheet>;

export const CouncilResultInput = z.object({
  sheets: z.array(ScoreSheet),
  /** Ids of the mandatory criteria (tiêu chí bắt buộc) the product fails. */
  mandatoryFailed: z.array(z.string().trim().min(1, 'must not be empty')).default([]),
  bonus: z.number().default(0),
});
export type CouncilResultInput = z.infer<typeof CouncilResultInput>;

/** What scoring reads of a council result; mandatory criteria are for `decideLevelOutcome`. */
export type CouncilSheets = Pick<CouncilResultInput, 'sheets' | 'bonus'>;

export interface Issue {
  path: string;
  message: string;
}

export interface CouncilScore {
  /** Mean of the sheets' sums plus the bonus, capped at 100. */
  total: number;
  partMeans: Record<string, number>;
  bonus: number;
  stars: Stars;
}

/** Checks a council result against the rule set; returns every issue and throws nothing. */
export function validateCouncilSheets(ruleSet: RuleSet, input: CouncilSheets): Issue[] {
  const issues: Issue[] = [];
  const { sheets } = input;
  const needed = ruleSet.minCouncilMembers;
  if (sheets.length < needed) {
    issues.push({
      path: 'sheets',
      message: `needs at least ${needed} ${needed === 1 ? "member's sheet" : "members' sheets"}`,
    });
  }

  const firstSheetOf = new Map<string, number>();
  sheets.forEach((sheet, index) => {
    const at = `sheets[${index}]`;
    const memberId = sheet.memberId.trim();
    const first = firstSheetOf.get(memberId);
    if (memberId === '') {
      issues.push({ path: `${at}.memberId`, message: 'must not be empty' });
    } else if (first !== undefined) {
      issues.push({
        path: `${at}.memberId`,
        message: `"${memberId}" already scored in sheets[${first}]: one sheet per member`,
      });
    } else {
      firstSheetOf.set(memberId, index);
    }

    for (const part of ruleSet.scoreParts) {
      const path = `${at}.parts.${part.id}`;
      const rule = `part ${part.id} under ${ruleSet.id}`;
      const points = sheet.parts[part.id];
      if (points === undefined) {
        issues.push({ path, message: `is missing (${rule})` });
      } else if (!Number.isFinite(points)) {
        issues.push({ path, message: `must be a finite number (${rule})` });
      } else if (points < 0) {
        issues.push({ path, message: `must not be negative (${rule})` });
      } else if (points > part.max) {
        issues.push({ path, message: `must be at most ${part.max} (${rule})` });
      }
    }
    for (const id of Object.keys(sheet.parts)) {
      if (!ruleSet.scoreParts.some((part) => part.id === id)) {
        const expected = ruleSet.scoreParts.map((part) => part.id).join(', ');
        issues.push({
          path: `${at}.parts.${id}`,
          message: `is not a score part under ${ruleSet.id} (expected ${expected})`,
        });
      }
    }
  });

  const { bonus } = input;
  if (!Number.isFinite(bonus) || bonus < 0 || bonus > ruleSet.bonusCap) {
    issues.push({ path: 'bonus', message: `must be between 0 and ${ruleSet.bonusCap}` });
  }
  return issues;
}

// Points are summed as integer micro-points so that means round exactly: the
// float 69.995 is 69.99499999…, which naive rounding would turn into 69.99.
const MICRO = 1_000_000;
const MAX_TOTAL = 100;

/** Scores a council result; throws if `validateCouncilSheets` finds issues. */
export function scoreCouncil(ruleSet: RuleSet, input: CouncilSheets): CouncilScore {
  const issues = validateCouncilSheets(ruleSet, input);
  if (issues.length > 0) {
    const listed = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new Error(`cannot score an invalid council result: ${listed}`);
  }

  const count = input.sheets.length;
  const round = (microSum: number) => roundHalfUp(microSum, count, ruleSet.rounding.decimals);
  const partMeans: Record<string, number> = {};
  let sheetsSum = 0;
  for (const part of ruleSet.scoreParts) {
    const partSum = input.sheets.reduce((sum, sheet) => sum + toMicro(sheet.parts[part.id] ?? 0), 0);
    partMeans[part.id] = round(partSum);
    sheetsSum += partSum;
  }
  // The total rounds the exact mean, not the sum of the rounded part means.
  const withBonus = sheetsSum + count * toMicro(input.bonus);
  const total = round(Math.min(withBonus, count * MAX_TOTAL * MICRO));
  return {
    total,
    partMeans,
    bonus: input.bonus,
    stars: starsForScore(ruleSet, total),
  };
}

function toMicro(points: number): number {
  return Math.round(points * MICRO);
}

/** Rounds (microSum / count) micro-points half-up to `decimals`, all in integers. */
function roundHalfUp(microSum: number, count: number, decimals: number): number {
  const scale = 10 ** decimals;
  const unit = MICRO / scale;
  // floor((microSum / (count * unit)) + 1/2), written so every step is an exact integer.
  const numerator = 2 * microSum + count * unit;
  const denominator = 2 * count * unit;
  const steps = (numerator - (numerator % denominator)) / denominator;
  return steps / scale;
}
