// The annual cycle's state and mechanics: registration through an Update that
// starts each product's own workflow, calendar extensions that reach the
// products already waiting, and what operators see in Temporal UI.
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  startChild,
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
  productDeadlines,
  productNameKey,
  RegisterProduct,
  RegistrationFields,
} from '../../domain/cycle';
import { formatDateTimeVN } from '../../domain/dates';
import { checkUnit } from '../../domain/units';
import { cycleIdOf, productId as makeProductId } from '../../domain/ids';
import type { ProductApplicationInput } from '../../domain/product';
import type { LevelId } from '../../domain/schemas';
import { refuse } from '../product/application';
import * as productMessages from '../product/messages';
import { productStartOptions } from '../product/start-options';
import { productApplication } from '../product/workflow';
import { ENDED_APPLICATIONS_SKIPPED, EXTENSION_AFTER_REGISTRATION, Patches } from '../patches';
import * as SA from '../search-attributes';
import * as messages from './messages';

const { recordCyclePhase, reserveRegistration, openApplications } = proxyActivities<Activities>({
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

export class AnnualCycle {
  readonly cycleId: string;
  readonly workflowId = workflowInfo().workflowId;
  calendar: Cycle['calendar'];
  phase: CyclePhase;
  registered: number;
  /** The end of the window the last lapsed digest covered. */
  lastDigestAt: string;
  /** Registrations are taken one at a time, so serials have no gaps; extensions wait their turn too. */
  private busy = false;
  private readonly patches = new Patches();

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
    setHandler(messages.registerProduct, (raw) => this.register(raw), {
      validator: (raw) => void this.validateRegistration(raw),
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

  private validateRegistration(raw: unknown): RegisterProduct {
    const parsed = RegisterProduct.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw refuse('ValidationError', `registerProduct: ${issues.join('; ')}`);
    }
    const { actor, subject, unit, previousProductId } = parsed.data;
    const misplaced = checkUnit(this.input.province, this.input.ruleSetId, unit);
    if (misplaced) throw refuse('ValidationError', `registerProduct: unit: ${misplaced}`);
    // Only the shape of the previous product is known here: whether it exists, is the
    // subject's and certified is the reservation's to check against the read model, and
    // whether it is the product itself cannot be told before the handler assigns the id.
    if (previousProductId && !previousProductId.startsWith(`${this.input.province}-`)) {
      throw refuse(
        'ValidationError',
        `registerProduct: previousProductId: must name an application of ${this.input.province}, not ${previousProductId}`,
      );
    }
    const now = Date.now();
    const { registrationOpens: opens, registrationCloses: closes } = this.calendar;
    if (now < Date.parse(opens)) {
      throw refuse(
        'WrongStage',
        `registerProduct: registration opens on ${opens}; the cycle is in phase ${this.phase}`,
      );
    }
    if (actor.role !== 'coordinator' && actor.role !== 'producer') {
      throw refuse(
        'Forbidden',
        `registerProduct: actor.role: ${actor.role} may not register; producer or coordinator may`,
      );
    }
    if (actor.role === 'producer' && actor.id !== subject.id) {
      throw refuse('Forbidden', `registerProduct: actor.id: producer ${actor.id} may register only for itself`);
    }
    // Schema, stage, role, then deadline, as every validator checks them.
    if (now >= Date.parse(closes)) {
      throw refuse('DeadlinePassed', `registerProduct: registration closed on ${closes}`);
    }
    return parsed.data;
  }

  /** Runs `work` while no registration or extension runs beside it. */
  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    // Every waiting handler wakes when the lock frees; the loop lets only the first one in.
    while (this.busy) await condition(() => !this.busy);
    this.busy = true;
    try {
      return await work();
    } finally {
      this.busy = false;
    }
  }

  private register(raw: RegisterProduct): Promise<{ productId: string; workflowId: string }> {
    // The validator checked the rules; a registration accepted before a rule was added must still replay.
    const registration = RegistrationFields.parse(raw);
    return this.inTurn(async () => {
      const productId = makeProductId(this.cycleId, this.registered + 1);
      const { duplicateOf } = await this.reserve(productId, registration);
      if (duplicateOf) {
        throw ApplicationFailure.create({
          type: 'AlreadyExists',
          nonRetryable: true,
          message: `registerProduct: product.name: "${registration.product.name}" of subject ${registration.subject.id} is already registered in ${this.cycleId} as ${duplicateOf}`,
        });
      }
      const input: ProductApplicationInput = {
        productId,
        cycleId: this.cycleId,
        province: this.input.province,
        year: this.input.year,
        ruleSetId: this.input.ruleSetId,
        kind: registration.kind,
        product: registration.product,
        subject: registration.subject,
        unit: registration.unit,
        registeredBy: registration.actor,
        previousProductId: registration.previousProductId,
        deadlines: productDeadlines(this.calendar),
        durations: this.input.durations,
        notifications: this.input.notifications,
      };
      // The application outlives the cycle: its post-inspection runs for years after the cycle ends.
      const { workflowId, ...options } = productStartOptions(input);
      await startChild(productApplication, { ...options, workflowId, parentClosePolicy: ParentClosePolicy.ABANDON });
      this.registered += 1;
      this.showToOperators();
      return { productId, workflowId };
    });
  }

  /**
   * Reserves the next serial, and for a re-evaluation or an upgrade checks the
   * application it names; a refusal of that check refuses the registration.
   */
  private async reserve(productId: string, registration: RegistrationFields): Promise<{ duplicateOf: string | null }> {
    try {
      return await reserveRegistration.executeWithOptions(
        { summary: `reserve serial ${this.registered + 1} for ${registration.product.name}` },
        [
          {
            cycleId: this.cycleId,
            serial: this.registered + 1,
            productId,
            subjectId: registration.subject.id,
            nameKey: productNameKey(registration.product.name),
            at: new Date().toISOString(),
            kind: registration.kind,
            previousProductId: registration.previousProductId,
            productName: registration.product.name,
          },
        ],
      );
    } catch (error) {
      // Reservations never failed this way before the check existed, so recorded histories take the same path.
      if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
        const { type, message } = error.cause;
        if (type === 'ValidationError') throw refuse(type, `registerProduct: ${message}`);
      }
      throw error;
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
    return this.patches.has(EXTENSION_AFTER_REGISTRATION) ? this.inTurn(() => this.moveDate(raw)) : this.moveDate(raw);
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
