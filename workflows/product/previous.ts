// A re-evaluation or an upgrade re-rates a product certified by an earlier
// application (previousProductId), and what becomes of that certificate:
// - a certified re-evaluation or upgrade supersedes it at its decision;
// - an upgrade rated no higher than it leaves it alone, and ends NOT_RANKED
//   ('not-higher'): the subject keeps the better rating it holds;
// - a failed re-evaluation (not ranked, lapsed, rejected) ends it: the earlier
//   application hears of it and, after checking the read model, the issuing
//   authority is asked to revoke it (see post-inspection.ts).
// Either signal can come from anyone allowed to signal the namespace, so the
// earlier application believes it only once the read model confirms it.
import { defineSignal, getExternalWorkflowHandle, proxyActivities, TemporalFailure } from '@temporalio/workflow';
import { z } from 'zod';
import type { Activities } from '../../activities';
import type { PreviousCertificate } from '../../activities/persistence';
import { ProductId, productWorkflowId } from '../../domain/ids';
import type { Stage } from '../../domain/schemas';
import { VERIFIED_SUPERSESSION } from '../patches';
import type { Application } from './application';
import * as messages from './messages';

const { previousCertificate, reevaluationFailed, confirmedSupersession } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** The stages a re-evaluation ends in without a new certificate, which end the previous one too. */
const FAILED: readonly Stage[] = ['NOT_RANKED', 'LAPSED', 'REJECTED'];

export type FailedStage = 'NOT_RANKED' | 'LAPSED' | 'REJECTED';

export interface ReevaluationFailed {
  byProductId: string;
  stage: Stage;
}

/** A re-evaluation of this product ended without a certificate (checked before it is believed). */
export const reevaluationFailedSignal = defineSignal<[ReevaluationFailed]>('reevaluationFailed');

/** The certificate an upgrade would not better, or null when its rating is higher (or it is no upgrade). */
export async function certificateNotBettered(app: Application, stars: number): Promise<PreviousCertificate | null> {
  const previous = app.input.previousProductId;
  if (!app.asWritten || app.input.kind !== 'upgrade' || !previous) return null;
  app.previousHeld ??= await previousCertificate.executeWithOptions(
    { summary: `previous certificate of ${previous}` },
    [{ productId: previous }],
  );
  return app.previousHeld && stars <= app.previousHeld.stars ? app.previousHeld : null;
}

/** Tells the application this one re-rates that its certificate gives way. */
export async function supersedePrevious(app: Application, stars: number): Promise<void> {
  const previous = app.input.previousProductId;
  if (!previous) return;
  await signalPrevious(() =>
    getExternalWorkflowHandle(productWorkflowId(previous)).signal(messages.supersededSignal, {
      byProductId: app.input.productId,
      stars,
    }),
  );
}

/** What a superseded signal must carry before the read model is asked about it (anyone may send anything). */
const SupersededFact = z.object({ byProductId: ProductId });

/**
 * The earlier application's side of a supersession. Histories recorded before
 * VERIFIED_SUPERSESSION took the signal at its word; now the read model must
 * show the sender as a later application of this product, by the same subject,
 * holding a newer active certificate, whose stars are the ones recorded.
 */
export async function verifySupersession(
  app: Application,
  fact: { byProductId: string; stars: number },
): Promise<void> {
  if (!app.patches.has(VERIFIED_SUPERSESSION)) {
    app.supersededBy = fact;
    return;
  }
  const parsed = SupersededFact.safeParse(fact);
  if (!parsed.success || app.closed || app.supersededBy) return;
  const { byProductId } = parsed.data;
  const stars = await confirmedSupersession.executeWithOptions(
    { summary: `check the supersession by ${byProductId}` },
    [{ productId: app.input.productId, byProductId }],
  );
  if (stars !== null && !app.closed && !app.supersededBy) app.supersededBy = { byProductId, stars };
}

/** A re-evaluation that ended without a certificate tells the application it re-rated. */
export async function reportFailedReevaluation(app: Application, stage: Stage): Promise<void> {
  const previous = app.input.previousProductId;
  if (!app.asWritten || app.input.kind !== 're-evaluation' || !previous || !isFailed(stage)) return;
  await signalPrevious(() =>
    getExternalWorkflowHandle(productWorkflowId(previous)).signal(reevaluationFailedSignal, {
      byProductId: app.input.productId,
      stage,
    }),
  );
}

/**
 * The earlier application's side: a signal alone does not end a certificate.
 * The read model must show the sender as a re-evaluation of this product that
 * ended in a failed stage.
 */
export async function verifyFailedReevaluation(app: Application, fact: ReevaluationFailed): Promise<void> {
  if (app.closed || app.reevaluationFailedBy || !isFailed(fact.stage)) return;
  const confirmed = await reevaluationFailed.executeWithOptions(
    { summary: `check the failed re-evaluation ${fact.byProductId}` },
    [{ productId: app.input.productId, byProductId: fact.byProductId }],
  );
  if (confirmed && !app.closed) app.reevaluationFailedBy = { byProductId: fact.byProductId, stage: fact.stage };
}

function isFailed(stage: Stage): stage is FailedStage {
  return FAILED.includes(stage);
}

async function signalPrevious(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    // The earlier application may already have ended (expired, revoked): nothing left to tell.
    if (!(error instanceof TemporalFailure)) throw error;
  }
}
