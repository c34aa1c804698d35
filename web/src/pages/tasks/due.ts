// Which part of the page a task belongs in, by how soon it is due. The API already sorts soonest first, so grouping
// keeps that order inside each group.
import { daysUntil } from '../../format/dates';

export const DUE_GROUPS = ['overdue', 'thisWeek', 'later', 'noDeadline'] as const;
export type DueGroup = (typeof DUE_GROUPS)[number];

interface Due {
  deadline: string | null;
  overdue: boolean;
}

export function dueGroup(task: Due, now: Date): DueGroup {
  if (task.deadline === null) return 'noDeadline';
  if (task.overdue) return 'overdue';
  return daysUntil(task.deadline, now) <= 7 ? 'thisWeek' : 'later';
}

export function groupByDue<T extends Due>(tasks: readonly T[], now: Date): { group: DueGroup; tasks: T[] }[] {
  return DUE_GROUPS.map((group) => ({ group, tasks: tasks.filter((task) => dueGroup(task, now) === group) })).filter(
    (entry) => entry.tasks.length > 0,
  );
}

/** The catalogue key and count that say in words how far off the deadline is (never colour alone). */
export function dueWords(task: Due, now: Date): { key: string; count: number } | null {
  if (task.deadline === null) return null;
  const days = daysUntil(task.deadline, now);
  if (task.overdue) return days === 0 ? { key: 'due.overdueToday', count: 0 } : { key: 'due.overdue', count: -days };
  return days === 0 ? { key: 'due.today', count: 0 } : { key: 'due.daysLeft', count: days };
}
