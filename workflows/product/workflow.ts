// One product's path through one OCOP cycle and, once certified, its months of
// post-inspection (hậu kiểm) until the certificate expires. People act through
// Updates (see messages.ts); this file is the story they move along.
import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import { dossierReviewDeadline, evaluationDeadline } from '../../domain/deadlines';
import { type ActionAnswer, actionAnswer, ProductApplicationInput } from '../../domain/product';
import type { Stars } from '../../domain/rules';
import type { Actor, LevelId } from '../../domain/schemas';
import { BORN_WITH_V2, Patches } from '../patches';
import { type AcceptedAction, Application, type RunHandover, SYSTEM } from './application';
import { inspectUntilExpiry } from './post-inspection';
import { certificateNotBettered } from './previous';
import { rateLevel } from './rating';
import { awaitRecognition, certifyAtCouncil } from './recognition';

export interface ProductRun {
  input: ProductApplicationInput;
  /** What the run before handed over, when the application continued as new in post-inspection. (The field's name is in running histories.) */
  carried?: RunHandover;
}

/**
 * The product application as it runs now. It began after the patches in
 * BORN_WITH_V2 (../patches.ts), so it takes their paths without asking, and its
 * history carries no marker for them; it asks for those added since.
 */
export async function productApplicationV2(run: ProductRun): Promise<ActionAnswer> {
  return applicationStory(run, new Patches(BORN_WITH_V2));
}

/** The type the applications started before productApplicationV2 run under, kept for them: each patch asked. */
export async function productApplication(run: ProductRun): Promise<ActionAnswer> {
  return applicationStory(run, new Patches());
}

async function applicationStory(run: ProductRun, patches: Patches): Promise<ActionAnswer> {
  const app = new Application(ProductApplicationInput.parse(run.input), run.carried, patches);
  app.listen();

  if (!run.carried) {
    await app.move('REGISTERED', app.input.registeredBy, {
      deadline: { kind: 'dossier', dueAt: app.input.deadlines.dossier },
    });
    const certified = (await reviewDossier(app)) && (await evaluate(app));
    // A terminal stage refuses new actions, but an extension may still be writing its transition.
    await condition(allHandlersFinished);
    if (!certified) return actionAnswer(app.state);
    // A fresh history for the long quiet years: post-inspection starts as a new run.
    // The same workflow type continues: an application keeps the one it started under.
    return continueAsNew<typeof productApplication>({ input: run.input, carried: app.handover() });
  }
  await inspectUntilExpiry(app, run.input);
  await condition(allHandlersFinished);
  return actionAnswer(app.state);
}

/** The subject submits its dossier (hồ sơ); the receiving level's officers check it and may ask for more. */
async function reviewDossier(app: Application): Promise<boolean> {
  const submitted = await app.expect('submitDossier');
  if (!submitted) return false;
  await app.move('DOSSIER_REVIEW', submitted, { deadline: dossierReviewDeadline(app.input.durations, new Date()) });

  for (;;) {
    const review = await app.expect('reviewDossier');
    if (!review) return false;
    const { decision } = review.payload;
    if (decision.outcome === 'reject') {
      await app.close('REJECTED', review, review.payload);
      return false;
    }
    if (decision.outcome === 'accept') {
      const first = app.ruleSet.levels[0];
      if (!first) throw new Error(`rule set ${app.ruleSet.id} has no levels`);
      await app.move('EVALUATION', review, {
        level: first.id,
        deadline: evaluationDeadline(app.input, first.id, new Date()),
      });
      return true;
    }
    app.state.supplementRounds += 1;
    await app.move('AWAITING_SUPPLEMENT', review, { deadline: { kind: 'supplement', dueAt: decision.dueAt } });
    const supplement = await app.expect('submitSupplement');
    if (!supplement) return false;
    await app.move('DOSSIER_REVIEW', supplement, {
      deadline: dossierReviewDeadline(app.input.durations, new Date()),
    });
  }
}

