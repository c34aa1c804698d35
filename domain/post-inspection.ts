// What a post-inspection (hậu kiểm) team may conclude, and when the issuing
// authority's revocation decision (quyết định thu hồi) may be dated. The team
// checks and proposes; ratings and certificates are the authority's to change.
import type { RecordInspection } from './product';
import type { RecordRevocationDecision } from './recognition';

type Outcome = RecordInspection['result']['outcome'];

/** What an inspection team may record today. 'downgrade' and 'revoke' remain in histories recorded before. */
export const INSPECTION_OUTCOMES = [
  'pass',
  'corrective-action',
  're-evaluation',
  'revocation-proposed',
] as const satisfies readonly Outcome[];

/** The outcomes a team no longer records: a rating or a certificate changes by the authority's decision. */
const AUTHORITY_ONLY: readonly Outcome[] = ['downgrade', 'revoke'];

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

/** The Vietnam calendar day of an instant, as a day number: decisions are dated by the day. */
function vietnamDay(instant: string | number): number {
  return Math.floor((new Date(instant).getTime() + VN_OFFSET_MS) / DAY_MS);
}

const isoDay = (instant: string) => new Date(vietnamDay(instant) * DAY_MS).toISOString().slice(0, 10);

export interface InspectionContext {
  /** The workflow's clock, in ms. */
  now: number;
  /** The certificate under inspection: its decision date and its expiry. */
  certificate: { decidedOn: string; validUntil: string } | null;
}

/** Why an inspection result cannot be recorded, each naming its field; empty when it can. */
export function inspectionProblems(
  payload: Pick<RecordInspection, 'result' | 'inspectedAt'>,
  context: InspectionContext,
): string[] {
  const { result, inspectedAt } = payload;
  const { now, certificate } = context;
  const problems: string[] = [];
  if (AUTHORITY_ONLY.includes(result.outcome)) {
    problems.push(
      'result.outcome: inspectors do not change a rating or revoke on their own authority; ' +
        "propose revocation ('revocation-proposed') or refer to re-evaluation ('re-evaluation')",
    );
  }
  if (Date.parse(inspectedAt) > now) problems.push('inspectedAt: must not be in the future');
  if (certificate && vietnamDay(inspectedAt) < vietnamDay(certificate.decidedOn)) {
    problems.push(`inspectedAt: must not be before the certificate was decided (${isoDay(certificate.decidedOn)})`);
  }
  if (result.outcome === 'corrective-action') {
    if (Date.parse(result.dueAt) <= now) {
      problems.push(`result.dueAt: must be after now (${new Date(now).toISOString()})`);
    }
    // Post-inspection waits end when the certificate does; a later date would never be waited for.
    if (certificate && Date.parse(result.dueAt) > Date.parse(certificate.validUntil)) {
      problems.push(`result.dueAt: must not be after the certificate expires (${certificate.validUntil})`);
    }
  }
  return problems;
}

export interface RevocationContext {
  now: number;
  /** When the team proposed the revocation: the inspection that did. */
  proposedAt: string | null;
}

/** Why a revocation decision cannot be recorded, each naming its field; empty when it can. */
export function revocationDecisionProblems(
  payload: Pick<RecordRevocationDecision, 'outcome' | 'decision' | 'ground' | 'note'>,
  context: RevocationContext,
): string[] {
  const { decidedOn } = payload.decision;
  const problems: string[] = [];
  if (Date.parse(decidedOn) > context.now) problems.push('decision.decidedOn: must not be in the future');
  if (context.proposedAt && vietnamDay(decidedOn) < vietnamDay(context.proposedAt)) {
    problems.push(
      `decision.decidedOn: must not be before the revocation was proposed (${isoDay(context.proposedAt)}, Vietnam time)`,
    );
  }
  // A revocation stands on a ground the subject can read; 'other' says nothing by itself.
  if (payload.outcome === 'revoke' && payload.ground === 'other' && !payload.note) {
    problems.push("note: must state the ground when the ground is 'other'");
  }
  return problems;
}

/**
 * When the revocation awaiting a decision was proposed: the team's inspection
 * that proposed it, or else the moment the application entered the stage.
 * Null when none is awaited.
 */
export function revocationProposedAt(state: {
  stage: string;
  history: readonly { action: string; stageTo: string; at: string }[];
  inspections: readonly { outcome: Outcome; inspectedAt: string }[];
}): string | null {
  const entered = state.stage === 'REVOCATION_PROPOSED' ? state.history.at(-1) : undefined;
  if (!entered || entered.stageTo !== 'REVOCATION_PROPOSED') return null;
  const inspection = state.inspections.at(-1);
  if (entered.action === 'recordInspection' && inspection?.outcome === 'revocation-proposed') {
    return inspection.inspectedAt;
  }
  return entered.at;
}
