// The checks an action's payload must pass beyond its schema, stage and role:
// dates that must lie ahead or behind, the council's sheets, the rating a
// withdrawal cannot take away. They throw before anything is written.
import { ApplicationFailure } from '@temporalio/workflow';
import { formatDateVN } from '../../domain/dates';
import type * as P from '../../domain/product';
import { LEGACY_BONUS_CAP, type RuleSet, vietnamDate } from '../../domain/rules';
import { validateCouncilSheets } from '../../domain/scoring';
import type { Stage } from '../../domain/schemas';
import type { ActionName } from '../../domain/stages';
import type { Payload } from './application';
import { checkInspection, checkRevocationDecision } from './inspection-checks';
import { awaitsSecondRound } from './rating';

export function refuse(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

/** What the checks read of the application. */
export interface Checked {
  readonly stage: Stage;
  readonly state: P.ProductState;
  readonly ruleSet: RuleSet;
  /** The run follows the rules as written (patch rules-as-written); its new actions meet their checks. */
  readonly asWritten: boolean;
}

export function checkPayload(app: Checked, action: ActionName, payload: Payload<ActionName>): void {
  const now = Date.now();
  const mustBeFuture = (field: string, instant: string) => {
    if (Date.parse(instant) <= now) {
      throw refuse('ValidationError', `${action}: ${field}: must be after now (${new Date(now).toISOString()})`);
    }
  };
  // Post-inspection waits end when the certificate does; a later date would never be waited for.
  const validUntil = app.stage === 'POST_INSPECTION' ? app.state.certificate?.validUntil : undefined;
  const mustBeBeforeExpiry = (field: string, instant: string) => {
    if (validUntil && Date.parse(instant) > Date.parse(validUntil)) {
      throw refuse('ValidationError', `${action}: ${field}: must not be after the certificate expires (${validUntil})`);
    }
  };
  if (action === 'extendDeadline') {
    const { until } = payload as Payload<'extendDeadline'>;
    if (app.state.deadline?.kind === 'certificate-expiry') {
      throw refuse(
        'ValidationError',
        'extendDeadline: deadline: a certificate-expiry date is not extended; a re-evaluation renews the certificate',
      );
    }
    mustBeFuture('until', until);
    mustBeBeforeExpiry('until', until);
    const current = app.state.deadline?.dueAt;
    if (current && Date.parse(until) <= Date.parse(current)) {
      throw refuse('ValidationError', `extendDeadline: until: must be later than the current deadline ${current}`);
    }
  }
  const held = action === 'withdraw' ? ratingHeld(app.state) : null;
  if (held) throw refuse(held.type, `withdraw: ${held.message}`);
  if (action === 'reviewDossier') {
    const { decision } = payload as Payload<'reviewDossier'>;
    if (decision.outcome === 'request-supplement') mustBeFuture('decision.dueAt', decision.dueAt);
  }
  if (action === 'recordInspection') checkInspection(app, payload as Payload<'recordInspection'>);
  if (action === 'recordRevocationDecision')
    checkRevocationDecision(app, payload as Payload<'recordRevocationDecision'>);
  if (action === 'recordCouncilResult') checkCouncilResult(app, payload as Payload<'recordCouncilResult'>);
}

function checkCouncilResult(app: Checked, result: Payload<'recordCouncilResult'>): void {
  const fail = (message: string) => {
    throw refuse('ValidationError', `recordCouncilResult: ${message}`);
  };
  if (result.level !== app.state.level) {
    throw refuse(
      'WrongStage',
      `recordCouncilResult: level: the product is at level ${app.state.level}, not ${result.level}`,
    );
  }
  if (Date.parse(result.meetingDate) > Date.now()) fail('meetingDate: must not be in the future');
  // A council cannot have met before the product was registered; both are days in Vietnam.
  const registeredAt = app.state.history[0]?.at;
  if (registeredAt && vietnamDate(result.meetingDate) < vietnamDate(registeredAt)) {
    fail(`meetingDate: must not be before the product was registered on ${formatDateVN(registeredAt)}`);
  }
  const level = app.ruleSet.levels.find((l) => l.id === result.level);
  if (level?.kind === 'assessment') {
    if (result.sheets.length > 0) fail(`sheets: level ${level.id} assesses local criteria and takes no score sheets`);
    const unknown = result.failedCriteria.filter((c) => !app.ruleSet.localCriteria.includes(c));
    if (unknown.length)
      fail(`failedCriteria: unknown ${unknown.join(', ')}; known are ${app.ruleSet.localCriteria.join(', ')}`);
    return;
  }
  if (!app.asWritten) {
    // A run registered before the rules as written keeps its council's old checks.
    const issues = validateCouncilSheets({ ...app.ruleSet, bonusCap: LEGACY_BONUS_CAP }, result);
    if (issues.length) fail(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    return;
  }
  const issues = validateCouncilSheets(app.ruleSet, result, { requireCouncil: true });
  const round = result.round ?? 1;
  if (awaitsSecondRound(app.state) && round !== 2) {
    issues.push({
      path: 'round',
      message: "must be 2: the first round's sheets spread too far, the council scores again",
    });
  } else if (!awaitsSecondRound(app.state) && round !== 1) {
    issues.push({ path: 'round', message: 'must be 1: a second round follows only a first round spread too far' });
  }
  if (issues.length) fail(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
}

/** Why a withdrawal is refused once the province has certified the product, or null before. */
export function ratingHeld(state: P.ProductState): { type: 'WrongStage'; message: string } | null {
  const certificate = state.certificate;
  if (!certificate) return null;
  return {
    type: 'WrongStage',
    message:
      `the product holds certificate ${certificate.number} (${certificate.stars} stars); ` +
      'its candidacy at the next level is not withdrawn, and the rating it holds ends only by revocation',
  };
}
