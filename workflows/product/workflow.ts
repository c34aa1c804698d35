// One product's path through one OCOP cycle and, once certified, its months of
// post-inspection (hậu kiểm) until the certificate expires. People act through
// Updates (see messages.ts); this file is the story they move along.
import { allHandlersFinished, condition, continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { certificateTerms, dossierReviewDeadline, evaluationDeadline } from '../../domain/deadlines';
import { addDuration } from '../../domain/duration';
import { ProductApplicationInput, type ProductState } from '../../domain/product';
import { decideLevelOutcome, type Stars } from '../../domain/rules';
import { scoreCouncil } from '../../domain/scoring';
import type { Actor, LevelId } from '../../domain/schemas';
import { type Acted, Application, type Carried, SYSTEM } from './application';
import { inspectUntilExpiry } from './post-inspection';

const { issueCertificate, recordScores, setCertificateStatus } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface ProductRun {
  input: ProductApplicationInput;
  /** Set when the application continues as new in post-inspection. */
  carried?: Carried;
}

export async function productApplication(run: ProductRun): Promise<ProductState> {
  const app = new Application(ProductApplicationInput.parse(run.input), run.carried);
  app.listen();

  if (!run.carried) {
    await app.move('REGISTERED', app.input.registeredBy, {
      deadline: { kind: 'dossier', dueAt: app.input.deadlines.dossier },
    });
    const certified = (await reviewDossier(app)) && (await evaluate(app));
    // A terminal stage refuses new actions, but an extension may still be writing its transition.
    await condition(allHandlersFinished);
    if (!certified) return app.state;
    // A fresh history for the long quiet years: post-inspection starts as a new run.
    return continueAsNew<typeof productApplication>({ input: run.input, carried: app.carried() });
  }
  await inspectUntilExpiry(app, run.input);
  await condition(allHandlersFinished);
  return app.state;
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
      await app.close('REJECTED', review.payload.actor, review.payload);
      app.answer(review);
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
    const held = app.state.certificate !== null;
    const result = await app.expect('recordCouncilResult', { onDeadline: held ? 'give-up' : 'lapse' });
    if (!result) {
      if (app.closed) return false;
      if (app.candidacyKeepsRating()) {
        return keepRating(app, SYSTEM, { reason: 'the council did not decide by its deadline' });
      }
      await app.lapse();
      return false;
    }
    const outcome = await scoreLevel(app, index, result);

    if (outcome.type === 'not-ranked') {
      if (app.candidacyKeepsRating()) return keepRating(app, result, { reason: outcome.reason });
      await app.close('NOT_RANKED', result.payload.actor, { ...result.payload, reason: outcome.reason });
      app.answer(result);
      return false;
    }
    if (outcome.type === 'certify') {
      await certify(app, outcome.stars, outcome.level);
      await app.move('CERTIFIED', result);
      await app.supersedePrevious(outcome.stars);
      return true;
    }
    if (outcome.certifyMeanwhile) {
      await certify(app, outcome.certifyMeanwhile.stars, outcome.certifyMeanwhile.level);
    }
    index = app.ruleSet.levels.findIndex((l) => l.id === outcome.to);
    await app.move('EVALUATION', result, {
      level: outcome.to,
      deadline: evaluationDeadline(app.input, outcome.to, new Date()),
    });
  }
}

/** The candidacy ended without a higher rating: the one the province gave stands, and post-inspection follows. */
async function keepRating(app: Application, by: Acted | Actor, payload: Record<string, unknown>) {
  await app.move('CERTIFIED', by, { payload: { ...payload, kept: app.state.certificate?.number } });
  await app.supersedePrevious(app.state.stars ?? 0);
  return true;
}

async function scoreLevel(app: Application, index: number, result: Acted<'recordCouncilResult'>) {
  const { payload } = result;
  const level = app.ruleSet.levels[index];
  if (level?.kind === 'assessment') {
    app.state.scores.push({ ...scoreRecord(payload), total: null, stars: null });
    return decideLevelOutcome(app.ruleSet, index, { kind: 'assessed', failedCriteria: payload.failedCriteria });
  }
  const score = scoreCouncil(app.ruleSet, payload);
  app.state.scores.push({ ...scoreRecord(payload), total: score.total, stars: score.stars });
  await recordScores.executeWithOptions({ summary: `council sheets: ${payload.level}` }, [
    {
      productId: app.input.productId,
      level: payload.level,
      recordedAt: new Date().toISOString(),
      sheets: payload.sheets,
    },
  ]);
  const held = app.state.stars;
  return decideLevelOutcome(
    app.ruleSet,
    index,
    { kind: 'scored', total: score.total, mandatoryFailed: payload.mandatoryFailed },
    held ? { stars: held as Stars } : undefined,
  );
}

function scoreRecord(payload: Acted<'recordCouncilResult'>['payload']) {
  return {
    level: payload.level,
    meetingDate: payload.meetingDate,
    mandatoryFailed: payload.mandatoryFailed,
    failedCriteria: payload.failedCriteria,
    bonus: payload.bonus,
    members: payload.sheets.length,
  };
}

/** Issues the certificate (giấy chứng nhận), valid from today for the rule set's term; a later one replaces it. */
async function certify(app: Application, stars: Stars, level: LevelId): Promise<void> {
  const held = app.state.certificate;
  if (held?.stars === stars) return;
  const decidedOn = new Date();
  const { validity } = certificateTerms(app.ruleSet, app.input.durations);
  const certificate = await issueCertificate.executeWithOptions(
    { summary: `certificate: ${stars} stars at ${level}` },
    [
      {
        productId: app.input.productId,
        province: app.input.province,
        year: app.input.year,
        level,
        stars,
        decidedOn: decidedOn.toISOString(),
        validUntil: addDuration(decidedOn, validity).toISOString(),
      },
    ],
  );
  if (held)
    await setCertificateStatus.executeWithOptions({ summary: `certificate ${held.number}: superseded` }, [
      {
        number: held.number,
        province: app.input.province,
        year: app.input.year,
        status: 'superseded',
      },
    ]);
  app.state.certificate = certificate;
  app.state.stars = stars;
}
