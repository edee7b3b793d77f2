/** The activities the WebAuthn registration and passkey link workflows call. */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

// Short PostgreSQL transactions (and the attestation check in front of one) run as local
// activities; each is idempotent, so a re-execution after a worker crash is harmless.
export const { beginRegistration, verifyCredential, endRegistration, createPasskeyLink } =
  proxyLocalActivities<Activities>({
    startToCloseTimeout: '15s',
    retry: { initialInterval: '500ms', maximumInterval: '10s', maximumAttempts: 8 },
  });

// Delivery talks to a provider over the network: a regular activity with patient retries.
export const { sendPasskeyLinkEmail } = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '2s', maximumInterval: '1m', maximumAttempts: 10 },
});
