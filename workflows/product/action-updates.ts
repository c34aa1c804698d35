// How the application hears people and other workflows: each action's Update
// (its validator and handler, typed from the Update definitions in
// messages.ts), the state query, and the signals.
import type { UpdateDefinition } from '@temporalio/common';
import { currentUpdateInfo, setHandler } from '@temporalio/workflow';
import * as P from '../../domain/product';
import { type ActionName, checkAction } from '../../domain/stages';
import { checkPayload, refuse } from './action-checks';
import type { AcceptedAction, Application, Payload } from './application';
import { extendDeadline, takeCalendarChange } from './deadline-changes';
import * as messages from './messages';
import { reevaluationFailedSignal, verifyFailedReevaluation, verifySupersession } from './previous';
import { checkRecognitionDecision, recogniseMeanwhile } from './recognition';

export function listen(app: Application): void {
  for (const action of Object.keys(P.ACTION_PARSERS) as ActionName[]) {
    registerAction(
      action,
      // The validator has just checked the rules; replay skips validators, and must not meet rules added since.
      async (raw) =>
        app.inbox.isRepeat() ? P.actionAnswer(app.state) : accept(app, action, P.ACTION_PARSERS[action].parse(raw)),
      (raw) => void (app.inbox.isRepeat() || validate(app, action, raw)),
    );
  }
  setHandler(messages.stateQuery, () => app.state);
  setHandler(messages.supersededSignal, (fact) => verifySupersession(app, fact));
  setHandler(messages.calendarChangedSignal, (fact) => takeCalendarChange(app, fact));
  setHandler(reevaluationFailedSignal, (fact) => verifyFailedReevaluation(app, fact));
}

/** Registers the Update of `action`; both functions take the raw argument the schema parses. */
function registerAction<A extends ActionName>(
  action: A,
  handler: (raw: unknown) => Promise<P.ActionAnswer>,
  validator: (raw: unknown) => void,
): void {
  const definition: UpdateDefinition<P.ActionAnswer, [unknown]> = messages.ACTION_UPDATES[action];
  setHandler(definition, handler, { validator });
}

type Checks = { [A in ActionName]?: (app: Application, payload: Payload<A>) => void };
type Takers = { [A in ActionName]?: (app: Application, acted: AcceptedAction<A>) => Promise<void> };

/** The checks an action needs beyond its stage, role and deadline. */
const FURTHER_CHECKS: Checks = { recordRecognitionDecision: checkRecognitionDecision };

/**
 * How the actions the story does not wait for are taken: an extension at once,
 * and a decision on a potential 5-star product's 4 stars while the story waits on the central council.
 */
const TAKEN_BESIDE_THE_STORY: Takers = {
  extendDeadline: (app, acted) => extendDeadline(app, acted.payload),
  recordRecognitionDecision: (app, acted) =>
    app.stage === 'EVALUATION' ? recogniseMeanwhile(app, acted) : app.inbox.handToStory(acted),
};

/**
 * The Update validator: schema, stage, role, then deadline. It throws before
 * anything is written, so a refused action leaves no event in the history.
 */
export function validate<A extends ActionName>(app: Application, action: A, raw: unknown): Payload<A> {
  const parsed = P.ACTION_PARSERS[action].safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
    throw refuse('ValidationError', `${action}: ${issues.join('; ')}`);
  }
  const payload = parsed.data;
  const refusal = checkAction(action, payload.actor, app.actionContext());
  if (refusal) throw refuse(refusal.type, refusal.message);
  // A second click, or a second officer, must not be taken as the next round's action.
  if (app.inbox.inProgress(action)) {
    throw refuse('WrongStage', `stage: a ${action} is already being processed; send it again once that one returns`);
  }
  if (app.continuing) {
    throw refuse('WrongStage', `stage: the application is continuing as a new run; send ${action} again`);
  }
  checkPayload(app, action, payload);
  FURTHER_CHECKS[action]?.(app, payload);
  return payload;
}

/**
 * The Update handler: hand the action to the story and answer once the story
 * has recorded it, or refuse it if the story moved on to a stage without it.
 */
async function accept<A extends ActionName>(app: Application, action: A, payload: Payload<A>): Promise<P.ActionAnswer> {
  const acted = app.inbox.receive(action, payload);
  const updateId = currentUpdateInfo()?.id;
  const take = TAKEN_BESIDE_THE_STORY[action];
  await (take ? take(app, acted) : app.inbox.handToStory(acted));
  app.inbox.remember(updateId);
  return P.actionAnswer(app.state);
}
