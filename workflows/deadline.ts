// The one way a workflow waits for people: until something settles the wait,
// or until a deadline that may move while we wait. Reminders go out at the
// configured offsets before the deadline in force; an extension re-plans them,
// so none is sent for a deadline that no longer holds.
import { condition } from '@temporalio/workflow';
import { formatDateTimeVN } from '../domain/dates';
import { type PlannedReminder, remindersAhead, timeoutUntil } from '../domain/reminder-times';

export interface DeadlineWatch {
  /** What is awaited, for timer summaries in Temporal UI, e.g. "dossier". */
  label: string;
  /** The deadline in force; an Update may move it while we wait. */
  dueAt(): string;
  /** True once the wait is over for any reason (the action came, the application closed). */
  settled(): boolean;
  reminderOffsets: readonly string[];
  remind(offset: string, dueAt: string): Promise<void>;
}

/** Waits until settled ('done') or until the deadline in force passes ('expired'). */
export async function waitUntilDeadline(watch: DeadlineWatch): Promise<'done' | 'expired'> {
  for (;;) {
    const dueAt = watch.dueAt();
    const reminders = remindersAhead(dueAt, watch.reminderOffsets, Date.now());
    const outcome = await untilDueOrMoved(watch, dueAt, reminders);
    if (outcome !== 'moved') return outcome;
  }
}

async function untilDueOrMoved(
  watch: DeadlineWatch,
  dueAt: string,
  reminders: PlannedReminder[],
): Promise<'done' | 'expired' | 'moved'> {
  const due = Date.parse(dueAt);
  const when = formatDateTimeVN(dueAt);
  for (;;) {
    const next = reminders[0];
    const wakeAt = next ? next.at : due;
    const summary = next ? `reminder: ${watch.label} due ${when}` : `deadline: ${watch.label} due ${when}`;
    await condition(() => watch.settled() || watch.dueAt() !== dueAt, timeoutUntil(wakeAt, Date.now()), { summary });
    if (watch.settled()) return 'done';
    if (watch.dueAt() !== dueAt) return 'moved';
    if (Date.now() < wakeAt) continue;
    if (!next) return 'expired';
    reminders.shift();
    await watch.remind(next.offset, dueAt);
  }
}
