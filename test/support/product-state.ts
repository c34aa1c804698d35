// Updates answer with where the application stands (ActionAnswer); tests that
// look at the scores, inspections or history ask the state query for them.
import type { WorkflowHandle } from '@temporalio/client';
import type { ProductState } from '../../domain/product';
import { stateQuery } from '../../workflows/product/messages';

export function stateOf(handle: WorkflowHandle): Promise<ProductState> {
  return handle.query(stateQuery);
}
