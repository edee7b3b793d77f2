/** The activities the TOTP registration workflow calls: short PostgreSQL transactions. */
import { proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

// Local activities: no task-queue round trip, and each is idempotent, so the re-execution a
// worker crash can cause is harmless.
export const { createTOTPSecret, verifyTOTPCode, finishTOTP } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '500ms', maximumInterval: '10s', maximumAttempts: 8 },
});
