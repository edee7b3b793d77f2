/** The activities the verification workflow calls, with their timeouts and retries. */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

// Short PostgreSQL transactions run as local activities: no task-queue round trip each, and
// each one is idempotent, so the re-execution a worker crash can cause is harmless. The
// retries span about a minute and a half, so a PostgreSQL restart or failover loses nothing.
export const { issueCode, verifyCode, finishVerification } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '500ms', maximumInterval: '10s', maximumAttempts: 14 },
});

// Delivery talks to a provider over the network: a regular activity with patient retries.
export const { sendVerificationEmail } = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '2s', maximumInterval: '1m', maximumAttempts: 10 },
});

// SMS cost money and land on a phone: fewer tries, and the code's idempotency key keeps a
// retry from sending a second, different code.
export const { sendCodeBySms } = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '2s', maximumInterval: '1m', maximumAttempts: 6 },
});
