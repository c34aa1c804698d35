// The product application's public surface: what people send it (Updates),
// what it tells (the state query) and the facts other workflows signal to it.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ActionAnswer,
  ExtendDeadline,
  ProductState,
  RecordRecognitionDecision,
  RecordRevocationDecision,
  RecordCouncilResult,
  RecordInspection,
  ReviewDossier,
  SubmitDossier,
  SubmitSupplement,
  Withdraw,
} from '../../domain/product';
import type { LevelId } from '../../domain/schemas';

export const submitDossier = defineUpdate<ActionAnswer, [SubmitDossier]>('submitDossier');
export const reviewDossier = defineUpdate<ActionAnswer, [ReviewDossier]>('reviewDossier');
export const submitSupplement = defineUpdate<ActionAnswer, [SubmitSupplement]>('submitSupplement');
export const recordCouncilResult = defineUpdate<ActionAnswer, [RecordCouncilResult]>('recordCouncilResult');
export const recordInspection = defineUpdate<ActionAnswer, [RecordInspection]>('recordInspection');
export const withdraw = defineUpdate<ActionAnswer, [Withdraw]>('withdraw');
export const extendDeadline = defineUpdate<ActionAnswer, [ExtendDeadline]>('extendDeadline');
export const recordRecognitionDecision = defineUpdate<ActionAnswer, [RecordRecognitionDecision]>(
  'recordRecognitionDecision',
);
export const recordRevocationDecision = defineUpdate<ActionAnswer, [RecordRevocationDecision]>(
  'recordRevocationDecision',
);

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
