// One product's path through one OCOP cycle and, once certified, its months of
// post-inspection (hậu kiểm) until the certificate expires. People act through
// Updates (see messages.ts); this file is the story they move along.
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  proxyActivities,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { formatDateTimeVN } from '../../domain/dates';
import {
  certificateTerms,
  dossierReviewDeadline,
  evaluationDeadline,
  inspectionDueDates,
} from '../../domain/deadlines';
import { audienceRole } from '../../domain/notifications';
import { addDuration, subtractDuration } from '../../domain/duration';
import { type Deadline, ProductApplicationInput, type ProductState } from '../../domain/product';
import { decideLevelOutcome, type Stars } from '../../domain/rules';
import { scoreCouncil } from '../../domain/scoring';
import type { Actor, LevelId } from '../../domain/schemas';
import { type Acted, Application, type Carried, SYSTEM } from './application';

const { issueCertificate, recordScores, recordInspectionResult, setCertificateStatus, downgradeCertificate } =
  proxyActivities<Activities>({
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

/** Post-inspection (hậu kiểm) falls due every interval until the certificate expires, is revoked or superseded. */
async function inspectUntilExpiry(app: Application, input: ProductApplicationInput): Promise<ProductState> {
  const certificate = app.state.certificate;
  if (!certificate) throw new Error(`${app.input.productId} entered post-inspection without a certificate`);
  const terms = certificateTerms(app.ruleSet, app.input.durations);
  const validUntil = certificate.validUntil;

  // The expiry notice runs beside the inspections: it may fall while an inspection is awaited.
  const expiryNotice = CancellationScope.cancellable(() =>
    sendExpiryNotice(app, subtractDuration(new Date(validUntil), terms.expiryNoticeLead)),
  );
  expiryNotice.catch(() => undefined);

  const dueDates = inspectionDueDates(certificate.decidedOn, validUntil, terms.inspectionInterval);
  // After the last round only the expiry is awaited; an inspection may still come, unscheduled.
  const deadlineOf = (round: number): Deadline => {
    const dueAt = dueDates[round - 1];
    return dueAt ? { kind: 'inspection', dueAt } : { kind: 'certificate-expiry', dueAt: validUntil };
  };
  // A corrective-action re-check belongs to the round it corrects, so rounds count by number, not by record.
  let round = (app.state.inspections.at(-1)?.round ?? 0) + 1;
  if (app.stage !== 'POST_INSPECTION') {
    await app.move('POST_INSPECTION', SYSTEM, { deadline: deadlineOf(round), payload: { round } });
  }

  for (;;) {
    if (workflowInfo().continueAsNewSuggested && app.idle) {
      app.continuing = true;
      await condition(allHandlersFinished);
      return continueAsNew<typeof productApplication>({ input, carried: app.carried() });
    }
    const scheduled = round <= dueDates.length;
    if (!scheduled) {
      const inspected = await condition(
        () => app.supersededBy !== null || app.has('recordInspection'),
        Math.max(1, Date.parse(validUntil) - Date.now()),
        { summary: `certificate ${certificate.number} expires ${formatDateTimeVN(validUntil)}` },
      );
      if (!inspected || app.supersededBy) break;
    }
    const done = await inspect(app, round, deadlineOf(round).dueAt, validUntil, deadlineOf(round + 1));
    if (done === 'closed') return app.state;
    if (done === 'expired') break;
    round += 1;
  }

  if (app.supersededBy) {
    await app.close('SUPERSEDED', SYSTEM, { ...app.supersededBy });
    await endCertificateInStory(app, 'superseded');
  } else {
    await app.close('EXPIRED', SYSTEM, { validUntil });
    await endCertificateInStory(app, 'expired');
  }
  return app.state;
}

/**
 * One round of post-inspection, with its corrective-action re-checks. Each
 * finding is a transition of its own, by the inspector; a pass opens `next`.
 */
async function inspect(app: Application, round: number, dueAt: string, validUntil: string, next: Deadline) {
  for (;;) {
    const inspection = await app.expect('recordInspection', { onDeadline: 'escalate-and-wait', until: validUntil });
    if (!inspection) {
      if (app.supersededBy) {
        await endCertificateInStory(app, 'superseded');
        return 'closed' as const;
      }
      return 'expired' as const;
    }
    const { result, inspectedAt, actor } = inspection.payload;
    app.state.inspections.push({
      round,
      dueAt,
      inspectedAt,
      outcome: result.outcome,
      detail: 'grounds' in result ? result.grounds : 'findings' in result ? result.findings : undefined,
    });
    await recordInspectionResult.executeWithOptions({ summary: `inspection round ${round}: ${result.outcome}` }, [
      {
        productId: app.input.productId,
        seq: app.state.inspections.length,
        round,
        dueAt,
        inspectedAt,
        outcome: result.outcome,
        details: { ...result, actor, round },
      },
    ]);
    switch (result.outcome) {
      case 'pass':
        await app.move('POST_INSPECTION', inspection, { deadline: next, payload: { round } });
        return 'passed' as const;
      case 'corrective-action':
        await app.move('POST_INSPECTION', inspection, {
          deadline: { kind: 'corrective-action', dueAt: result.dueAt },
          payload: { round },
        });
        continue;
      case 'downgrade': {
        if (result.toStars < 3) {
          await revoke(app, inspection, `downgraded to ${result.toStars} stars: ${result.grounds}`);
          return 'closed' as const;
        }
        const fromStars = app.state.stars;
        await downgrade(app, result.toStars as Stars);
        await app.move('POST_INSPECTION', inspection, { deadline: next, payload: { round, fromStars } });
        return 'passed' as const;
      }
      case 'revoke':
        await revoke(app, inspection, result.grounds);
        return 'closed' as const;
    }
  }
}

/** The certificate keeps its number and its term; only the rating falls. */
async function downgrade(app: Application, stars: Stars): Promise<void> {
  const certificate = app.state.certificate;
  if (!certificate) throw new Error(`${app.input.productId} has no certificate to downgrade`);
  await downgradeCertificate.executeWithOptions(
    { summary: `certificate ${certificate.number}: down to ${stars} stars` },
    [
      {
        number: certificate.number,
        province: app.input.province,
        year: app.input.year,
        stars,
      },
    ],
  );
  app.state.certificate = { ...certificate, stars };
  app.state.stars = stars;
}

async function revoke(app: Application, inspection: Acted<'recordInspection'>, grounds: string): Promise<void> {
  await endCertificateInStory(app, 'revoked');
  await app.close('REVOKED', inspection.payload.actor, { ...inspection.payload, grounds });
  app.answer(inspection);
}

/** Replays histories recorded before closing the application ended its certificate (see Application.close). */
async function endCertificateInStory(app: Application, status: 'expired' | 'superseded' | 'revoked'): Promise<void> {
  const number = app.state.certificate?.number;
  if (!number || app.closeEndsCertificate()) return;
  await setCertificateStatus.executeWithOptions({ summary: `certificate ${number}: ${status}` }, [
    { number, province: app.input.province, year: app.input.year, status },
  ]);
}

async function sendExpiryNotice(app: Application, at: Date): Promise<void> {
  if (app.expiryNoticeSent) return;
  const certificate = app.state.certificate;
  if (!certificate) return;
  await sleep(Math.max(1, at.getTime() - Date.now()), {
    summary: `expiry notice: certificate ${certificate.number} expires ${formatDateTimeVN(certificate.validUntil)}`,
  });
  // Not marked sent when it failed: the next run tries again.
  const sent = await app.sendNotice(
    {
      key: `${app.workflowId}/certificate-expiry/${certificate.validUntil}/notice`,
      template: 'certificate-expiry',
      productId: app.input.productId,
      province: app.input.province,
      deadlineKind: 'certificate-expiry',
      level: certificate.level,
      data: {
        productName: app.input.product.name,
        subjectName: app.input.subject.name,
        stage: app.stage,
        dueAt: certificate.validUntil,
        certificateNo: certificate.number,
      },
      audience: app.policy['certificate-expiry'].recipients.map((who) => ({ role: audienceRole(who) })),
      subjectEmail: app.input.subject.email,
    },
    `expiry notice: certificate ${certificate.number}`,
  );
  app.expiryNoticeSent = sent;
}
