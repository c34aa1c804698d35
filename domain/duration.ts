// ISO-8601 durations (thời hạn) as the rule sets and calendars write them:
// certificate validity P36M, expiry notice P30D, reminders PT5M. The grammar
// below is the subset the engine accepts, with its own messages; reading and
// arithmetic are Luxon's. Arithmetic is in UTC, as recorded histories were
// computed, and never reads the clock, so workflows may call it.
import { DateTime, Duration } from 'luxon';
import { z } from 'zod';

const DURATION_MESSAGE = 'must be an ISO-8601 duration such as P30D or PT5M';

// `P(?!$)` refuses a bare "P" and `T(?=\d)` a bare "T". ISO lets the smallest
// unit carry a fraction; only seconds need one here (PT0.5S).
const ISO_DURATION = new RegExp(
  String.raw`^P(?!$)(?:(?<years>\d+)Y)?(?:(?<months>\d+)M)?(?:(?<weeks>\d+)W)?(?:(?<days>\d+)D)?` +
    String.raw`(?:T(?=\d)(?:(?<hours>\d+)H)?(?:(?<minutes>\d+)M)?(?:(?<seconds>\d+(?:\.\d+)?)S)?)?$`,
);

/** Nothing the engine schedules is further off than this; longer would overflow a date. */
const LONGEST_YEARS = 100;
const LONGEST_MS = LONGEST_YEARS * 366 * 24 * 60 * 60 * 1000;

export const IsoDuration = z
  .string()
  .max(40, 'must be at most 40 characters')
  .regex(ISO_DURATION, DURATION_MESSAGE)
  .refine(
    (iso) => {
      if (!ISO_DURATION.test(iso)) return true; // the regex has said why
      const parts = parseDuration(iso);
      return parts.years * 12 + parts.months <= LONGEST_YEARS * 12 && exactMs(parts) <= LONGEST_MS;
    },
    { message: `must be at most ${LONGEST_YEARS} years`, abort: true },
  );
export type IsoDuration = z.infer<typeof IsoDuration>;

/** A period that must pass before something happens: P0D, PT0S and negatives are no period. */
export const PositiveDuration = z
  .string()
  .refine((iso) => !iso.trimStart().startsWith('-'), {
    message: 'must be a positive period: a negative one such as -P1D runs backwards',
    abort: true,
  })
  .pipe(IsoDuration)
  // Checks after a failed one still run in zod: each guards against what failed before it.
  .refine((iso) => !ISO_DURATION.test(iso) || !isZeroDuration(iso), {
    message: 'must be longer than zero: P0D or PT0S would fall due at once, and repeat forever',
    abort: true,
  });

/**
 * A positive period no shorter than `min` from any date: months count as 28 days and years
 * as 365 in the period, 31 and 366 in `min`, so P1M does not pass for P30D (Feb has 28 days).
 */
export function durationAtLeast(min: string, why?: string) {
  const rule = why ? ` (${why})` : '';
  const longEnough = (iso: string) =>
    !ISO_DURATION.test(iso) || isZeroDuration(iso) || shortestMs(iso) >= longestMs(min);
  return PositiveDuration.refine(longEnough, {
    message: `must be at least ${min}${rule} from any date; a month counts as 28 days`,
  });
}

export function isZeroDuration(iso: string): boolean {
  // The grammar has no signs, so only a duration whose every part is zero has no length.
  return luxonDuration(iso).toMillis() === 0;
}

function shortestMs(iso: string): number {
  const p = parseDuration(iso);
  return exactMs(p) + (p.years * 365 + p.months * 28) * DAY_MS;
}

function longestMs(iso: string): number {
  const p = parseDuration(iso);
  return exactMs(p) + (p.years * 366 + p.months * 31) * DAY_MS;
}

export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function parseDuration(iso: string): DurationParts {
  const d = luxonDuration(iso);
  return {
    years: d.years,
    months: d.months,
    weeks: d.weeks,
    days: d.days,
    hours: d.hours,
    minutes: d.minutes,
    seconds: d.seconds + d.milliseconds / SECOND_MS,
  };
}

function luxonDuration(iso: string): Duration {
  if (!ISO_DURATION.test(iso)) throw new Error(`"${iso}" ${DURATION_MESSAGE}`);
  return Duration.fromISO(iso);
}

/** Adds calendar months (clamping the day, 31 Jan + P1M = end of Feb), then days, then time. */
export function addDuration(date: Date, iso: string): Date {
  return inUtc(date).plus(luxonDuration(iso)).toJSDate();
}

/** Adds the duration with every part negated, as Temporal.PlainDateTime#subtract does. */
export function subtractDuration(date: Date, iso: string): Date {
  return inUtc(date).minus(luxonDuration(iso)).toJSDate();
}

// Counted in Asia/Ho_Chi_Minh, months would clamp on Vietnam's date, a day ahead after 17:00 UTC: 30 Jan
// 18:00 UTC + P1M is 29 Feb 18:00 in UTC but 28 Feb 18:00 UTC there (31 Jan + P1M). Changing that needs patched().
function inUtc(date: Date): DateTime {
  return DateTime.fromMillis(date.getTime(), { zone: 'utc' });
}

/** The exact length of a duration; years and months are refused, as they vary in length. */
export function durationToMs(iso: string): number {
  const parts = parseDuration(iso);
  if (parts.years !== 0 || parts.months !== 0) {
    throw new Error(`"${iso}" has years or months, which have no fixed length: add it to a date with addDuration`);
  }
  return exactMs(parts);
}

function exactMs(parts: DurationParts): number {
  return (
    (parts.weeks * 7 + parts.days) * DAY_MS +
    parts.hours * HOUR_MS +
    parts.minutes * MINUTE_MS +
    Math.round(parts.seconds * SECOND_MS)
  );
}
