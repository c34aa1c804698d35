// The annual cycle's state and mechanics: registration through an Update that
// starts each product's own workflow, calendar extensions that reach the
// products already waiting, and what operators see in Temporal UI.
import {
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  TemporalFailure,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  calendarDate,
  calendarOrderIssues,
  type Cycle,
  type CyclePhase,
  type CycleState,
  ExtendCalendar,
  phaseAt,
} from '../../domain/cycle';
import { formatDateTimeVN } from '../../domain/dates';
import { cycleIdOf } from '../../domain/ids';
import type { LevelId } from '../../domain/schemas';
import { refuse } from '../product/application';
import * as productMessages from '../product/messages';
import { ENDED_APPLICATIONS_SKIPPED, EXTENSION_AFTER_REGISTRATION, Patches } from '../patches';
import * as SA from '../search-attributes';
import * as messages from './messages';
import {
  type RegisteringCycle,
  registerMany,
  registerOne,
  validateRegistration,
  validateRegistrations,
} from './registration';

const { recordCyclePhase, openApplications } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** What continue-as-new carries: counts and dates, never lists of products. */
export interface CycleHandover {
  calendar: Cycle['calendar'];
  registered: number;
  phase: CyclePhase;
  lastDigestAt: string;
}

export class AnnualCycle implements RegisteringCycle {
  readonly cycleId: string;
  readonly workflowId = workflowInfo().workflowId;
  calendar: Cycle['calendar'];
  phase: CyclePhase;
  registered: number;
  /** The end of the window the last lapsed digest covered. */
  lastDigestAt: string;
  /** Registrations are taken one at a time, so serials have no gaps; extensions wait their turn too. */
  private busy = false;
  readonly patches = new Patches();

  constructor(
    readonly input: Cycle,
    handover?: CycleHandover,
  ) {
    // A cycle started before rounds existed has none in its input: round 1, whose id is the year's.
    this.cycleId = cycleIdOf(input);
    this.calendar = handover?.calendar ?? input.calendar;
    this.phase = handover?.phase ?? 'NOT_OPEN';
    this.registered = handover?.registered ?? 0;
    this.lastDigestAt = handover?.lastDigestAt ?? new Date().toISOString();
  }

  handover(): CycleHandover {
    return { calendar: this.calendar, registered: this.registered, phase: this.phase, lastDigestAt: this.lastDigestAt };
  }

  state(): CycleState {
    const { input } = this;
    return {
      cycleId: this.cycleId,
      province: input.province,
      year: input.year,
      round: input.round,
      ruleSetId: input.ruleSetId,
      phase: this.phase,
      phaseEndsAt: phaseAt(this.calendar, Date.now()).endsAt,
      calendar: this.calendar,
      targets: input.targets,
      registered: this.registered,
    };
  }

  listen(): void {
    setHandler(messages.cycleStateQuery, () => this.state());
    setHandler(messages.registerProduct, (raw) => registerOne(this, raw), {
      validator: (raw) => void validateRegistration(this, raw),
    });
    setHandler(messages.registerProducts, (raw) => registerMany(this, raw), {
      validator: (raw) => validateRegistrations(this, raw),
    });
    setHandler(messages.extendCalendar, (raw) => this.extend(raw), {
      validator: (raw) => void this.validateExtension(raw),
    });
  }

  /** Moves to a phase: the read model, the search attributes and the details operators read. */
  async enter(phase: CyclePhase): Promise<void> {
    this.phase = phase;
    this.showToOperators();
    await recordCyclePhase.executeWithOptions({ summary: `record phase ${phase}` }, [
      {
        cycleId: this.cycleId,
        cycle: { ...this.input, calendar: this.calendar },
        phase,
        at: new Date().toISOString(),
      },
    ]);
  }

  showToOperators(): void {
    const endsAt = phaseAt(this.calendar, Date.now()).endsAt;
    upsertSearchAttributes([
      { key: SA.OcopCycle, value: this.cycleId },
      { key: SA.OcopProvince, value: this.input.province },
      { key: SA.OcopYear, value: this.input.year },
      { key: SA.OcopStage, value: `CYCLE:${this.phase}` },
      { key: SA.OcopNextDeadline, value: endsAt ? new Date(endsAt) : null },
    ]);
    setCurrentDetails(
      endsAt
        ? `Phase ${this.phase} until ${formatDateTimeVN(endsAt)} (Asia/Ho_Chi_Minh) · ${this.registered} products registered`
        : `Cycle ended · ${this.registered} products registered`,
    );
  }

