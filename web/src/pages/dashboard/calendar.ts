// A cycle's calendar as a list of dates in their order, each with its name in the reader's language.
import type { TFunction } from 'i18next';
import { CalendarDeadline, calendarDate } from '../../../../domain/cycle';
import type { CycleHeader } from './dashboard-data';

export type CalendarPoint = 'registrationOpens' | CalendarDeadline;

/** The dates a coordinator may move, in their order; the evaluation levels are only those the calendar holds. */
export function calendarDeadlines(calendar: CycleHeader['calendar']): { point: CalendarDeadline; at: string }[] {
  return CalendarDeadline.options.flatMap((point) => {
    const at = calendarDate(calendar, point);
    return at ? [{ point, at }] : [];
  });
}

/** Every date of the calendar, the opening first. */
export function calendarPoints(calendar: CycleHeader['calendar']): { point: CalendarPoint; at: string }[] {
  return [{ point: 'registrationOpens', at: calendar.registrationOpens }, ...calendarDeadlines(calendar)];
}

export function calendarPointLabel(t: TFunction, point: CalendarPoint): string {
  if (point.startsWith('evaluation.')) {
    return t('cycles:calendarDate.evaluation', { level: t(`domain:level.${point.slice('evaluation.'.length)}`) });
  }
  return t(`cycles:calendarDate.${point}`);
}
