// The product application's public surface: what people send it (Updates),
// what it tells (the state query) and the facts other workflows signal to it.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
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

export const submitDossier = defineUpdate<ProductState, [SubmitDossier]>('submitDossier');
export const reviewDossier = defineUpdate<ProductState, [ReviewDossier]>('reviewDossier');
export const submitSupplement = defineUpdate<ProductState, [SubmitSupplement]>('submitSupplement');
export const recordCouncilResult = defineUpdate<ProductState, [RecordCouncilResult]>('recordCouncilResult');
export const recordInspection = defineUpdate<ProductState, [RecordInspection]>('recordInspection');
export const withdraw = defineUpdate<ProductState, [Withdraw]>('withdraw');
export const extendDeadline = defineUpdate<ProductState, [ExtendDeadline]>('extendDeadline');
export const recordRecognitionDecision = defineUpdate<ProductState, [RecordRecognitionDecision]>(
  'recordRecognitionDecision',
);
export const recordRevocationDecision = defineUpdate<ProductState, [RecordRevocationDecision]>(
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
