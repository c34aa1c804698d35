// The product application's state and the mechanics under its story: how a
// stage waits for people (the actions its Updates accepted, action-inbox.ts),
// how a transition is recorded, shown to operators and persisted, and how the
// application closes.
import { condition, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { NotifyRequest } from '../../activities/notify';
import type { PreviousCertificate } from '../../activities/persistence';
import { formatDateTimeVN } from '../../domain/dates';
import { addDuration } from '../../domain/duration';
import { type NotificationPolicy, resolvePolicy } from '../../domain/notifications';
import * as P from '../../domain/product';
import { getRuleSet, type RuleSet } from '../../domain/rules';
import { type Actor, ENGINE_ACTOR_ID, isTerminal, type LevelId, type Stage } from '../../domain/schemas';
import { type ActionName, checkAction } from '../../domain/stages';
import { waitUntilDeadline } from '../deadline';
import {
  CANDIDACY_KEEPS_RATING,
  CERTIFICATE_ENDS_FIRST,
  LOCAL_RECORDING,
  type Patches,
  RULES_AS_WRITTEN,
} from '../patches';
import { ratingHeld } from './action-checks';
import { ActionInbox } from './action-inbox';
import { notifyDeadline, reminderOffsets, sendNotice } from './notices';
import { listen } from './action-updates';
import { describeWait, showToOperators, transitionEvent } from './transition-record';
import { type FailedStage, reportFailedReevaluation, supersedePrevious } from './previous';

const RECORDING = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
} as const;
const { recordTransition, setCertificateStatus } = proxyActivities<Activities>(RECORDING);
/**
 * The transition recorded within the workflow task that decides it, and so the
 * answer to the Update that caused it: one task, no activity task's round trip
 * through the server. A local activity may run again after a crash; the audit
 * table's key (workflow, seq) keeps it once.
 */
const local = proxyLocalActivities<Activities>(RECORDING);

/**
 * A closing application ends its certificate before its own row says it closed
 * (CERTIFICATE_ENDS_FIRST), so whoever reads the product as expired, superseded
 * or revoked finds the certificate so too. Histories recorded before changed
 * the certificate's row after the closing transition (revocation: before it).
 */
const CERTIFICATE_ENDED_BY: Partial<Record<Stage, 'expired' | 'superseded' | 'revoked'>> = {
  EXPIRED: 'expired',
  SUPERSEDED: 'superseded',
  REVOKED: 'revoked',
};

/** The engine's own actor, for transitions no person made: lapses, expiry, supersession. */
export const SYSTEM: Actor = { id: ENGINE_ACTOR_ID, role: 'coordinator' };

export type Payload<A extends ActionName> = P.ActionPayload<A>;

/** An action accepted by its Update and waiting for the story to take it. */
export interface AcceptedAction<A extends ActionName = ActionName> {
  id: number;
  action: A;
  payload: Payload<A>;
}

/** What one run hands the next when the application continues as new. */
export interface RunHandover {
  state: P.ProductState;
  expiryNoticeSent: boolean;
  /** A supersession signalled while the run was ending must not be lost with it. */
  supersededBy?: { byProductId: string; stars: number } | null;
  /** Likewise a failed re-evaluation, once confirmed. */
  reevaluationFailedBy?: { byProductId: string; stage: FailedStage } | null;
  /** The ids of the last Updates answered, so the next run knows a client's retry of one (see isRepeat). */
  answered?: string[];
}

