// The recognition decision (quyết định công nhận): after a council rates a
// product, the certifying authority decides, with a number, a date and its
// name; the certificate is issued by that decision and runs from its date.
// The province's People's Committee decides 3 and 4 stars; the ministry
// decides 5 and numbers those certificates itself.
//
// The wait for it has no deadline: a rating the council gave does not lapse
// because an office is slow, and nothing the subject could do would speed it.
// The coordinator sees the product in AWAITING_DECISION on the dashboard and
// in the decisions list, and records the decision for every product it names.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { formatDateVN } from '../../domain/dates';
import { certificateTerms } from '../../domain/deadlines';
import { addDuration } from '../../domain/duration';
import type { PendingRecognition } from '../../domain/product';
import { vietnamDate } from '../../domain/rules';
import type { Actor, LevelId } from '../../domain/schemas';
import type { AcceptedAction, Application, Payload } from './application';
import { type Checked, refuse } from './action-checks';

const { issueCertificate, setCertificateStatus } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

type Decided = Payload<'recordRecognitionDecision'>;

/**
 * The council's rating waits for its decision; once recorded, the certificate
 * is issued and the product certified. False when the application closed first.
 */
export async function awaitRecognition(
  app: Application,
  rating: PendingRecognition,
  by: AcceptedAction | Actor,
  payload: Record<string, unknown> = {},
): Promise<boolean> {
  // Only the rating: a caller may pass the council's whole outcome, which the state does not promise.
  const pending: PendingRecognition = { stars: rating.stars, level: rating.level };
  app.state.pendingRecognition = pending;
  await app.move('AWAITING_DECISION', by, { payload: { ...payload, pending } });
  const decided = await app.expect('recordRecognitionDecision');
  if (!decided) return false;
  await issueByDecision(app, pending, decided.payload);
  await app.move('CERTIFIED', decided);
  await app.supersedePrevious(pending.stars);
  return true;
}

/**
 * The province decides the 4 stars of a potential 5-star product while the
 * central council has yet to sit: the application stays at the central level.
 */
export async function recogniseMeanwhile(
  app: Application,
  decided: AcceptedAction<'recordRecognitionDecision'>,
): Promise<void> {
  const rating = app.state.pendingRecognition;
  if (!rating) return;
  await issueByDecision(app, rating, decided.payload);
  await app.move(app.stage, decided, { deadline: app.state.deadline });
}

/** Issues the certificate of `rating` by the decision; a certificate the product held gives way to it. */
async function issueByDecision(app: Application, rating: PendingRecognition, decided: Decided): Promise<void> {
  const held = app.state.certificate;
  const { decision, certificateNumber } = decided;
  const { validity } = certificateTerms(app.ruleSet, app.input.durations);
  const certificate = await issueCertificate.executeWithOptions(
    { summary: `certificate: ${rating.stars} stars by decision ${decision.number}` },
    [
      {
        productId: app.input.productId,
        province: app.input.province,
        year: app.input.year,
        level: rating.level,
        stars: rating.stars,
        decidedOn: decision.decidedOn,
        validUntil: addDuration(new Date(decision.decidedOn), validity).toISOString(),
        decision,
        ...(certificateNumber ? { certificateNumber } : {}),
      },
    ],
  );
  if (held && held.number !== certificate.number) {
    await setCertificateStatus.executeWithOptions({ summary: `certificate ${held.number}: superseded` }, [
      { number: held.number, province: app.input.province, year: app.input.year, status: 'superseded' },
    ]);
  }
  app.state.certificate = { ...certificate, decision };
  app.state.stars = rating.stars;
  // A later rating (the central council's 5 stars) may already wait for its own decision.
  if (app.state.pendingRecognition === rating) app.state.pendingRecognition = null;
}

/**
 * Before the rules as written the council's result issued the certificate
 * itself, valid from the day the scores were entered; histories recorded then
 * replay this way.
 */
export async function certifyAtCouncil(app: Application, stars: number, level: LevelId): Promise<void> {
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
  if (held) {
    await setCertificateStatus.executeWithOptions({ summary: `certificate ${held.number}: superseded` }, [
      { number: held.number, province: app.input.province, year: app.input.year, status: 'superseded' },
    ]);
  }
  app.state.certificate = certificate;
  app.state.stars = stars;
}

/** The validator's checks of a recognition decision, beyond its schema, stage and role. */
export function checkRecognitionDecision(app: Checked, decided: Decided): void {
  const fail = (message: string) => {
    throw refuse('ValidationError', `recordRecognitionDecision: ${message}`);
  };
  const rating = app.state.pendingRecognition;
  if (!rating) throw refuse('WrongStage', 'recordRecognitionDecision: stage: no rating awaits a recognition decision');
  const { decidedOn } = decided.decision;
  if (Date.parse(decidedOn) > Date.now()) fail('decision.decidedOn: must not be in the future');
  // The decision follows the meeting of the council whose rating it recognises; both are days in Vietnam.
  const meeting = app.state.scores.at(-1)?.meetingDate;
  if (meeting && vietnamDate(decidedOn) < vietnamDate(meeting)) {
    fail(`decision.decidedOn: must not be before the council's meeting on ${formatDateVN(meeting)}`);
  }
  if (rating.stars === 5 && !decided.certificateNumber) {
    fail('certificateNumber: required for a 5-star certificate, which the ministry numbers');
  }
  if (rating.stars !== 5 && decided.certificateNumber) {
    fail(
      `certificateNumber: only a 5-star certificate carries the ministry's number; the province numbers its ${rating.stars}-star ones`,
    );
  }
}