/** Councils (hội đồng) score the product level by level, up the rule set's chain, until one certifies or it ends. */
async function evaluate(app: Application): Promise<boolean> {
  for (let index = 0; ;) {
    // With a rating held, the story decides what a passed deadline means (see candidacyKeepsRating).
    const held = app.state.certificate !== null || meanwhilePending(app) !== null;
    const result = await app.expect('recordCouncilResult', { onDeadline: held ? 'give-up' : 'lapse' });
    if (!result) {
      if (app.closed) return false;
      const reason = 'the council did not decide by its deadline';
      if (app.candidacyKeepsRating()) return keepRating(app, SYSTEM, { reason });
      const pending = meanwhilePending(app);
      if (pending) return awaitRecognition(app, pending, SYSTEM, { reason });
      await app.lapse();
      return false;
    }
    const outcome = await rateLevel(app, index, result);

    if (outcome.type === 'second-round') {
      // The council scores again at the same level, under the same deadline.
      const { spread, maxSpread } = outcome;
      await app.move('EVALUATION', result, {
        deadline: app.state.deadline,
        payload: { outcome: 'second-round', spread, maxSpread },
      });
      continue;
    }
    if (outcome.type === 'not-ranked') {
      if (app.candidacyKeepsRating()) return keepRating(app, result, { reason: outcome.reason });
      const pending = meanwhilePending(app);
      if (pending) return awaitRecognition(app, pending, result, { reason: outcome.reason });
      return closeNotRanked(app, result, { reason: outcome.reason });
    }
    if (outcome.type === 'certify') return certify(app, outcome, result);
    if (outcome.certifyMeanwhile) await rateMeanwhile(app, outcome.certifyMeanwhile);
    index = app.ruleSet.levels.findIndex((l) => l.id === outcome.to);
    await app.move('EVALUATION', result, {
      level: outcome.to,
      deadline: evaluationDeadline(app.input, outcome.to, new Date()),
      payload: outcome.localFindings?.length ? { localFindings: outcome.localFindings } : {},
    });
  }
}

/** The council's certify outcome: before the rules as written it issued the certificate; now a decision does. */
async function certify(
  app: Application,
  rating: { stars: Stars; level: LevelId },
  result: AcceptedAction<'recordCouncilResult'>,
) {
  if (!app.asWritten) {
    await certifyAtCouncil(app, rating.stars, rating.level);
    await app.move('CERTIFIED', result);
    await app.supersedePrevious(rating.stars);
    return true;
  }
  const bettered = await certificateNotBettered(app, rating.stars);
  if (bettered) {
    return closeNotRanked(app, result, {
      reason: 'not-higher',
      stars: rating.stars,
      previous: { certificate: bettered.number, stars: bettered.stars },
    });
  }
  // The province's 4 stars, decided meanwhile, stand when the central council keeps them.
  if (app.state.certificate?.stars === rating.stars) return keepRating(app, result, { reason: 'kept' });
  return awaitRecognition(app, rating, result);
}

/** A potential 5-star product's provincial rating while the central council decides (potentialFiveStarMeanwhile). */
async function rateMeanwhile(app: Application, rating: { stars: Stars; level: LevelId }): Promise<void> {
  if (!app.asWritten) return certifyAtCouncil(app, rating.stars, rating.level);
  // An upgrade whose provincial rating is no better than its certificate has nothing to decide meanwhile.
  if (await certificateNotBettered(app, rating.stars)) return;
  app.state.pendingRecognition = { ...rating };
}

/** The rating decided meanwhile is still to be decided (no certificate yet), or null. */
function meanwhilePending(app: Application) {
  return app.asWritten && !app.state.certificate ? (app.state.pendingRecognition ?? null) : null;
}

async function closeNotRanked(
  app: Application,
  result: AcceptedAction<'recordCouncilResult'>,
  why: Record<string, unknown>,
) {
  await app.close('NOT_RANKED', result, { ...result.payload, ...why });
  return false;
}

/** The candidacy ended without a higher rating: the one the province gave stands, and post-inspection follows. */
async function keepRating(app: Application, by: AcceptedAction | Actor, payload: Record<string, unknown>) {
  await app.move('CERTIFIED', by, { payload: { ...payload, kept: app.state.certificate?.number } });
  await app.supersedePrevious(app.state.stars ?? 0);
  return true;
}
