// A council's (hội đồng đánh giá, phân hạng) result: each member fills a score
// sheet (phiếu chấm điểm) by part, or criterion by criterion on the sheet of the
// product's sub-group; the council's mean is the mean of the sheets' sums.
import { z } from 'zod';
import { checkCouncil, MAX_COUNCIL_SIZE } from './council';
import { MandatoryFailed, normaliseMandatory, type RuleSet, type Stars, starsForScore } from './rules';
import {
  checkCriteria,
  checkMandatoryFailures,
  isSubGroup,
  partsFromCriteria,
  SCORE_SHEETS,
  scoreSheet,
  type ScoreSheetDefinition,
} from './score-sheets';
import { MICRO, microToPoints, toMicro } from './score-sheets/points';
import { identifierText, nameText } from './text';

const MAX_CRITERIA = 200;

export const ScoreSheet = z.object({
  /** The member's name or code, as the council's minutes give it. */
  memberId: nameText(),
  /** Part totals; derived from `criteria` when the sub-group has a sheet. */
  parts: z
    .record(identifierText(64), z.number())
    .refine((p) => Object.keys(p).length <= MAX_CRITERIA, `must hold at most ${MAX_CRITERIA} parts`)
    .default({}),
  /** Criterion id -> points, on the sheet of the result's sub-group. */
  criteria: z
    .record(identifierText(64), z.number())
    .refine((c) => Object.keys(c).length <= MAX_CRITERIA, `must score at most ${MAX_CRITERIA} criteria`)
    .optional(),
  /** The council chair's sheet (Chủ tịch Hội đồng). */
  chair: z.boolean().optional(),
});
export type ScoreSheet = z.infer<typeof ScoreSheet>;

export const CouncilResultInput = z.object({
  sheets: z.array(ScoreSheet).max(MAX_COUNCIL_SIZE, `must hold at most ${MAX_COUNCIL_SIZE} sheets`),
  /** The mandatory criteria (tiêu chí bắt buộc) the product fails, each with the star it is mandatory for. */
  mandatoryFailed: z.array(MandatoryFailed).max(100, 'must list at most 100 criteria').default([]),
  bonus: z.number().default(0),
  /** Appointed members, chair included. */
  councilSize: z.number().int().min(1).max(MAX_COUNCIL_SIZE).optional(),
  round: z.literal([1, 2]).optional(),
  /** The sub-group's score sheet id (see score-sheets). */
  subGroup: identifierText(64).optional(),
});
export type CouncilResultInput = z.infer<typeof CouncilResultInput>;

/** What scoring reads of a council result. */
export type CouncilSheets = Pick<CouncilResultInput, 'sheets' | 'bonus'> &
  Partial<Pick<CouncilResultInput, 'mandatoryFailed' | 'councilSize' | 'round' | 'subGroup'>>;

export interface Issue {
  path: string;
  message: string;
}

export interface CouncilScore {
  /** Mean of the sheets' sums plus the bonus, capped at 100: exact, compared with the bands as it is. */
  mean: number;
  /** The mean rounded half-up to the rule set's decimals, for display only. */
  total: number;
  partMeans: Record<string, number>;
  bonus: number;
  /** The band of the exact mean, before any mandatory cap. */
  stars: Stars;
  /** Each sheet's sum, in the order given. */
  memberTotals: number[];
  /** Highest member total minus the lowest. */
  spread: number;
}

export interface CouncilOptions {
  /** New results: the council's own rules (size, quorum, chair, round) and criteria apply. */
  requireCouncil?: boolean;
  /** The sheets by sub-group; the shipped ones unless a province brings its own. */
  sheets?: readonly ScoreSheetDefinition[];
}

/** Checks a council result against the rule set; returns every issue and throws nothing. */
export function validateCouncilSheets(ruleSet: RuleSet, input: CouncilSheets, options: CouncilOptions = {}): Issue[] {
  const issues: Issue[] = [];
  const { sheets } = input;
  if (options.requireCouncil) {
    issues.push(...checkCouncil(ruleSet, input));
  } else if (sheets.length < ruleSet.minCouncilMembers) {
    const needed = ruleSet.minCouncilMembers;
    issues.push({
      path: 'sheets',
      message: `needs at least ${needed} ${needed === 1 ? "member's sheet" : "members' sheets"}`,
    });
  }
  const sheet = input.subGroup === undefined ? undefined : scoreSheet(input.subGroup, options.sheets ?? SCORE_SHEETS);
  issues.push(...checkMembers(sheets));
  sheets.forEach((member, index) => issues.push(...checkSheet(ruleSet, member, `sheets[${index}]`, sheet, input)));
  if (options.requireCouncil) issues.push(...checkNewResult(input, sheet));

  const { bonus } = input;
  if (!Number.isFinite(bonus) || bonus < 0 || bonus > ruleSet.bonusCap) {
    // No bonus in the decisions: with the cap at 0 the message says so rather than "between 0 and 0".
    const message =
      ruleSet.bonusCap === 0
        ? `must be 0: ${ruleSet.id} gives no bonus points (rule-set setting bonusCap)`
        : `must be between 0 and ${ruleSet.bonusCap}`;
    issues.push({ path: 'bonus', message });
  }
  return issues;
}

const MAX_CRITERION_ID = 100;

