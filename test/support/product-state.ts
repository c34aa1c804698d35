// Updates answer, and an application's workflow ends, with where it stands
// (ActionAnswer); tests that look at the scores, inspections or history ask
// the state query for them.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ProductState } from '../../domain/product';
import { stateQuery } from '../../workflows/product/messages';
import { endedResult } from './env';

export function stateOf(handle: WorkflowHandle): Promise<ProductState> {
  return handle.query(stateQuery);
}

/** The whole state once the workflow has ended. */
export async function finalState(handle: WorkflowHandle): Promise<ProductState> {
  await handle.result();
  return stateOf(handle);
}

/** The whole state of the application `workflowId` once its latest run has ended. */
export async function endedState(env: TestWorkflowEnvironment, workflowId: string): Promise<ProductState> {
  await endedResult(env, workflowId);
  return env.client.workflow.getHandle(workflowId).query(stateQuery);
}
