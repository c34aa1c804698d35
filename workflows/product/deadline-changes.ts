// A deadline in force moves later: a coordinator's extension, or the cycle
// moving the calendar date the stage waits on. Either settles the wait at
// once, with the new date, and is a transition of its own.
import type * as P from '../../domain/product';
import { type Application, type Payload, SYSTEM } from './application';
import type { CalendarChange } from './messages';

export async function extendDeadline(app: Application, payload: Payload<'extendDeadline'>): Promise<void> {
  const deadline = app.state.deadline;
  if (!deadline) return;
  app.overdue = false;
  await app.record('extendDeadline', payload.actor, app.stage, moved(deadline, payload.until), {
    from: deadline.dueAt,
    until: payload.until,
    reason: payload.reason,
  });
}

/**
 * The cycle moved one of its dates. Stages reached later read it from the
 * calendar; a wait on that very date takes it at once, as an extension would.
 * A calendar change only ever gives more time, never less.
 */
export async function takeCalendarChange(app: Application, fact: CalendarChange): Promise<void> {
  const { deadlines } = app.input;
  if (fact.deadline === 'dossier') deadlines.dossier = fact.until;
  else if (fact.level) deadlines.evaluation[fact.level] = fact.until;
  const current = app.state.deadline;
  const waitsOnIt =
    fact.deadline === 'dossier'
      ? current?.kind === 'dossier'
      : current?.kind === 'evaluation' && current.level === fact.level;
  if (!current || !waitsOnIt || Date.parse(fact.until) <= Date.parse(current.dueAt)) return;
  app.overdue = false;
  await app.record('calendarChanged', SYSTEM, app.stage, moved(current, fact.until), {
    from: current.dueAt,
    until: fact.until,
    reason: fact.reason,
  });
}

function moved(deadline: P.Deadline, until: string): P.Deadline {
  return { ...deadline, dueAt: until };
}