/** What results recorded before issue 11 could not give: a known sub-group, criteria of its sheet. */
function checkNewResult(input: CouncilSheets, sheet: ScoreSheetDefinition | undefined): Issue[] {
  const issues: Issue[] = [];
  if (input.subGroup !== undefined && !sheet && !isSubGroup(input.subGroup)) {
    const message = `"${input.subGroup}" is not a sub-group (bộ sản phẩm) of the score sheets, e.g. food.tea`;
    issues.push({ path: 'subGroup', message });
  }
  const failures = normaliseMandatory(input.mandatoryFailed ?? []);
  failures.forEach((failure, index) => {
    if (failure.criterion.length > MAX_CRITERION_ID) {
      const message = `must be at most ${MAX_CRITERION_ID} characters`;
      issues.push({ path: `mandatoryFailed[${index}].criterion`, message });
    }
  });
  if (sheet) issues.push(...checkMandatoryFailures(sheet, failures));
  return issues;
}

function checkMembers(sheets: readonly ScoreSheet[]): Issue[] {
  const issues: Issue[] = [];
  const firstSheetOf = new Map<string, number>();
  sheets.forEach((sheet, index) => {
    const memberId = sheet.memberId.trim();
    const first = firstSheetOf.get(memberId);
    const path = `sheets[${index}].memberId`;
    if (memberId === '') {
      issues.push({ path, message: 'must not be empty' });
    } else if (first !== undefined) {
      issues.push({ path, message: `"${memberId}" already scored in sheets[${first}]: one sheet per member` });
    } else {
      firstSheetOf.set(memberId, index);
    }
  });
  return issues;
}

function checkSheet(
  ruleSet: RuleSet,
  member: ScoreSheet,
  at: string,
  sheet: ScoreSheetDefinition | undefined,
  input: CouncilSheets,
): Issue[] {
  if (member.criteria === undefined) return checkParts(ruleSet, member.parts, at);
  if (!sheet) {
    const which = input.subGroup ? `sub-group ${input.subGroup}` : 'a result without subGroup';
    return [{ path: `${at}.criteria`, message: `no score sheet is shipped for ${which}: give part totals` }];
  }
  const issues = checkCriteria(sheet, member.criteria, at);
  if (issues.length > 0) return issues;
  const derived = partsFromCriteria(sheet, member.criteria);
  issues.push(...checkParts(ruleSet, derived, at));
  for (const [id, points] of Object.entries(member.parts)) {
    if (toMicro(points) !== toMicro(derived[id] ?? 0)) {
      const message = `is ${points} but its criteria sum to ${derived[id] ?? 0} (sheet ${sheet.id})`;
      issues.push({ path: `${at}.parts.${id}`, message });
    }
  }
  return issues;
}

function checkParts(ruleSet: RuleSet, parts: Record<string, number>, at: string): Issue[] {
  const issues: Issue[] = [];
  for (const part of ruleSet.scoreParts) {
    const path = `${at}.parts.${part.id}`;
    const rule = `part ${part.id} under ${ruleSet.id}`;
    const points = parts[part.id];
    if (points === undefined) issues.push({ path, message: `is missing (${rule})` });
    else if (!Number.isFinite(points)) issues.push({ path, message: `must be a finite number (${rule})` });
    else if (points < 0) issues.push({ path, message: `must not be negative (${rule})` });
    else if (points > part.max) issues.push({ path, message: `must be at most ${part.max} (${rule})` });
  }
  for (const id of Object.keys(parts)) {
    if (!ruleSet.scoreParts.some((part) => part.id === id)) {
      const expected = ruleSet.scoreParts.map((part) => part.id).join(', ');
      issues.push({
        path: `${at}.parts.${id}`,
        message: `is not a score part under ${ruleSet.id} (expected ${expected})`,
      });
    }
  }
  return issues;
}

const MAX_TOTAL = 100;

/** Each sheet's part totals: given, or derived from its criteria on the sub-group's sheet. */
export function sheetParts(
  input: CouncilSheets,
  sheets: readonly ScoreSheetDefinition[] = SCORE_SHEETS,
): Record<string, number>[] {
  const sheet = input.subGroup === undefined ? undefined : scoreSheet(input.subGroup, sheets);
  return input.sheets.map((member) =>
    sheet && member.criteria ? partsFromCriteria(sheet, member.criteria) : member.parts,
  );
}

/** Scores a council result; throws if `validateCouncilSheets` finds issues. */
export function scoreCouncil(ruleSet: RuleSet, input: CouncilSheets, options: CouncilOptions = {}): CouncilScore {
  const issues = validateCouncilSheets(ruleSet, input, options);
  if (issues.length > 0) {
    const listed = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new Error(`cannot score an invalid council result: ${listed}`);
  }

  const parts = sheetParts(input, options.sheets);
  const count = parts.length;
  const round = (microSum: number) => roundHalfUp(microSum, count, ruleSet.rounding.decimals);
  const partMeans: Record<string, number> = {};
  for (const part of ruleSet.scoreParts) {
    partMeans[part.id] = round(parts.reduce((sum, sheet) => sum + toMicro(sheet[part.id] ?? 0), 0));
  }
  const memberMicros = parts.map((sheet) =>
    ruleSet.scoreParts.reduce((sum, part) => sum + toMicro(sheet[part.id] ?? 0), 0),
  );
  const sheetsSum = memberMicros.reduce((sum, micro) => sum + micro, 0);
  // The mean and the total come from the exact micro sum, not from rounded part means.
  const withBonus = Math.min(sheetsSum + count * toMicro(input.bonus), count * MAX_TOTAL * MICRO);
  const mean = microToPoints(withBonus, count);
  return {
    mean,
    total: round(withBonus),
    partMeans,
    bonus: input.bonus,
    stars: starsForScore(ruleSet, mean),
    memberTotals: memberMicros.map((micro) => microToPoints(micro)),
    spread: microToPoints(Math.max(...memberMicros) - Math.min(...memberMicros)),
  };
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

export { councilVerdict, type CouncilVerdict } from './council';
