// Score sheets (phiếu đánh giá) by sub-group (bộ sản phẩm) as data: parts, their
// criteria, each criterion's maximum and the star it is mandatory for. A sheet is
// shipped only when its criteria can be read in a published text, with the text in
// `source`; none could (see the README), so members score part totals and every
// sub-group is listed in SUB_GROUPS_WITHOUT_SHEET. The checks below are ready for
// the first sheet that is sourced.
import type { MandatoryFailure, MandatoryStars } from './rules';
import type { ProductGroup } from './schemas';
import type { Issue } from './scoring';
import { toMicro, microToPoints } from './score-sheets/points';
import { SUB_GROUPS_148, type SubGroup } from './score-sheets/sub-groups';

export interface SheetCriterion {
  id: string;
  title: string;
  max: number;
  /** The lowest star the criterion is mandatory for (marked (*) on the sheet). */
  mandatoryFor?: MandatoryStars;
}

export interface ScoreSheetDefinition {
  /** The sub-group's id, e.g. 'food.processed-grain'. */
  id: string;
  group: ProductGroup;
  /** Vietnamese name of the bộ sản phẩm. */
  title: string;
  /** Where the criteria come from: decision, appendix and URL. */
  source: string;
  parts: { id: 'A' | 'B' | 'C'; criteria: SheetCriterion[] }[];
}

export const SCORE_SHEETS: readonly ScoreSheetDefinition[] = [];

export function scoreSheet(id: string, sheets: readonly ScoreSheetDefinition[] = SCORE_SHEETS) {
  return sheets.find((sheet) => sheet.id === id);
}

export const SUB_GROUPS: readonly SubGroup[] = SUB_GROUPS_148;
export const SUB_GROUPS_WITHOUT_SHEET: readonly SubGroup[] = SUB_GROUPS.filter((g) => !scoreSheet(g.id));
export type { SubGroup };

export function isSubGroup(id: string): boolean {
  return SUB_GROUPS.some((g) => g.id === id) || scoreSheet(id) !== undefined;
}

function criteriaOf(sheet: ScoreSheetDefinition) {
  return sheet.parts.flatMap((part) => part.criteria.map((criterion) => ({ part: part.id, ...criterion })));
}

/** One member's criterion scores against the sheet: every criterion, known ids only, 0..max. */
export function checkCriteria(sheet: ScoreSheetDefinition, criteria: Record<string, number>, at: string): Issue[] {
  const issues: Issue[] = [];
  for (const criterion of criteriaOf(sheet)) {
    const path = `${at}.criteria.${criterion.id}`;
    const rule = `criterion ${criterion.id} of sheet ${sheet.id}`;
    const points = criteria[criterion.id];
    if (points === undefined) issues.push({ path, message: `is missing (${rule})` });
    else if (!Number.isFinite(points)) issues.push({ path, message: `must be a finite number (${rule})` });
    else if (points < 0) issues.push({ path, message: `must not be negative (${rule})` });
    else if (points > criterion.max) issues.push({ path, message: `must be at most ${criterion.max} (${rule})` });
  }
  const known = new Set(criteriaOf(sheet).map((c) => c.id));
  for (const id of Object.keys(criteria)) {
    if (!known.has(id)) {
      issues.push({ path: `${at}.criteria.${id}`, message: `is not a criterion of sheet ${sheet.id}` });
    }
  }
  return issues;
}

/** Part totals as the sum of their criteria, exact to 10⁻⁶ points. */
export function partsFromCriteria(sheet: ScoreSheetDefinition, criteria: Record<string, number>) {
  const parts: Record<string, number> = {};
  for (const part of sheet.parts) {
    const micro = part.criteria.reduce((sum, c) => sum + toMicro(criteria[c.id] ?? 0), 0);
    parts[part.id] = microToPoints(micro);
  }
  return parts;
}

/** Failed mandatory criteria must be the sheet's own, with the star the sheet marks them for. */
export function checkMandatoryFailures(
  sheet: ScoreSheetDefinition,
  failures: readonly MandatoryFailure[],
  path = 'mandatoryFailed',
): Issue[] {
  return failures.flatMap((failure, index): Issue[] => {
    const at = `${path}[${index}]`;
    const criterion = criteriaOf(sheet).find((c) => c.id === failure.criterion);
    if (!criterion?.mandatoryFor) {
      const message = `"${failure.criterion}" is not a mandatory criterion of sheet ${sheet.id}`;
      return [{ path: `${at}.criterion`, message }];
    }
    if (criterion.mandatoryFor !== failure.forStars) {
      const message = `must be ${criterion.mandatoryFor}: sheet ${sheet.id} marks ${criterion.id} mandatory for ${criterion.mandatoryFor} stars`;
      return [{ path: `${at}.forStars`, message }];
    }
    return [];
  });
}
