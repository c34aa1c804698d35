// A re-evaluation or an upgrade re-rates a product certified by an earlier
// application (previousProductId), and what becomes of that certificate:
// - a certified re-evaluation or upgrade supersedes it at its decision;
// - an upgrade rated no higher than it leaves it alone, and ends NOT_RANKED
//   ('not-higher'): the subject keeps the better rating it holds;
// - a failed re-evaluation (not ranked, lapsed, rejected) ends it: the earlier
//   application hears of it and, after checking the read model, the issuing
//   authority is asked to revoke it (see post-inspection.ts).
import { defineSignal, getExternalWorkflowHandle, proxyActivities, TemporalFailure } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { PreviousCertificate } from '../../activities/persistence';
import { productWorkflowId } from '../../domain/ids';
import type { Stage } from '../../domain/schemas';
import type { Application } from './application';
import * as messages from './messages';

const { previousCertificate, reevaluationFailed } = proxyActivities<Activities>({
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
