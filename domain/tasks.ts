// What waits for whom: a product in a stage waits for the action that stage
// takes (ACTION_RULES), and a grant says who may take it and where. From the
// caller's grants this derives one filter per (grant, stage); the database
// layer runs them over the read model.
import { type Grant, isActive, mayDo } from './access';
import { addDuration } from './duration';
import { RULE_SETS, type RuleSetId } from './rules';
import type { LevelId, Stage } from './schemas';
import { ACTION_RULES, type ActionName } from './stages';

/** One kind of waiting product: its stage and place, and the action it waits for. */
export interface TaskFilter {
  province: string;
  stage: Stage;
  action: ActionName;
  unit?: string;
  subjectId?: string;
  /** The dossier waits for the officers of its rule set's dossier level. */
  ruleSets?: RuleSetId[];
  /** A council's result waits for the secretary of the level being evaluated. */
  level?: LevelId;
  /** Only products with a deadline before this instant (a coordinator's and an inspector's horizon). */
  dueBefore?: string;
  /** Only products not past their deadline at this instant, or without one: past it, only a coordinator acts. */
  dueAfter?: string;
  /** Only products that have a deadline at all. */
  hasDeadline?: boolean;
}

/** Withdrawing and extending are open in many stages, but nothing waits for them. */
const AWAITED: readonly ActionName[] = [
  'submitDossier',
  'reviewDossier',
  'submitSupplement',
  'recordCouncilResult',
  'recordInspection',
];

/**
 * What only the province's office records, the authority's decisions: waiting
 * for one is always a coordinator's task, whatever its deadline, for a council's
 * rating or an inspection's proposal stands until the decision is recorded.
 */
const DECIDED: readonly { stage: Stage; action: ActionName }[] = [
  { stage: 'AWAITING_DECISION', action: 'recordRecognitionDecision' },
  { stage: 'REVOCATION_PROPOSED', action: 'recordRevocationDecision' },
];

/** A coordinator is told what is overdue or falls due within a week. */
export const COORDINATOR_HORIZON = 'P7D';
/** Post-inspections fall due months apart; one is a task in the month before. */
export const INSPECTION_HORIZON = 'P30D';

/** The level whose officers review a rule set's dossiers (the workflow's own rule). */
export function dossierLevelOf(ruleSetId: RuleSetId): LevelId | undefined {
  const { levels } = RULE_SETS[ruleSetId];
  return (levels.find((l) => l.reviewsDossier) ?? levels[0])?.id;
}

/** The rule sets whose dossiers the officers of `level` review. */
export function ruleSetsReviewedAt(level: LevelId): RuleSetId[] {
  return Object.values(RULE_SETS)
    .filter((r) => dossierLevelOf(r.id) === level)
    .map((r) => r.id);
}

function filtersOfGrant(grant: Grant, now: Date): TaskFilter[] {
  const { province, unit, level, subjectId } = grant.scope;
  const nowIso = now.toISOString();
  if (grant.role === 'coordinator') {
    const dueBefore = addDuration(now, COORDINATOR_HORIZON).toISOString();
    const waiting = AWAITED.flatMap((action) =>
      ACTION_RULES[action].stages.map((stage): TaskFilter => ({
        province,
        stage,
        action,
        dueBefore,
        dueAfter: nowIso,
      })),
    );
    const overdue = ACTION_RULES.extendDeadline.stages.map((stage): TaskFilter => ({
      province,
      stage,
      action: 'extendDeadline',
      dueBefore: nowIso,
    }));
    const decisions = DECIDED.map(({ stage, action }): TaskFilter => ({ province, stage, action }));
    return [...overdue, ...decisions, ...waiting];
  }
  return AWAITED.filter((action) => mayDo(grant.role, action)).flatMap((action) => {
    const rule = ACTION_RULES[action];
    const place: Partial<TaskFilter> = {
      ...(unit !== undefined ? { unit } : {}),
      ...(grant.role === 'subject' && subjectId !== undefined ? { subjectId } : {}),
      ...(rule.atLevel === 'dossier' && level ? { ruleSets: ruleSetsReviewedAt(level) } : {}),
      ...(rule.atLevel === 'evaluation' && level ? { level } : {}),
      ...(action === 'recordInspection'
        ? { hasDeadline: true, dueBefore: addDuration(now, INSPECTION_HORIZON).toISOString() }
        : {}),
    };
    return rule.stages.map((stage): TaskFilter => ({ province, stage, action, dueAfter: nowIso, ...place }));
  });
}

/**
 * The filters of every grant valid now, the narrowest first: a product two
 * grants reach is listed once, with the action of the first.
 */
export function taskFilters(grants: readonly Grant[], now: Date): TaskFilter[] {
  const order: Grant['role'][] = ['subject', 'dossier_officer', 'council_secretary', 'inspector', 'coordinator'];
  return grants
    .filter((g) => isActive(g, now) && order.includes(g.role))
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))
    .flatMap((g) => filtersOfGrant(g, now));
}
