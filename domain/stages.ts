// Who may do what, and when. Workflow validators and the client ask the same
// question of the same table, so the CLI can explain a refusal before it is sent.
import type { Actor, Deadline, LevelId, Role, Stage } from './schemas';

export type ActionName =
  | 'submitDossier'
  | 'reviewDossier'
  | 'submitSupplement'
  | 'recordCouncilResult'
  | 'recordInspection'
  | 'withdraw'
  | 'extendDeadline'
  | 'recordRecognitionDecision'
  | 'recordRevocationDecision';

interface ActionRule {
  stages: readonly Stage[];
  /**
   * Stages where the action is allowed only while a rating waits for its
   * recognition decision: a potential 5-star product the province rated 4
   * stars meanwhile is decided on while the central council has yet to sit.
   */
  whilePending?: readonly Stage[];
  roles: readonly Role[];
  /** Officers and council secretaries act only at their own level. */
  atLevel: 'dossier' | 'evaluation' | null;
}

const BEFORE_CERTIFICATION: readonly Stage[] = ['REGISTERED', 'DOSSIER_REVIEW', 'AWAITING_SUPPLEMENT', 'EVALUATION'];

export const ACTION_RULES: Record<ActionName, ActionRule> = {
  submitDossier: { stages: ['REGISTERED'], roles: ['producer', 'coordinator'], atLevel: null },
  reviewDossier: {
    stages: ['DOSSIER_REVIEW'],
    roles: ['officer', 'coordinator'],
    atLevel: 'dossier',
  },
  submitSupplement: {
    stages: ['AWAITING_SUPPLEMENT'],
    roles: ['producer', 'coordinator'],
    atLevel: null,
  },
  recordCouncilResult: {
    stages: ['EVALUATION'],
    roles: ['council_secretary', 'coordinator'],
    atLevel: 'evaluation',
  },
  recordInspection: {
    stages: ['POST_INSPECTION'],
    roles: ['inspector', 'coordinator'],
    atLevel: null,
  },
  withdraw: { stages: BEFORE_CERTIFICATION, roles: ['producer', 'coordinator'], atLevel: null },
  extendDeadline: {
    stages: [...BEFORE_CERTIFICATION, 'POST_INSPECTION'],
    roles: ['coordinator'],
    atLevel: null,
  },
  // The province's office records the authority's decision; a 5-star one carries the ministry's certificate number.
  recordRecognitionDecision: {
    stages: ['AWAITING_DECISION'],
    whilePending: ['EVALUATION'],
    roles: ['coordinator'],
    atLevel: null,
  },
  recordRevocationDecision: { stages: ['REVOCATION_PROPOSED'], roles: ['coordinator'], atLevel: null },
};

export type RefusalType = 'ValidationError' | 'WrongStage' | 'Forbidden' | 'DeadlinePassed';

export interface Refusal {
  type: RefusalType;
  message: string;
}

export interface ActionContext {
  stage: Stage;
  /** The level whose officers review the dossier. */
  dossierLevel: LevelId;
  /** The level being evaluated, while in EVALUATION. */
  level: LevelId | null;
  /** The subject's id: a producer acts only on its own products. */
  ownerId: string;
  deadline: Deadline | null;
  /** The deadline passed and only a coordinator's extension can save the application. */
  overdue: boolean;
  /** A council's rating waits for its recognition decision (see ActionRule.whilePending). */
  pendingRecognition?: boolean;
}

/** The stages an action is allowed in now: its own, and while a rating is pending, those it is allowed in then. */
export function allowedStages(action: ActionName, ctx: Pick<ActionContext, 'pendingRecognition'>): readonly Stage[] {
  const rule = ACTION_RULES[action];
  return ctx.pendingRecognition && rule.whilePending ? [...rule.stages, ...rule.whilePending] : rule.stages;
}

/** The stage, role and deadline checks of an action, in that order; null when it is allowed. */
export function checkAction(action: ActionName, actor: Actor, ctx: ActionContext): Refusal | null {
  const rule = ACTION_RULES[action];
  const stages = allowedStages(action, ctx);
  if (!stages.includes(ctx.stage)) {
    const pending = rule.whilePending
      ? ` (and ${rule.whilePending.join(', ')} while a rating awaits its decision)`
      : '';
    return {
      type: 'WrongStage',
      message: `stage: ${action} is not allowed in stage ${ctx.stage}; it is allowed in ${rule.stages.join(', ')}${pending}`,
    };
  }
  if (!rule.roles.includes(actor.role)) {
    return {
      type: 'Forbidden',
      message: `actor.role: ${actor.role} may not ${action}; allowed roles are ${rule.roles.join(', ')}`,
    };
  }
  if (actor.role === 'producer' && actor.id !== ctx.ownerId) {
    return {
      type: 'Forbidden',
      message: `actor.id: producer ${actor.id} does not own this product`,
    };
  }
  const level = rule.atLevel === 'dossier' ? ctx.dossierLevel : rule.atLevel === 'evaluation' ? ctx.level : null;
  if (level && actor.role !== 'coordinator' && actor.level !== level) {
    return {
      type: 'Forbidden',
      message: `actor.level: ${action} in this stage needs a ${level} ${actor.role}, not one of level ${actor.level ?? 'none'}`,
    };
  }
  if (ctx.overdue && action !== 'extendDeadline' && action !== 'withdraw') {
    return {
      type: 'DeadlinePassed',
      message: `deadline: the ${ctx.deadline?.kind ?? ''} deadline ${ctx.deadline?.dueAt ?? ''} has passed; only a coordinator's extendDeadline can reopen it`,
    };
  }
  if (action === 'extendDeadline' && !ctx.deadline) {
    return {
      type: 'WrongStage',
      message: `deadline: stage ${ctx.stage} has no open deadline to extend`,
    };
  }
  return null;
}
