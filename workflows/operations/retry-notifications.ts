// An operator's retry of failed deliveries, run where the channels' secrets
// are: the API starts this and waits for its answer. One attempt: a delivery
// that fails again is an answer to report, not a reason to keep trying.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { RetriedDelivery, RetryDeliveries } from '../../activities/operations';

const { retryDeliveries } = proxyActivities<Activities>({
  // A webhook tries three times within its timeouts; a batch of them runs one after another.
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 1 },
});

export async function retryNotifications(req: RetryDeliveries): Promise<RetriedDelivery[]> {
  return retryDeliveries(req);
}
