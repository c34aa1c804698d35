// What starting a cycle must respect beyond its shape, judged at the moment
// it is started: the rule set in force when registration opens, and a
// calendar still ahead of us. The workflow never asks: a cycle started years
// ago must replay whatever today's date, so these rules live outside CycleInput.
import { formatDateVN } from './dates';
import { type CycleInput, ruleSetInForce } from './cycle';
import { isZeroDuration } from './duration';
import { provinceOfYearRefusal } from './provinces';
import { getRuleSet } from './rules';

export interface StartIssue {
  /** The field at fault, dotted: `ruleSetId`, `calendar.cycleEnds`. */
  path: string;
  message: string;
}

type StartRequest = Pick<
  CycleInput,
  | 'province'
  | 'ruleSetId'
  | 'ruleSetOverride'
  | 'backfill'
  | 'compressed'
  | 'calendar'
  | 'year'
  | 'durations'
  | 'notices'
  | 'notifications'
>;

/**
 * The rule set follows the date registration opens (148/QĐ-TTg before 6 July 2025, 1489/QĐ-TTg from then).
 * Naming another one is a transitional arrangement that must give its reason. A rehearsal's dates are
 * today's whatever year it plays, so it may train on either rule set without one.
 */
export function ruleSetIssues(cycle: StartRequest): StartIssue[] {
  const inForce = ruleSetInForce(cycle.calendar);
  const asked = cycle.ruleSetId;
  const differs = asked !== undefined && asked !== inForce;
  if (differs && !cycle.compressed && !cycle.ruleSetOverride) {
    const opens = formatDateVN(cycle.calendar.registrationOpens);
    const decision = getRuleSet(inForce).decision;
    return [
      {
        path: 'ruleSetId',
        message:
          `is ${asked}, but ${inForce} (${decision}) is in force when registration opens on ${opens}; ` +
          `leave it out, or keep ${asked} as a transitional arrangement with ruleSetOverride: {reason} (--rules-override)`,
      },
    ];
  }
  if (cycle.ruleSetOverride && !(differs && !cycle.compressed)) {
    return [
      {
        path: 'ruleSetOverride',
        message: cycle.compressed
          ? 'a rehearsal uses the rule set it names without an override; remove it'
          : `is only for a rule set other than the one in force (${inForce}); remove it`,
      },
    ];
  }
  return [];
}

/**
 * A calendar that has entirely passed would start a cycle that ends at once: only a back-fill of a past
 * year's records may have one, and a back-fill must be one.
 */
export function calendarTimeIssues(cycle: StartRequest, now: number): StartIssue[] {
  const { cycleEnds } = cycle.calendar;
  const passed = Date.parse(cycleEnds) <= now;
  if (cycle.backfill && cycle.compressed) {
    return [{ path: 'backfill', message: 'a rehearsal is not a back-fill of records; give one or the other' }];
  }
  if (passed && !cycle.backfill && !cycle.compressed) {
    return [
      {
        path: 'calendar.cycleEnds',
        message:
          `is ${cycleEnds}, already past: the whole calendar has passed and the cycle would end at once; ` +
          `a calendar of a year still ahead, or backfill: true (--backfill) to enter a past year's records`,
      },
    ];
  }
  if (!passed && cycle.backfill) {
    return [
      {
        path: 'backfill',
        message: `is only for a calendar entirely in the past; this one ends on ${cycleEnds}`,
      },
    ];
  }
  return [];
}

/** The cycle's year chooses the list of provinces: the 63 until 2025, the 34 after the merger. */
export function provinceIssues(cycle: StartRequest): StartIssue[] {
  const refusal = provinceOfYearRefusal(cycle.province, cycle.year);
  return refusal ? [{ path: 'province', message: refusal }] : [];
}

/**
 * A period of nothing falls due as it starts: a reminder PT0S before a deadline is the deadline, and a review
 * of P0D ends as it begins. A lapse grace of zero is a choice (no grace), so it is not refused.
 */
export function periodIssues(cycle: StartRequest): StartIssue[] {
  const { reminderOffsets = [], ...periods } = cycle.durations ?? {};
  const given: [string, string | undefined][] = [
    ...Object.entries(periods)
      .filter(([name]) => name !== 'lapseGrace')
      .map(([name, iso]): [string, string | undefined] => [`durations.${name}`, iso]),
    ...reminderOffsets.map((iso, i): [string, string] => [`durations.reminderOffsets.${i}`, iso]),
    ...(cycle.notices?.registrationCloses ?? []).map((iso, i): [string, string] => [
      `notices.registrationCloses.${i}`,
      iso,
    ]),
    ...Object.entries(cycle.notifications ?? {}).flatMap(([kind, policy]) =>
      (policy?.offsets ?? []).map((iso, i): [string, string] => [`notifications.${kind}.offsets.${i}`, iso]),
    ),
  ];
  return given
    .filter(([, iso]) => iso !== undefined && isZeroDuration(iso))
    .map(([path, iso]) => ({ path, message: `is ${iso}: must be longer than zero, or it falls due at once` }));
}

/** Every reason `cycle` may not be started at `now`; empty when it may. */
export function startIssues(cycle: StartRequest, now: number): StartIssue[] {
  return [...provinceIssues(cycle), ...ruleSetIssues(cycle), ...calendarTimeIssues(cycle, now), ...periodIssues(cycle)];
}
