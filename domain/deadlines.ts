// When each stage's wait ends. Calendars give the cycle-wide dates; durations
// of the cycle and the rule set give the rest.
import { addDuration, isZeroDuration, parseDuration } from './duration';
import type { CycleDurations, Deadline, ProductApplication } from './product';
import type { RuleSet } from './rules';
import type { LevelId } from './schemas';

/** The council's deadline at a level: the calendar's date, or the cycle's default span from now. */
export function evaluationDeadline(app: ProductApplication, level: LevelId, now: Date): Deadline {
  const fromCalendar = app.deadlines.evaluation[level];
  const dueAt =
    fromCalendar && Date.parse(fromCalendar) > now.getTime()
      ? fromCalendar
      : addDuration(now, app.durations.evaluation).toISOString();
  return { kind: 'evaluation', dueAt, level };
}

export function dossierReviewDeadline(durations: CycleDurations, now: Date): Deadline {
  return { kind: 'dossier-review', dueAt: addDuration(now, durations.dossierReview).toISOString() };
}

/** Certificate and post-inspection settings: the cycle's overrides over the rule set's. */
export function certificateTerms(ruleSet: RuleSet, durations: CycleDurations) {
  return {
    validity: durations.certificateValidity ?? ruleSet.certificateValidity,
    inspectionInterval: durations.postInspectionInterval ?? ruleSet.postInspectionInterval,
    expiryNoticeLead: durations.expiryNoticeLead ?? ruleSet.expiryNoticeLead,
  };
}

/** `iso` taken `times` times, e.g. P12M x 3 = P36M, so the k-th inspection does not drift at month ends. */
export function scaleDuration(iso: string, times: number): string {
  const p = parseDuration(iso);
  const date = `${p.years * times}Y${p.months * times}M${p.weeks * times}W${p.days * times}D`;
  return `P${date}T${p.hours * times}H${p.minutes * times}M${p.seconds * times}S`;
}

/** More inspections than this over one certificate means the interval is a mistake, not a schedule. */
const MAX_INSPECTIONS = 1000;

/** Post-inspections (hậu kiểm) fall due every interval after the decision, up to the expiry date. */
export function inspectionDueDates(decidedOn: string, validUntil: string, interval: string): string[] {
  if (isZeroDuration(interval)) {
    throw new Error(
      `postInspectionInterval: "${interval}" is no period: inspections need an interval longer than zero`,
    );
  }
  const dates: string[] = [];
  const end = Date.parse(validUntil);
  for (let k = 1; ; k++) {
    const due = addDuration(new Date(decidedOn), scaleDuration(interval, k));
    if (due.getTime() > end) return dates;
    if (k > MAX_INSPECTIONS) {
      throw new Error(
        `postInspectionInterval: "${interval}" gives more than ${MAX_INSPECTIONS} inspections before ${validUntil}`,
      );
    }
    dates.push(due.toISOString());
  }
}
