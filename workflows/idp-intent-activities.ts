/** The activities of the identity-provider intent workflow, with their timeouts and retries. */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

// Provider calls go over the network: regular activities. A code can be redeemed only once,
// so the redemption is not retried at length; a failure ends the intent as failed.
export const { prepareIdpAuthorization, completeIdpIntent } = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', maximumInterval: '10s', maximumAttempts: 3 },
});

export const { finishIdpIntent } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '500ms', maximumInterval: '10s', maximumAttempts: 8 },
});
