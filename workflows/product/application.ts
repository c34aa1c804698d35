// The product application's state and the mechanics under its story: how an
// action gets from an Update into the story, how a transition is recorded,
// shown to operators and persisted, and how a stage waits for people.
import {
  ApplicationFailure,
  condition,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  TemporalFailure,
  workflowInfo,
} from '@temporalio/workflow';
import type { z } from 'zod';
import type { Activities } from '../../activities';
import type { NotifyRequest } from '../../activities/notify';
import { formatDateTimeVN } from '../../domain/dates';
import { addDuration } from '../../domain/duration';
import { productWorkflowId } from '../../domain/ids';
import { type NotificationPolicy, resolvePolicy } from '../../domain/notifications';
import * as P from '../../domain/product';
import { getRuleSet, type RuleSet } from '../../domain/rules';
import { type Actor, ENGINE_ACTOR_ID, isTerminal, type LevelId, type Stage } from '../../domain/schemas';
import { type ActionName, checkAction } from '../../domain/stages';
import { waitUntilDeadline } from '../deadline';
import { Patches } from '../patches';
import { checkPayload, ratingHeld, refuse } from './action-checks';
import { deadlineNotice, sendNotice } from './notices';
import { registerAction } from './action-updates';
import { describeWait, showToOperators, transitionEvent } from './transition-record';
import * as messages from './messages';

const { recordTransition, setCertificateStatus } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Reminders follow the notification policy kind by kind (see reminderOffsets). */
const PER_KIND_REMINDERS = 'per-kind-reminders';
const LEGACY_REMINDER_OFFSETS = ['P7D', 'P1D'];

/**
 * A closing application ends its certificate before its own row says it closed,
 * so whoever reads the product as expired, superseded or revoked finds the
 * certificate so too. Histories recorded before this changed the certificate's
 * row after the closing transition (revocation: before it), in the story.
 */
const CERTIFICATE_ENDS_FIRST = 'certificate-ends-first';
const CERTIFICATE_ENDED_BY: Partial<Record<Stage, 'expired' | 'superseded' | 'revoked'>> = {
  EXPIRED: 'expired',
  SUPERSEDED: 'superseded',
  REVOKED: 'revoked',
};

/** See Application.candidacyKeepsRating. */
const CANDIDACY_KEEPS_RATING = 'candidacy-keeps-rating';

/** The engine's own actor, for transitions no person made: lapses, expiry, supersession. */
export const SYSTEM: Actor = { id: ENGINE_ACTOR_ID, role: 'coordinator' };

const SCHEMAS = P.ACTION_SCHEMAS;
export type Payload<A extends ActionName> = z.output<(typeof SCHEMAS)[A]>;

/** An action accepted by its Update and waiting for the story to take it. */
export interface Acted<A extends ActionName = ActionName> {
  id: number;
  action: A;
  payload: Payload<A>;
}

/** State carried across continue-as-new. */
export interface Carried {
  state: P.ProductState;
  expiryNoticeSent: boolean;
  /** A supersession signalled while the run was ending must not be lost with it. */
  supersededBy?: { byProductId: string; stars: number } | null;
  /** The ids of the last Updates answered, so the next run knows a client's retry of one (see isRepeat). */
  answered?: string[];
}

/** Enough for the Updates a run answers between its last one and continuing as new. */
const ANSWERED_KEPT = 20;

export class Application {
  readonly ruleSet: RuleSet;
  /** Who hears of each kind of deadline and when: the defaults under the cycle's overrides. */
  readonly policy: NotificationPolicy;
  readonly workflowId = workflowInfo().workflowId;
  state: P.ProductState;
  expiryNoticeSent: boolean;
  /** Set while a passed deadline waits for a coordinator's extension. */
  overdue = false;
  supersededBy: { byProductId: string; stars: number } | null = null;
  /** Set while the run drains its handlers to continue as new: actions go to the next run. */
  continuing = false;
  private inbox: Acted[] = [];
  private nextId = 0;
  /** Accepted actions whose Update still waits for the story: each ends answered or refused. */
  private open = new Map<number, ActionName>();
  private refused = new Map<number, ApplicationFailure>();
  /** Extensions and withdrawals settle any wait, so the story sees them at once. */
  private interrupt: Acted<'withdraw'> | null = null;
  private answered: string[];
  private readonly patches = new Patches();

