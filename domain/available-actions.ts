// What the signed-in caller may do to a product now, for the buttons a page
// shows: an action its stage admits (ACTION_RULES), under the grant the API
// would use for it (authorize), as the workflow would judge it (checkAction).
// Asking the same three questions the API and the workflow ask keeps a page
// from offering what would be refused.
import { actorFor, authorize, type Grant, type Principal, type ProductPlace } from './access';
import type { Deadline } from './product';
import type { RuleSetId } from './rules';
import type { LevelId, Stage } from './schemas';
import { ACTION_RULES, type ActionContext, type ActionName, allowedStages, checkAction } from './stages';
import { dossierLevelOf } from './tasks';

const ACTIONS = Object.keys(ACTION_RULES) as ActionName[];

/**
 * Past its deadline a post-inspection is escalated and still awaited
 * (workflows/product/workflow.ts); any other stage's application is overdue:
 * only a coordinator's extension, or a withdrawal, is taken until it lapses.
 */
const AWAITED_PAST_DEADLINE: readonly Stage[] = ['POST_INSPECTION'];

export interface ProductNow {
  province: string;
  /** Where it is, from the read model, as authorize sees it. */
  place: ProductPlace;
  ruleSetId: RuleSetId;
  /** Its stage, level and deadline from the workflow's state. */
  stage: Stage;
  level: LevelId | null;
  deadline: Deadline | null;
  /** A council's rating waits for its recognition decision (the workflow state's pendingRecognition). */
  pendingRecognition?: boolean;
}

export function isOverdue(product: Pick<ProductNow, 'stage' | 'deadline'>, now: Date): boolean {
  const { deadline, stage } = product;
  return deadline !== null && Date.parse(deadline.dueAt) <= now.getTime() && !AWAITED_PAST_DEADLINE.includes(stage);
}

export function availableActions(
  grants: readonly Grant[],
  principal: Principal,
  product: ProductNow,
  now: Date,
): ActionName[] {
  const dossierLevel = dossierLevelOf(product.ruleSetId);
  if (!dossierLevel) return [];
  const context: ActionContext = {
    stage: product.stage,
    dossierLevel,
    level: product.level,
    ownerId: product.place.subjectId,
    deadline: product.deadline,
    overdue: isOverdue(product, now),
    pendingRecognition: product.pendingRecognition ?? false,
  };
  const target = { province: product.province, product: product.place };
  return ACTIONS.filter((action) => {
    if (!allowedStages(action, context).includes(product.stage)) return false;
    const decision = authorize(grants, action, target, now);
    if (!decision.allowed || decision.grant.role === 'province_admin') return false;
    return checkAction(action, actorFor(principal, decision.grant), context) === null;
  });
}
