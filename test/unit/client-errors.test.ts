// What the client library tells its callers when an Update fails: a kind to
// branch on and one line, never the SDK's error with its stack.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { OcopError, translate } from '../../client/errors';

describe('translate', () => {
  it('turns a registration whose serial is taken into a refusal naming the cycle, not a stack trace', () => {
    const conflict = ApplicationFailure.nonRetryable(
      'serial 1 of CW-2026 is taken by another product',
      'RegistrationConflict',
    );
    const activity = new ActivityFailure(
      'Activity task failed',
      'reserveRegistration',
      '1',
      RetryState.NON_RETRYABLE_FAILURE,
      'worker',
      conflict,
    );
    const failed = translate(new WorkflowUpdateFailedError('Workflow Update failed', activity), 'cycle CW-2026');
    expect(failed).toBeInstanceOf(OcopError);
    expect(failed).toMatchObject({
      kind: 'WrongStage',
      message: 'cycle CW-2026: serial 1 of CW-2026 is taken by another product; it takes no registrations',
    });
  });

  it('passes a failure of the rules on with its kind', () => {
    const refused = ApplicationFailure.nonRetryable('registerProduct: registration closed', 'DeadlinePassed');
    expect(translate(new WorkflowUpdateFailedError('Workflow Update failed', refused), 'cycle CB-2026')).toMatchObject({
      kind: 'DeadlinePassed',
      message: 'registerProduct: registration closed',
    });
  });
});
