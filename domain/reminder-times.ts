// When a deadline's reminders go out, and how long a wait for the next one (or
// for the deadline) is. Pure and given the clock, so workflows/deadline.ts
// passes workflow time in and the unit tests pass fixed instants.
import { subtractDuration } from './duration';

export interface PlannedReminder {
  /** The configured offset before the deadline, e.g. P7D. */
  offset: string;
  /** When it goes out, in ms since the epoch. */
  at: number;
}

/**
 * The reminders of a deadline due at `dueAt` that are still ahead of `now`,
 * soonest first. One whose time has come or passed is dropped: a deadline set
 * or moved late does not send its reminders late.
 */
export function remindersAhead(dueAt: string, offsets: readonly string[], now: number): PlannedReminder[] {
  const due = Date.parse(dueAt);
  return offsets
    .map((offset) => ({ offset, at: subtractDuration(new Date(due), offset).getTime() }))
    .filter((reminder) => reminder.at > now)
    .sort((a, b) => a.at - b.at);
}

/**
 * The timeout of a wait until `wakeAt`; a time already past wakes after 1 ms.
 * Never 0: condition() with a timeout of 0 records a patch marker of the SDK's
 * own (before SDK 1.5 it meant no timeout at all), which would change the
 * commands that recorded histories replay.
 */
export function timeoutUntil(wakeAt: number, now: number): number {
  return Math.max(1, wakeAt - now);
}
