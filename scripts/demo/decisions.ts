// The recognition decisions (quyết định công nhận) that follow each council:
// under Decision 148 a district's People's Committee recognises the 3 stars its
// council gave, the province's the 4 stars, and the ministry the 5 stars, which
// it numbers itself. The coordinator records each decision once, for every
// product it lists, through POST /v1/cycles/{id}/recognition-decisions.
import type { DecisionProductOutcome, RecognitionDecisionRequest } from '../../client/api-client';
import type { ActionAnswer } from '../../domain/product';
import type { LevelId } from '../../domain/schemas';
import type { Person } from './cast';

/** The ministry that decided 5 stars in 2023, before the ministries merged. */
const MINISTRY = 'Bộ Nông nghiệp và Phát triển nông thôn';

export interface AwaitingDecision {
  productId: string;
  district: string;
  state: ActionAnswer;
}

/** Who decides a rating the council of `level` gave. */
function authorityOf(level: LevelId, district: string): string {
  if (level === 'central') return MINISTRY;
  if (level === 'province') return 'UBND tỉnh Cao Bằng';
  return `UBND huyện ${district}`;
}

/** The products waiting for a decision: rated by their council, or given 4 stars meanwhile as 5-star candidates. */
export function awaiting(products: readonly AwaitingDecision[]): AwaitingDecision[] {
  return products.filter(
    (p) => p.state.pendingRecognition && ['AWAITING_DECISION', 'EVALUATION'].includes(p.state.stage),
  );
}

/**
 * One decision per authority, numbered from `firstNumber` on, decided a moment
 * ago (a decision in the future is refused, and the workflow's clock may trail
 * this one a little). A 5-star certificate carries the ministry's number.
 */
export function decisionsFor(
  products: readonly AwaitingDecision[],
  firstNumber: number,
  year: number,
): RecognitionDecisionRequest[] {
  const byAuthority = new Map<string, RecognitionDecisionRequest>();
  for (const { productId, district, state } of products) {
    const pending = state.pendingRecognition;
    if (!pending) continue;
    const authority = authorityOf(pending.level, district);
    const decision = byAuthority.get(authority) ?? {
      number: `${firstNumber + byAuthority.size}/QĐ-${pending.level === 'central' ? 'BNN-VPĐP' : 'UBND'}`,
      decidedOn: new Date(Date.now() - 500).toISOString(),
      authority,
      level: pending.level,
      products: [],
    };
    const serial = String(decision.products.length + 1).padStart(3, '0');
    decision.products.push(
      pending.stars === 5 ? { productId, certificateNumber: `${serial}/${year}/OCOP-BNN` } : { productId },
    );
    byAuthority.set(authority, decision);
  }
  return [...byAuthority.values()];
}

/**
 * Each authority decides on its own: the decisions go in at once, and the
 * answers come back in their order. A refused decision throws `refused`'s error.
 */
export function recordDecisions(
  person: Person,
  cycleId: string,
  decisions: readonly RecognitionDecisionRequest[],
  refused: (decision: RecognitionDecisionRequest, error: unknown) => Error,
): Promise<{ products: DecisionProductOutcome[] }[]> {
  return Promise.all(
    decisions.map(async (decision) => {
      try {
        return await person.api.recordDecision(cycleId, decision);
      } catch (error) {
        throw refused(decision, error);
      }
    }),
  );
}

export function outcomeText(outcome: DecisionProductOutcome): string {
  return outcome.status === 'accepted'
    ? `${outcome.stars}★, giấy chứng nhận số ${outcome.certificateNumber}`
    : `không được ghi nhận: ${outcome.problem.detail}`;
}
