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

const SCHEMAS = P.ACTION_SCHEMAS;

export function listen(app: Application): void {
  for (const action of Object.keys(SCHEMAS) as ActionName[]) {
    registerAction(
      action,
      // The validator has just checked the rules; replay skips validators, and must not meet rules added since.
      async (raw) =>
        app.inbox.isRepeat() ? P.actionAnswer(app.state) : accept(app, action, SCHEMAS[action].parse(raw)),
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
  const definition: UpdateDefinition<P.ActionAnswer, [unknown]> = messages[action];
  setHandler(definition, handler, { validator });
}

/**
 * The Update validator: schema, stage, role, then deadline. It throws before
 * anything is written, so a refused action leaves no event in the history.
 */
export function validate<A extends ActionName>(app: Application, action: A, raw: unknown): Payload<A> {
  const parsed = SCHEMAS[action].safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
    throw refuse('ValidationError', `${action}: ${issues.join('; ')}`);
  }
  const payload = parsed.data as Payload<A>;
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
  if (action === 'recordRecognitionDecision') {
    checkRecognitionDecision(app, payload as Payload<'recordRecognitionDecision'>);
  }
  return payload;
}

/**
 * The Update handler: hand the action to the story and answer once the story
 * has recorded it, or refuse it if the story moved on to a stage without it.
 * An extension, and a decision on a rating held meanwhile, are taken at once.
 */
async function accept<A extends ActionName>(app: Application, action: A, raw: unknown): Promise<P.ActionAnswer> {
  const acted = app.inbox.receive(action, raw as Payload<A>);
  const updateId = currentUpdateInfo()?.id;
  if (action === 'extendDeadline') {
    await extendDeadline(app, acted.payload as Payload<'extendDeadline'>);
  } else if (action === 'recordRecognitionDecision' && app.stage === 'EVALUATION') {
    // The province's decision on a potential 5-star product's 4 stars: the story waits on the central council.
    await recogniseMeanwhile(app, acted as AcceptedAction<'recordRecognitionDecision'>);
  } else {
    await app.inbox.handToStory(acted);
  }
  app.inbox.remember(updateId);
  return P.actionAnswer(app.state);
}