  constructor(
    readonly input: P.ProductApplication,
    carried?: Carried,
  ) {
    this.ruleSet = getRuleSet(input.ruleSetId);
    this.policy = resolvePolicy(input.notifications);
    this.expiryNoticeSent = carried?.expiryNoticeSent ?? false;
    this.supersededBy = carried?.supersededBy ?? null;
    this.answered = carried?.answered ?? [];
    this.state = carried?.state ?? {
      productId: input.productId,
      cycleId: input.cycleId,
      kind: input.kind,
      stage: 'REGISTERED',
      level: null,
      stars: null,
      deadline: null,
      supplementRounds: 0,
      scores: [],
      certificate: null,
      inspections: [],
      history: [],
    };
  }

  get stage(): Stage {
    return this.state.stage;
  }

  carried(): Carried {
    return {
      state: this.state,
      expiryNoticeSent: this.expiryNoticeSent,
      supersededBy: this.supersededBy,
      answered: this.answered,
    };
  }

  /** The level whose officers receive the dossier and ask for supplements. */
  get dossierLevel(): LevelId {
    const level = this.ruleSet.levels.find((l) => l.reviewsDossier) ?? this.ruleSet.levels[0];
    if (!level) throw new Error(`rule set ${this.ruleSet.id} has no levels`);
    return level.id;
  }

  listen(): void {
    const act = <A extends ActionName>(action: A) => ({
      validator: (raw: unknown) => void (this.isRepeat() || this.validate(action, raw)),
      // The validator has just checked the rules; replay skips validators, and must not meet rules added since.
      handler: async (raw: unknown): Promise<P.ProductState> =>
        this.isRepeat() ? this.state : this.accept(action, SCHEMAS[action].parse(raw) as Payload<A>),
    });
    for (const action of Object.keys(SCHEMAS) as ActionName[]) {
      const { validator, handler } = act(action);
      registerAction(action, handler, validator);
    }
    setHandler(messages.stateQuery, () => this.state);
    setHandler(messages.supersededSignal, (fact) => {
      this.supersededBy = fact;
    });
    setHandler(messages.calendarChangedSignal, (fact) => this.calendarChanged(fact));
  }

  /**
   * The cycle moved one of its dates. Stages reached later read it from the
   * calendar; a wait on that very date takes it at once, as an extension would.
   * A calendar change only ever gives more time, never less.
   */
  private async calendarChanged(fact: messages.CalendarChange): Promise<void> {
    const { deadlines } = this.input;
    if (fact.deadline === 'dossier') deadlines.dossier = fact.until;
    else if (fact.level) deadlines.evaluation[fact.level] = fact.until;
    const current = this.state.deadline;
    const waitsOnIt =
      fact.deadline === 'dossier'
        ? current?.kind === 'dossier'
        : current?.kind === 'evaluation' && current.level === fact.level;
    if (!current || !waitsOnIt || Date.parse(fact.until) <= Date.parse(current.dueAt)) return;
    this.overdue = false;
    await this.record(
      'calendarChanged',
      SYSTEM,
      this.stage,
      { ...current, dueAt: fact.until },
      { from: current.dueAt, until: fact.until, reason: fact.reason },
    );
  }

  /**
   * Whether this Update was answered already, by the run before. The server
   * knows an Update's id within one run only: a client that retries an Update
   * whose run has since continued as new (certification does) reaches this
   * run, which would refuse the action as out of stage although it was taken.
   * The retry gets the application's state now instead.
   */
  private isRepeat(): boolean {
    const id = currentUpdateInfo()?.id;
    return id !== undefined && this.answered.includes(id);
  }

