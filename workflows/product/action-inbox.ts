// The actions their Updates accepted and the story has yet to take. Each
// accepted action ends answered (the story took it) or refused (the story
// moved to a stage without it); an Update waits here until one or the other.
// A withdrawal is held apart, because it settles whatever wait is in force.
import { type ApplicationFailure, condition, currentUpdateInfo } from '@temporalio/workflow';
import type { Refusal } from '../../domain/stages';
import type { ActionName } from '../../domain/stages';
import { refuse } from './action-checks';
import type { AcceptedAction, Payload } from './application';

/** Enough for the Updates a run answers between its last one and continuing as new. */
const ANSWERED_KEPT = 20;

export class ActionInbox {
  private waiting: AcceptedAction[] = [];
  private nextId = 0;
  private readonly open = new Map<number, ActionName>();
  private readonly refused = new Map<number, ApplicationFailure>();
  /** A withdrawal settles any wait, so the story sees it at once. */
  withdrawal: AcceptedAction<'withdraw'> | null = null;

  /** `answered`: the ids of the last Updates answered, carried from the run before (see isRepeat). */
  constructor(private answered: string[] = []) {}

  get answeredIds(): string[] {
    return this.answered;
  }

  /**
   * Whether this Update was answered already, by the run before. The server
   * knows an Update's id within one run only: a client that retries an Update
   * whose run has since continued as new (certification does) reaches this
   * run, which would refuse the action as out of stage although it was taken.
   * The retry gets the application's state now instead.
   */
  isRepeat(): boolean {
    const id = currentUpdateInfo()?.id;
    return id !== undefined && this.answered.includes(id);
  }

  remember(updateId: string | undefined): void {
    if (updateId === undefined) return;
    this.answered = [...this.answered, updateId].slice(-ANSWERED_KEPT);
  }

  /** Whether an Update of `action` is already waiting: a second click must not become the next round's action. */
  inProgress(action: ActionName): boolean {
    return [...this.open.values()].includes(action);
  }

  /** Numbers an accepted action. */
  receive<A extends ActionName>(action: A, payload: Payload<A>): AcceptedAction<A> {
    return { id: this.nextId++, action, payload };
  }

  /** Hands the action to the story and waits until it is answered; throws its refusal. */
  async handToStory(acted: AcceptedAction): Promise<void> {
    this.open.set(acted.id, acted.action);
    if (acted.action === 'withdraw') this.withdrawal = acted as AcceptedAction<'withdraw'>;
    else this.waiting.push(acted);
    await condition(() => !this.open.has(acted.id));
    const refusal = this.refused.get(acted.id);
    if (refusal) throw refusal;
  }

  /** No accepted action waits for the story. */
  get idle(): boolean {
    return this.open.size === 0;
  }

  has(action: ActionName): boolean {
    return this.waiting.some((a) => a.action === action);
  }

  find<A extends ActionName>(action: A): AcceptedAction<A> | undefined {
    return this.waiting.find((a) => a.action === action) as AcceptedAction<A> | undefined;
  }

  /** Takes the action out for the story, which answers it once it recorded it. */
  take(acted: AcceptedAction): void {
    this.waiting = this.waiting.filter((a) => a !== acted);
  }

  answer(acted: AcceptedAction): void {
    this.open.delete(acted.id);
  }

  /** Fails every waiting action `check` refuses now, with a message saying the stage moved on. */
  refuseStale(stage: string, check: (acted: AcceptedAction) => Refusal | null): void {
    const waiting = this.withdrawal ? [...this.waiting, this.withdrawal] : [...this.waiting];
    for (const acted of waiting) {
      const refusal = check(acted);
      if (!refusal) continue;
      const message = `${acted.action}: the application moved to stage ${stage} before the action was taken; ${refusal.message}`;
      this.take(acted);
      if (this.withdrawal === acted) this.withdrawal = null;
      this.refused.set(acted.id, refuse(refusal.type, message));
      this.open.delete(acted.id);
    }
  }
}
