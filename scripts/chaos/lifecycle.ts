// The bench's full lifecycle, sent as a careful user sends it through faults:
// an action whose answer was lost is checked before it is sent again, so a
// worker killed after it took an Update does not get the same action twice.
import type { Action, Lifecycle } from '../../bench/driver';
import { cycleOf, engineLifecycle } from '../../bench/lifecycles';
import { OcopError } from '../../client/errors';
import type { OcopClient } from '../../client/ocop-client';
import { productId } from '../../domain/ids';

/** How long one action is tried through faults before the product counts as failed. */
const GIVE_UP_MS = 5 * 60_000;
const PAUSE_MS = 1_000;

const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));

/** A refusal that is the engine's answer, not a fault on the way: sending again changes nothing. */
const RULE_KINDS: readonly string[] = ['ValidationError', 'Forbidden', 'DeadlinePassed', 'AlreadyExists'];
const isRuleRefusal = (error: unknown) => error instanceof OcopError && RULE_KINDS.includes(error.kind);

/** Whether the product's workflow has taken the action `times` times already; undefined when it cannot be asked. */
async function taken(ocop: OcopClient, product: string, action: string, times: number): Promise<boolean | undefined> {
  try {
    const state = await ocop.productState(product);
    return state.history.filter((h) => h.action === action).length >= times;
  } catch {
    return undefined;
  }
}

/**
 * Sends until it is answered. After a failure that is not the engine's refusal,
 * `afterFault` says whether the request was taken all the same (done), must be
 * left to the driver (it throws), or is sent again after a pause.
 */
async function throughFaults(send: () => Promise<unknown>, afterFault: (error: unknown) => Promise<boolean>) {
  const until = Date.now() + GIVE_UP_MS;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (isRuleRefusal(error) || Date.now() > until) throw error;
      if (await afterFault(error)) return undefined;
      await pause();
    }
  }
}

/** The action `index` of the lifecycle, sent until it is taken, checking after each fault whether it was. */
function patient(ocop: OcopClient, province: string, base: Lifecycle, index: number): Action {
  const action = base.actions[index]!;
  const times = base.actions.slice(0, index + 1).filter((a) => a.name === action.name).length;
  return {
    name: action.name,
    send: (i) =>
      throughFaults(
        () => action.send(i),
        async (error) => {
          if (await taken(ocop, productId(cycleOf(province), i), action.name, times)) return true;
          // Not taken: the workflow is not there yet (the driver waits and sends again), or a fault was in the way.
          if (base.notYet(error)) throw error;
          return false;
        },
      ),
  };
}

export function chaosLifecycle(ocop: OcopClient, province: string): Lifecycle {
  const base = engineLifecycle(ocop, province, 'full');
  return {
    ...base,
    // Starting is idempotent: the id is the product's, and a started one is returned as it is.
    start: (i) =>
      throughFaults(
        () => base.start(i),
        async () => false,
      ),
    actions: base.actions.map((_, index) => patient(ocop, province, base, index)),
  };
}
