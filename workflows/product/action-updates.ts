// How an action's Update is registered: its validator and handler, typed from
// the Update definitions in messages.ts.
import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import type * as P from '../../domain/product';
import type { ActionName } from '../../domain/stages';
import * as messages from './messages';

/** Registers the Update of `action`; both functions take the raw argument the schema parses. */
export function registerAction<A extends ActionName>(
  action: A,
  handler: (raw: unknown) => Promise<P.ProductState>,
  validator: (raw: unknown) => void,
): void {
  const definition: UpdateDefinition<P.ProductState, [unknown]> = messages[action];
  setHandler(definition, handler, { validator });
}
