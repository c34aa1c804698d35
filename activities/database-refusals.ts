// A write that PostgreSQL refuses for what it holds fails the same way on every
// retry: such an activity fails at once, non-retryable, so that the workflow is
// told and the operator sees it, instead of retrying forever behind it.
import { ApplicationFailure } from '@temporalio/common';
import { permanentRefusal } from '../db/errors';

/** The ApplicationFailure type of a write PostgreSQL can never take. */
export const DATABASE_REFUSED = 'DatabaseRefused';

type Activity = (...args: never[]) => Promise<unknown>;

/** `activities`, each failing non-retryable on a permanent PostgreSQL refusal. */
export function failFastOnRefusal<T extends Record<string, Activity>>(activities: T): T {
  const wrapped: Record<string, Activity> = {};
  for (const [name, activity] of Object.entries(activities)) {
    wrapped[name] = async (...args) => {
      try {
        return await activity(...args);
      } catch (error) {
        const refusal = permanentRefusal(error);
        if (refusal === undefined) throw error;
        throw ApplicationFailure.create({ type: DATABASE_REFUSED, message: `${name}: ${refusal}`, nonRetryable: true });
      }
    };
  }
  return wrapped as T;
}