  private remember(updateId: string | undefined): void {
    if (updateId === undefined) return;
    this.answered = [...this.answered, updateId].slice(-ANSWERED_KEPT);
  }

  /**
   * The Update validator: schema, stage, role, then deadline. It throws before
   * anything is written, so a refused action leaves no event in the history.
   */
  validate<A extends ActionName>(action: A, raw: unknown): Payload<A> {
    const parsed = SCHEMAS[action].safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
      throw refuse('ValidationError', `${action}: ${issues.join('; ')}`);
    }
    const payload = parsed.data as Payload<A>;
    const refusal = checkAction(action, payload.actor, this.actionContext());
    if (refusal) throw refuse(refusal.type, refusal.message);
    // A second click, or a second officer, must not be taken as the next round's action.
    if ([...this.open.values()].includes(action)) {
      throw refuse('WrongStage', `stage: a ${action} is already being processed; send it again once that one returns`);
    }
    if (this.continuing) {
      throw refuse('WrongStage', `stage: the application is continuing as a new run; send ${action} again`);
    }
    checkPayload(this, action, payload);
    return payload;
  }

  /**
   * The Update handler: hand the action to the story and answer once the story
   * has recorded it, or refuse it if the story moved on to a stage without it.
   */
  private async accept<A extends ActionName>(action: A, payload: Payload<A>): Promise<P.ProductState> {
    const acted: Acted<A> = { id: this.nextId++, action, payload };
    const updateId = currentUpdateInfo()?.id;
    if (action === 'extendDeadline') {
      await this.extend(payload as Payload<'extendDeadline'>);
    } else {
      this.open.set(acted.id, action);
      if (action === 'withdraw') this.interrupt = acted as Acted<'withdraw'>;
      else this.inbox.push(acted);
      await condition(() => !this.open.has(acted.id));
      const refusal = this.refused.get(acted.id);
      if (refusal) throw refusal;
    }
    this.remember(updateId);
    return this.state;
  }

  /** No accepted action waits for the story, so the run may end or continue as new. */
  get idle(): boolean {
    return this.open.size === 0;
  }

  /** Whether an accepted action waits for the story to take it. */
  has(action: ActionName): boolean {
    return this.inbox.some((a) => a.action === action);
  }

  /**
   * Actions accepted in the stage just left that the new stage does not allow:
   * a withdrawal that lost the race to certification, say. Their Updates fail
   * rather than wait for a story that will never take them.
   */
  private refuseStale(): void {
    const waiting = this.interrupt ? [...this.inbox, this.interrupt] : [...this.inbox];
    for (const acted of waiting) {
      const refusal =
        checkAction(acted.action, acted.payload.actor, this.actionContext()) ??
        (acted.action === 'withdraw' && this.candidacyKeepsRating() ? ratingHeld(this.state) : null);
      if (!refusal) continue;
      const message = `${acted.action}: the application moved to stage ${this.stage} before the action was taken; ${refusal.message}`;
      this.inbox = this.inbox.filter((a) => a !== acted);
      if (this.interrupt === acted) this.interrupt = null;
      this.refused.set(acted.id, refuse(refusal.type, message));
      this.open.delete(acted.id);
    }
  }

  private actionContext() {
    return {
      stage: this.stage,
      dossierLevel: this.dossierLevel,
      level: this.state.level,
      ownerId: this.input.subject.id,
      deadline: this.state.deadline,
      overdue: this.overdue,
    };
  }

  private async extend(payload: Payload<'extendDeadline'>): Promise<void> {
    const deadline = this.state.deadline;
    if (!deadline) return;
    this.overdue = false;
    await this.record(
      'extendDeadline',
      payload.actor,
      this.stage,
      { ...deadline, dueAt: payload.until },
      {
        from: deadline.dueAt,
        until: payload.until,
        reason: payload.reason,
      },
    );
  }

  /** Marks an action as taken so its Update returns the state that follows. */
  answer(acted: Acted): void {
    this.open.delete(acted.id);
  }

  /**
   * Waits for the action a stage expects, under the deadline in force. Returns
   * null when the application closed instead (withdrawn, lapsed, superseded),
   * or, with `give-up`, when the deadline and its grace period passed, leaving
   * the caller to decide what follows.
   */
  async expect<A extends ActionName>(
    action: A,
    options: { onDeadline: 'lapse' | 'escalate-and-wait' | 'give-up'; until?: string } = { onDeadline: 'lapse' },
  ): Promise<Acted<A> | null> {
    const taken = () => this.inbox.find((a) => a.action === action) as Acted<A> | undefined;
    const closing = () => this.interrupt !== null || this.supersededBy !== null;
    const pastHardStop = () => options.until !== undefined && Date.now() >= Date.parse(options.until);
    const settled = () => Boolean(taken()) || closing() || pastHardStop();
    for (;;) {
      const deadline = this.state.deadline;
      if (!deadline) {
        await condition(settled);
        break;
      }
      const waited = await waitUntilDeadline({
        label: describeWait(this),
        dueAt: () => this.state.deadline?.dueAt ?? deadline.dueAt,
        settled,
        reminderOffsets: this.reminderOffsets(deadline.kind),
        remind: (offset, dueAt) => this.notifyDeadline('reminder', dueAt, offset),
      });
      if (waited === 'done') break;
      await this.notifyDeadline('escalation', deadline.dueAt);
      if (options.onDeadline === 'escalate-and-wait') {
        // Without a timer at the hard stop, nothing would wake the wait when it passes.
        const movedOrSettled = () => settled() || this.state.deadline?.dueAt !== deadline.dueAt;
        if (options.until) {
          await condition(movedOrSettled, Math.max(1, Date.parse(options.until) - Date.now()), {
            summary: `overdue: ${describeWait(this)}, awaited until ${formatDateTimeVN(options.until)}`,
          });
        } else await condition(movedOrSettled);
        if (settled()) break;
        continue;
      }
      this.overdue = true;
      const extended = await condition(
        () => settled() || this.state.deadline?.dueAt !== deadline.dueAt,
        Math.max(1, addDuration(new Date(), this.input.durations.lapseGrace).getTime() - Date.now()),
        { summary: `grace: ${describeWait(this)} may still be extended` },
      );
      this.overdue = false;
      if (!extended) {
        if (options.onDeadline !== 'give-up') await this.lapse();
        return null;
      }
      if (settled()) break;
    }
    const acted = taken();
    if (acted) {
      this.inbox = this.inbox.filter((a) => a !== acted);
      return acted;
    }
    await this.closeForInterruption();
    return null;
  }

  /** The deadline in force passed, with its grace period, and no coordinator extended it. */
  async lapse(): Promise<void> {
    await this.close('LAPSED', SYSTEM, { lapsedDeadline: this.state.deadline });
  }

  private async closeForInterruption(): Promise<void> {
    if (this.interrupt) {
      const withdrawal = this.interrupt;
      this.interrupt = null;
      await this.close('WITHDRAWN', withdrawal.payload.actor, { reason: withdrawal.payload.reason });
      this.answer(withdrawal);
    } else if (this.supersededBy) {
      await this.close('SUPERSEDED', SYSTEM, { ...this.supersededBy });
    }
  }

  /** Moves to the next stage, recording the action that moved it. */
  async move(
    stage: Stage,
    by: Acted | Actor,
    options: { deadline?: P.Deadline | null; level?: LevelId | null; payload?: Record<string, unknown> } = {},
  ): Promise<void> {
    const acted = 'action' in by ? by : null;
    if (options.level !== undefined) this.state.level = options.level;
    await this.record(
      acted?.action ?? (stage === 'REGISTERED' ? 'register' : `enter:${stage}`),
      acted ? acted.payload.actor : (by as Actor),
      stage,
      options.deadline ?? null,
      { ...(acted ? (acted.payload as Record<string, unknown>) : {}), ...options.payload },
    );
    if (acted) this.answer(acted);
  }

  /** Ends the application in a terminal stage; expired, superseded or revoked, it ends its certificate first. */
  async close(stage: Stage, actor: Actor, payload: Record<string, unknown> = {}): Promise<void> {
    const status = CERTIFICATE_ENDED_BY[stage];
    const number = this.state.certificate?.number;
    if (status && number && this.closeEndsCertificate()) {
      await setCertificateStatus.executeWithOptions({ summary: `certificate ${number}: ${status}` }, [
        { number, province: this.input.province, year: this.input.year, status },
      ]);
    }
    await this.record(stage === 'WITHDRAWN' ? 'withdraw' : `close:${stage}`, actor, stage, null, payload);
  }

  /** One transition: state, history, search attributes, current details, and the persisted event. */
  private async record(
    action: string,
    actor: Actor,
    stage: Stage,
    deadline: P.Deadline | null,
    payload: Record<string, unknown>,
  ): Promise<void> {
    const stageFrom = this.state.history.length ? this.stage : null;
    const at = new Date().toISOString();
    const seq = this.state.history.length + 1;
    this.state.stage = stage;
    this.state.deadline = deadline;
    this.state.history.push({ seq, action, actor, stageFrom, stageTo: stage, level: this.state.level, at });
    this.refuseStale();
    showToOperators(this);
    await recordTransition.executeWithOptions({ summary: `record ${action}: ${stageFrom ?? 'start'} → ${stage}` }, [
      transitionEvent(this, { seq, action, actor, stageFrom, at, stage, deadline, payload }),
    ]);
  }

  /** Whether the application has ended. */
  get closed(): boolean {
    return isTerminal(this.stage);
  }

  /**
   * A product the province certified while its 5-star candidacy went on keeps
   * that rating whatever becomes of the candidacy. Histories recorded before
   * closed such an application (lapsed, not ranked, withdrawn) with its
   * certificate active. Asked where the paths part, so that applications
   * already waiting at the central council when this shipped take it too.
   */
  candidacyKeepsRating(): boolean {
    return this.state.certificate !== null && this.patches.has(CANDIDACY_KEEPS_RATING);
  }

  /** False while replaying a history recorded before CERTIFICATE_ENDS_FIRST: the story ends the certificate. */
  closeEndsCertificate(): boolean {
    return this.patches.has(CERTIFICATE_ENDS_FIRST);
  }

  /**
   * Histories recorded before the per-kind notification policy planned every
   * deadline's reminders from one list; they replay with that list.
   */
  private reminderOffsets(kind: P.DeadlineKind): readonly string[] {
    const { reminderOffsets } = this.input.durations;
    if (!this.patches.has(PER_KIND_REMINDERS)) return reminderOffsets ?? LEGACY_REMINDER_OFFSETS;
    return reminderOffsets ?? this.policy[kind].offsets;
  }

  /** A reminder before the deadline in force, or the escalation once it passed, to the policy's audience. */
  async notifyDeadline(event: 'reminder' | 'escalation', dueAt: string, offset?: string): Promise<void> {
    const { request, summary } = deadlineNotice(this, event, dueAt, offset);
    await sendNotice(request, summary);
  }

  /** Sends a notice through the outbox, and says whether it went out (see notices.ts). */
  sendNotice(request: NotifyRequest, summary: string): Promise<boolean> {
    return sendNotice(request, summary);
  }

  /** Tells the application this one re-rates that its certificate gives way. */
  async supersedePrevious(stars: number): Promise<void> {
    const previous = this.input.previousProductId;
    if (!previous) return;
    try {
      await getExternalWorkflowHandle(productWorkflowId(previous)).signal(messages.supersededSignal, {
        byProductId: this.input.productId,
        stars,
      });
    } catch (error) {
      // The earlier application may already have ended (expired, revoked): nothing to supersede.
      if (!(error instanceof TemporalFailure)) throw error;
    }
  }
}

export { refuse } from './action-checks';