/** Who made a transition: the person behind an accepted action, or the actor named. */
function madeBy(by: AcceptedAction | Actor): { acted: AcceptedAction | null; actor: Actor } {
  return 'action' in by ? { acted: by, actor: by.payload.actor } : { acted: null, actor: by };
}

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
  /** A re-evaluation of this product failed, as the read model confirmed (see previous.ts). */
  reevaluationFailedBy: { byProductId: string; stage: FailedStage } | null = null;
  /** The certificate of the application an upgrade re-rates, once read (undefined before). */
  previousHeld: PreviousCertificate | null | undefined;
  /**
   * Whether this run follows the rules as written (patch RULES_AS_WRITTEN).
   * Asked once, as the run starts, so an application keeps the rules it was
   * registered under, and validators read a plain answer.
   */
  readonly asWritten: boolean;
  /** Set while the run drains its handlers to continue as new: actions go to the next run. */
  continuing = false;
  private readonly continuedIntoPostInspection: boolean;
  /** The actions accepted and not yet taken (see action-inbox.ts). */
  readonly inbox: ActionInbox;

  constructor(
    readonly input: P.ProductApplication,
    handover: RunHandover | undefined,
    /** Which patched paths this run takes (see workflow.ts for the two workflow types). */
    readonly patches: Patches,
  ) {
    this.ruleSet = getRuleSet(input.ruleSetId);
    this.policy = resolvePolicy(input.notifications);
    this.expiryNoticeSent = handover?.expiryNoticeSent ?? false;
    this.supersededBy = handover?.supersededBy ?? null;
    this.reevaluationFailedBy = handover?.reevaluationFailedBy ?? null;
    this.inbox = new ActionInbox(handover?.answered);
    this.continuedIntoPostInspection = handover !== undefined;
    this.asWritten = this.patches.has(RULES_AS_WRITTEN);
    this.state = handover?.state ?? P.registeredState(input);
  }

  /** The application is giving way to a newer one: superseded, or its re-evaluation failed. */
  get givingWay(): boolean {
    return this.supersededBy !== null || this.reevaluationFailedBy !== null;
  }

  get stage(): Stage {
    return this.state.stage;
  }

  handover(): RunHandover {
    return {
      state: this.state,
      expiryNoticeSent: this.expiryNoticeSent,
      supersededBy: this.supersededBy,
      reevaluationFailedBy: this.reevaluationFailedBy,
      answered: this.inbox.answeredIds,
    };
  }

  /** The level whose officers receive the dossier and ask for supplements. */
  get dossierLevel(): LevelId {
    const level = this.ruleSet.levels.find((l) => l.reviewsDossier) ?? this.ruleSet.levels[0];
    if (!level) throw new Error(`rule set ${this.ruleSet.id} has no levels`);
    return level.id;
  }

  /** Registers the Updates, the state query and the signals (see action-updates.ts). */
  listen(): void {
    listen(this);
  }

  /** No accepted action waits for the story, so the run may end or continue as new. */
  get idle(): boolean {
    return this.inbox.idle;
  }

  /** Whether an accepted action waits for the story to take it. */
  has(action: ActionName): boolean {
    return this.inbox.has(action);
  }

  /**
   * Actions accepted in the stage just left that the new stage does not allow:
   * a withdrawal that lost the race to certification, say. Their Updates fail
   * rather than wait for a story that will never take them.
   */
  private refuseStale(): void {
    this.inbox.refuseStale(
      this.stage,
      (acted) =>
        checkAction(acted.action, acted.payload.actor, this.actionContext()) ??
        (acted.action === 'withdraw' && this.candidacyKeepsRating() ? ratingHeld(this.state) : null),
    );
  }

  /**
   * The stage people act in. A run continued into post-inspection starts from
   * the certified state it was handed, and an Update that reaches it before its
   * first transition is recorded (the SDK delivers Updates waiting for a new
   * run as its handlers are registered) acts in post-inspection, where the
   * read model already shows the product. Only validators read this, and
   * replay skips them.
   */
  private get actingStage(): Stage {
    return this.continuedIntoPostInspection && this.stage === 'CERTIFIED' ? 'POST_INSPECTION' : this.stage;
  }

  /** What the stage, role and deadline checks read of the application. */
  actionContext() {
    return {
      stage: this.actingStage,
      dossierLevel: this.dossierLevel,
      level: this.state.level,
      ownerId: this.input.subject.id,
      deadline: this.state.deadline,
      overdue: this.overdue,
      pendingRecognition: Boolean(this.state.pendingRecognition),
    };
  }

  /** Marks an action as taken so its Update returns the state that follows. */
  private answer(acted: AcceptedAction): void {
    this.inbox.answer(acted);
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
  ): Promise<AcceptedAction<A> | null> {
    const taken = () => this.inbox.find(action);
    const closing = () => this.inbox.withdrawal !== null || this.givingWay;
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
        reminderOffsets: reminderOffsets(this, deadline.kind),
        remind: (offset, dueAt) => notifyDeadline(this, 'reminder', dueAt, offset),
      });
      if (waited === 'done') break;
      await notifyDeadline(this, 'escalation', deadline.dueAt);
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
      this.inbox.take(acted);
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
    const withdrawal = this.inbox.withdrawal;
    if (withdrawal) {
      this.inbox.withdrawal = null;
      await this.close('WITHDRAWN', withdrawal, { reason: withdrawal.payload.reason });
    } else {
      await this.closeGivingWay();
    }
  }

  /** Closes an application giving way: superseded by a newer certificate, or its re-evaluation failed. */
  async closeGivingWay(): Promise<void> {
    if (this.supersededBy) {
      await this.close('SUPERSEDED', SYSTEM, { ...this.supersededBy });
    } else if (this.reevaluationFailedBy) {
      // See previous.ts: the failed re-evaluation ends the certificate it would have renewed.
      await this.close('REVOKED', SYSTEM, { reason: 're-evaluation-failed', ...this.reevaluationFailedBy });
    }
  }

  /** Moves to the next stage, recording the action that moved it. */
  async move(
    stage: Stage,
    by: AcceptedAction | Actor,
    options: { deadline?: P.Deadline | null; level?: LevelId | null; payload?: Record<string, unknown> } = {},
  ): Promise<void> {
    const { acted, actor } = madeBy(by);
    if (options.level !== undefined) this.state.level = options.level;
    await this.record(
      acted?.action ?? (stage === 'REGISTERED' ? 'register' : `enter:${stage}`),
      actor,
      stage,
      options.deadline ?? null,
      { ...(acted ? (acted.payload as Record<string, unknown>) : {}), ...options.payload },
    );
    if (acted) this.answer(acted);
  }

  /**
   * Ends the application in a terminal stage; expired, superseded or revoked,
   * it ends its certificate first. Closed by a person's action, it answers
   * that action's Update once the closing is recorded.
   */
  async close(stage: Stage, by: AcceptedAction | Actor, payload: Record<string, unknown> = {}): Promise<void> {
    const { acted, actor } = madeBy(by);
    const status = CERTIFICATE_ENDED_BY[stage];
    const number = this.state.certificate?.number;
    if (status && number && this.closeEndsCertificate()) {
      await setCertificateStatus.executeWithOptions({ summary: `certificate ${number}: ${status}` }, [
        { number, province: this.input.province, year: this.input.year, status },
      ]);
    }
    await this.record(stage === 'WITHDRAWN' ? 'withdraw' : `close:${stage}`, actor, stage, null, payload);
    await reportFailedReevaluation(this, stage);
    if (acted) this.answer(acted);
  }

  /** One transition: state, history, search attributes, current details, and the persisted event. */
  async record(
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
    const inTask = this.patches.has(LOCAL_RECORDING);
    showToOperators(this, inTask);
    const summary = `record ${action}: ${stageFrom ?? 'start'} → ${stage}`;
    const event = transitionEvent(this, { seq, action, actor, stageFrom, at, stage, deadline, payload });
    const record = inTask ? local.recordTransition : recordTransition;
    await record.executeWithOptions({ summary }, [event]);
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

  /** Sends a notice through the outbox, and says whether it went out (see notices.ts). */
  sendNotice(request: NotifyRequest, summary: string): Promise<boolean> {
    return sendNotice(request, summary);
  }

  /** Tells the application this one re-rates that its certificate gives way. */
  supersedePrevious(stars: number): Promise<void> {
    return supersedePrevious(this, stars);
  }
}

export { refuse } from './action-checks';
