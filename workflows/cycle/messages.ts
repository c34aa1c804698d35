// The annual cycle's public surface: coordinators and subjects register
// products and move calendar dates through Updates; anyone may read its state.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CycleState,
  ExtendCalendar,
  RegisterProduct,
  RegisterProducts,
  RegistrationOutcome,
} from '../../domain/cycle';

export const registerProduct = defineUpdate<{ productId: string; workflowId: string }, [RegisterProduct]>(
  'registerProduct',
);
/** An import's batch of registrations, taken in order and answered one by one. */
export const registerProducts = defineUpdate<RegistrationOutcome[], [RegisterProducts]>('registerProducts');
export const extendCalendar = defineUpdate<CycleState, [ExtendCalendar]>('extendCalendar');
export const cycleStateQuery = defineQuery<CycleState>('state');
