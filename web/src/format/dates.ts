// Every instant is shown in Vietnam's time, whatever the browser's zone, in the form offices write: dd/MM/yyyy HH:mm.
import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, format } from 'date-fns';

export const VIETNAM = 'Asia/Ho_Chi_Minh';

function inVietnam(iso: string | Date): TZDate {
  return new TZDate(typeof iso === 'string' ? new Date(iso) : iso, VIETNAM);
}

export function formatDateTime(iso: string | Date | null | undefined): string {
  return iso ? format(inVietnam(iso), 'dd/MM/yyyy HH:mm') : '—';
}

export function formatDate(iso: string | Date | null | undefined): string {
  return iso ? format(inVietnam(iso), 'dd/MM/yyyy') : '—';
}

/** Whole days from today to the instant, by Vietnam's calendar: 0 today, negative when past. */
export function daysUntil(iso: string, now: Date = new Date()): number {
  return differenceInCalendarDays(inVietnam(iso), inVietnam(now));
}

/** An instant as a `datetime-local` input's value, in Vietnam's time. */
export function toLocalInput(iso: string | Date): string {
  return format(inVietnam(iso), "yyyy-MM-dd'T'HH:mm");
}

/** A `datetime-local` value read as Vietnam's time (UTC+7, no daylight saving), as an ISO instant. */
export function fromLocalInput(value: string): string {
  return new TZDate(`${value}:00+07:00`, VIETNAM).toISOString();
}