  /** Runs `work` while no registration or extension runs beside it. */
  async oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    // Every waiting handler wakes when the lock frees; the loop lets only the first one in.
    while (this.busy) await condition(() => !this.busy);
    this.busy = true;
    try {
      return await work();
    } finally {
      this.busy = false;
    }
  }

  private validateExtension(raw: unknown): ExtendCalendar {
    const parsed = ExtendCalendar.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw refuse('ValidationError', `extendCalendar: ${issues.join('; ')}`);
    }
    const { actor, deadline, until } = parsed.data;
    if (actor.role !== 'coordinator') {
      throw refuse('Forbidden', `extendCalendar: actor.role: ${actor.role} may not extend; only a coordinator may`);
    }
    const current = calendarDate(this.calendar, deadline);
    if (!current)
      throw refuse('ValidationError', `extendCalendar: deadline: ${deadline} is not in this cycle's calendar`);
    if (Date.parse(current) <= Date.now()) {
      throw refuse('DeadlinePassed', `extendCalendar: deadline: ${deadline} already passed on ${current}`);
    }
    if (Date.parse(until) <= Date.parse(current)) {
      throw refuse('ValidationError', `extendCalendar: until: must be later than the current ${deadline} ${current}`);
    }
    const [disorder] = calendarOrderIssues(this.withDate(deadline, until));
    if (disorder) {
      throw refuse(
        'ValidationError',
        `extendCalendar: until: would leave calendar.${disorder.path} out of order: it ${disorder.message}`,
      );
    }
    return parsed.data;
  }

  private withDate(deadline: ExtendCalendar['deadline'], until: string): Cycle['calendar'] {
    if (deadline.startsWith('evaluation.')) {
      return { ...this.calendar, evaluation: { ...this.calendar.evaluation, [deadline.slice(11)]: until } };
    }
    return { ...this.calendar, [deadline]: until };
  }

  /** Moves a calendar date and tells the applications already waiting on it. */
  private extend(raw: ExtendCalendar): Promise<CycleState> {
    return this.patches.has(EXTENSION_AFTER_REGISTRATION)
      ? this.oneAtATime(() => this.moveDate(raw))
      : this.moveDate(raw);
  }

  private async moveDate(raw: ExtendCalendar): Promise<CycleState> {
    // Checked again: another extension may have moved the same date while this one waited its turn.
    const { deadline, until, reason } = this.validateExtension(raw);
    this.calendar = this.withDate(deadline, until);
    this.showToOperators();
    await recordCyclePhase.executeWithOptions({ summary: `record ${deadline} moved to ${formatDateTimeVN(until)}` }, [
      {
        cycleId: this.cycleId,
        cycle: { ...this.input, calendar: this.calendar },
        phase: this.phase,
        at: new Date().toISOString(),
      },
    ]);
    const fact =
      deadline === 'dossierDeadline'
        ? { deadline: 'dossier' as const, until, reason }
        : deadline.startsWith('evaluation.')
          ? { deadline: 'evaluation' as const, level: deadline.slice(11) as LevelId, until, reason }
          : null;
    if (fact) {
      // Every open application learns the date, so those reaching that stage later use it too.
      const waiting = await openApplications.executeWithOptions({ summary: `applications waiting on ${deadline}` }, [
        {
          cycleId: this.cycleId,
          stages: ['REGISTERED', 'DOSSIER_REVIEW', 'AWAITING_SUPPLEMENT', 'EVALUATION'],
        },
      ]);
      await Promise.all(waiting.map((id) => this.tell(id, fact)));
    }
    return this.state();
  }

  /** An application ended outside its story (terminated by an operator) has nothing to learn. */
  private async tell(workflowId: string, fact: productMessages.CalendarChange): Promise<void> {
    try {
      await getExternalWorkflowHandle(workflowId).signal(productMessages.calendarChangedSignal, fact);
    } catch (error) {
      // Before the patch such an extension failed, after the calendar had moved.
      if (error instanceof TemporalFailure && this.patches.has(ENDED_APPLICATIONS_SKIPPED)) return;
      throw error;
    }
  }
}
