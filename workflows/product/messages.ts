// The product application's public surface: what people send it (Updates),
// what it tells (the state query) and the facts other workflows signal to it.
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActionAnswer, ActionInput, ProductState } from '../../domain/product';
import type { LevelId } from '../../domain/schemas';
import type { ActionName } from '../../domain/stages';

// An Update takes what a caller sends (the schema's input); its handler parses it into the payload.
export const submitDossier = defineUpdate<ActionAnswer, [ActionInput<'submitDossier'>]>('submitDossier');
export const reviewDossier = defineUpdate<ActionAnswer, [ActionInput<'reviewDossier'>]>('reviewDossier');
export const submitSupplement = defineUpdate<ActionAnswer, [ActionInput<'submitSupplement'>]>('submitSupplement');
export const recordCouncilResult = defineUpdate<ActionAnswer, [ActionInput<'recordCouncilResult'>]>(
  'recordCouncilResult',
);
export const recordInspection = defineUpdate<ActionAnswer, [ActionInput<'recordInspection'>]>('recordInspection');
export const withdraw = defineUpdate<ActionAnswer, [ActionInput<'withdraw'>]>('withdraw');
export const extendDeadline = defineUpdate<ActionAnswer, [ActionInput<'extendDeadline'>]>('extendDeadline');
export const recordRecognitionDecision = defineUpdate<ActionAnswer, [ActionInput<'recordRecognitionDecision'>]>(
  'recordRecognitionDecision',
);
export const recordRevocationDecision = defineUpdate<ActionAnswer, [ActionInput<'recordRevocationDecision'>]>(
  'recordRevocationDecision',
);

/** Each action's Update by its name, typed per action so that a caller generic in the action needs no cast. */
export const ACTION_UPDATES: { [A in ActionName]: UpdateDefinition<ActionAnswer, [ActionInput<A>]> } = {
  submitDossier,
  reviewDossier,
  submitSupplement,
  recordCouncilResult,
  recordInspection,
  withdraw,
  extendDeadline,
  recordRecognitionDecision,
  recordRevocationDecision,
};

export const stateQuery = defineQuery<ProductState>('state');

/** A newer application of the same product was certified: this one's certificate gives way. */
export const supersededSignal = defineSignal<[{ byProductId: string; stars: number }]>('superseded');

export interface CalendarChange {
  deadline: 'dossier' | 'evaluation';
  level?: LevelId;
  until: string;
  reason: string;
}

/** The cycle moved a calendar date: applications waiting on it take the new date at once. */
export const calendarChangedSignal = defineSignal<[CalendarChange]>('calendarChanged');
