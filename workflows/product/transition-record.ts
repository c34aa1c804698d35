// How a transition is shown to operators (search attributes, current details)
// and what the persisted transition says of the product.
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { formatDateTimeVN } from '../../domain/dates';
import type * as P from '../../domain/product';
import { type Actor, isTerminal, type LevelId, type Stage } from '../../domain/schemas';
import * as SA from '../search-attributes';

/** What recording reads of the application. */
export interface Recorded {
  readonly workflowId: string;
  readonly input: P.ProductApplication;
  readonly state: P.ProductState;
  readonly dossierLevel: LevelId;
}

/** The persisted event of one transition. */
export function transitionEvent(
  app: Recorded,
  t: {
    seq: number;
    action: string;
    actor: Actor;
    stageFrom: Stage | null;
    at: string;
    stage: Stage;
    deadline: P.Deadline | null;
    payload: Record<string, unknown>;
  },
): Parameters<Activities['recordTransition']>[0] {
  const { input, state } = app;
  const { seq, action, actor, stageFrom, at, stage, deadline, payload } = t;
  return {
    workflowId: app.workflowId,
    seq,
    action,
    actor,
    stageFrom,
    occurredAt: at,
    payload,
    subject: seq === 1 ? input.subject : undefined,
    product: {
      productId: input.productId,
      cycleId: input.cycleId,
      province: input.province,
      year: input.year,
      name: input.product.name,
      productGroup: input.product.group,
      subjectId: input.subject.id,
      kind: input.kind,
      ruleSetId: input.ruleSetId,
      stage,
      level: state.level,
      stars: state.stars,
      score: state.scores.at(-1)?.total ?? null,
      nextDeadline: deadline?.dueAt ?? null,
      certificateNo: state.certificate?.number ?? null,
      unit: input.unit ?? null,
      previousProductId: input.previousProductId ?? null,
    },
  };
}

/**
 * The search attributes and current details operators see. `onlyChanged`
 * (patch LOCAL_RECORDING) upserts only what the transition changed: the start
 * set the product's fixed attributes, and every upsert is an event.
 */
export function showToOperators(app: Recorded, onlyChanged: boolean): void {
  const { input, state } = app;
  const moving: SearchAttributeUpdatePair[] = [
    // The stage's own name, so `OcopStage = "EVALUATION"` finds every product before a council.
    { key: SA.OcopStage, value: state.stage },
    { key: SA.OcopStars, value: state.stars },
    { key: SA.OcopNextDeadline, value: state.deadline ? new Date(state.deadline.dueAt) : null },
  ];
  if (!onlyChanged) {
    upsertSearchAttributes([
      { key: SA.OcopCycle, value: input.cycleId },
      { key: SA.OcopProvince, value: input.province },
      { key: SA.OcopYear, value: input.year },
      { key: SA.OcopProductGroup, value: input.product.group },
      { key: SA.OcopSubjectType, value: input.subject.type },
      ...moving,
    ]);
  } else {
    const changed = moving.filter((pair) => !holds(pair));
    if (changed.length) upsertSearchAttributes(changed);
  }
  setCurrentDetails(currentDetails(app));
}

/** Whether the workflow's search attribute already has the value (null: absent). */
function holds({ key, value }: SearchAttributeUpdatePair): boolean {
  const current = workflowInfo().typedSearchAttributes.get(key) ?? null;
  if (current instanceof Date && value instanceof Date) return current.getTime() === value.getTime();
  return current === value;
}

function currentDetails(app: Recorded): string {
  const { state } = app;
  const stars = state.stars ? ` · ${state.stars}★ (${state.certificate?.number ?? 'no certificate'})` : '';
  if (isTerminal(state.stage)) return `Closed: ${state.stage}${stars}`;
  const pending = state.pendingRecognition;
  if (pending && state.stage === 'AWAITING_DECISION') {
    return `Waiting for the recognition decision on ${pending.stars}★ (no deadline: the authority decides)${stars}`;
  }
  if (!state.deadline) return `${state.stage}${stars}`;
  return `Waiting for ${describeWait(app)} until ${formatDateTimeVN(state.deadline.dueAt)} (Asia/Ho_Chi_Minh)${stars}`;
}

export function describeWait(app: Recorded): string {
  const d = app.state.deadline;
  switch (d?.kind) {
    case 'dossier':
      return 'the subject to submit the dossier';
    case 'dossier-review':
      return `the ${app.dossierLevel} officer to review the dossier`;
    case 'supplement':
      return 'the subject to supplement the dossier';
    case 'evaluation':
      return `the ${d.level ?? ''} council's result`;
    case 'inspection':
      return 'the post-inspection team (hậu kiểm)';
    case 'corrective-action':
      return 'the re-check after corrective action';
    case 'certificate-expiry':
      return 'the certificate to expire';
    default:
      return 'an action';
  }
}
