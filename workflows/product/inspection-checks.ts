// The checks of post-inspection's actions beyond their schema, stage and role:
// what a team may conclude, and when the authority's decision may be dated.
// Like every validator check they throw before anything is written.
import { inspectionProblems, revocationDecisionProblems, revocationProposedAt } from '../../domain/post-inspection';
import { type Checked, refuse } from './action-checks';
import type { Payload } from './application';

export function checkInspection(app: Checked, payload: Payload<'recordInspection'>): void {
  const problems = inspectionProblems(payload, { now: Date.now(), certificate: app.state.certificate });
  if (problems.length) throw refuse('ValidationError', `recordInspection: ${problems.join('; ')}`);
}

export function checkRevocationDecision(app: Checked, payload: Payload<'recordRevocationDecision'>): void {
  const proposedAt = revocationProposedAt(app.state);
  const problems = revocationDecisionProblems(payload, { now: Date.now(), proposedAt });
  if (problems.length) throw refuse('ValidationError', `recordRevocationDecision: ${problems.join('; ')}`);
}
