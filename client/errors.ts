// What the client tells its callers, whatever went wrong underneath: a kind
// they can branch on and a message that names the field and the rule.
import { ScheduleNotFoundError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';

export type OcopErrorKind =
  'ValidationError' | 'WrongStage' | 'Forbidden' | 'DeadlinePassed' | 'NotFound' | 'AlreadyExists' | 'Unavailable';

export class OcopError extends Error {
  override name = 'OcopError';
  constructor(
    readonly kind: OcopErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const RULE_KINDS: readonly string[] = ['ValidationError', 'WrongStage', 'Forbidden', 'DeadlinePassed', 'AlreadyExists'];

/** Parses with a domain schema, or throws a ValidationError listing each field and its rule. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new OcopError('ValidationError', `${what}: ${issues.join('; ')}`);
}

/** Turns SDK errors into OcopErrors; anything unexpected passes through unchanged. */
export function translate(error: unknown, subject: string): unknown {
  if (error instanceof OcopError) return error;
  // The SDK reports an Update to a finished workflow as not found, though its state can still be read.
  if (error instanceof WorkflowNotFoundError && /already completed/i.test(error.message)) {
    return new OcopError('WrongStage', `${subject} is closed: its workflow has completed and takes no more actions`);
  }
  if (error instanceof WorkflowNotFoundError || error instanceof ScheduleNotFoundError) {
    return new OcopError('NotFound', `${subject} not found`);
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const { type, message } = error.cause;
    if (type && RULE_KINDS.includes(type)) return new OcopError(type as OcopErrorKind, message);
  }
  // A cycle whose serials are out of step with its registrations (a run started again under an ended cycle's id).
  if (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ActivityFailure &&
    error.cause.cause instanceof ApplicationFailure &&
    error.cause.cause.type === 'RegistrationConflict'
  ) {
    return new OcopError('WrongStage', `${subject}: ${error.cause.cause.message}; it takes no registrations`);
  }
  const message = (error as Error)?.message ?? '';
  if (/not found/i.test(message) && /workflow/i.test(message)) return new OcopError('NotFound', `${subject} not found`);
  if (/connect|unavailable|transport|dns error|deadline exceeded/i.test(message)) {
    return new OcopError('Unavailable', `cannot reach Temporal: ${message.split('\n')[0]}`);
  }
  return error;
}
