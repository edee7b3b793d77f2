/**
 * One pending TOTP registration per user (`totp-registration:<userId>`). Each startTOTP Update
 * replaces the secret and restarts the lifetime, each verifyTOTP Update checks one code, a
 * timer ends the registration as expired. The state machine itself is TOTPRegistrationFlow.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { Errors } from '../common/errors';
import type { FlowState } from '../common/flows';
import {
  MAX_TOTP_CODE_LENGTH,
  startTOTPUpdate,
  totpStatusQuery,
  verifyTOTPUpdate,
  type TOTPRegistrationInput,
} from '../common/totp-messages';
import { createSerialQueue } from './serial';
import { finishTOTP } from './totp-registration-activities';
import { TOTPRegistrationFlow } from './totp-registration-flow';
import { waitUntilClosed } from './wait-until-closed';

export interface TOTPRegistrationOutcome {
  state: FlowState;
}

export async function totpRegistrationWorkflow(
  input: TOTPRegistrationInput,
): Promise<TOTPRegistrationOutcome> {
  const { workflowId, runId } = workflowInfo();
  const flow = new TOTPRegistrationFlow(input, workflowId, runId);
  // Handlers that call activities run one at a time, so two codes can never race.
  const serialize = createSerialQueue();

  setHandler(startTOTPUpdate, () => serialize(() => flow.start()), {
    validator: () => {
      if (flow.state !== 'pending') {
        // The API retries this one: by then the closing run has completed and a new one starts.
        throw ApplicationFailure.nonRetryable('the registration is closing', Errors.flowBusy.id);
      }
    },
  });

  setHandler(verifyTOTPUpdate, (request) => serialize(() => flow.verify(request)), {
    // Rejects malformed input before it reaches history.
    validator: (request) => {
      const code = request?.code;
      if (typeof code !== 'string' || code.length < 1 || code.length > MAX_TOTP_CODE_LENGTH) {
        throw new Error('code must be 1 to 200 characters');
      }
    },
  });

  setHandler(totpStatusQuery, () => flow.status());

  await waitUntilClosed(flow, serialize);

  const outcome = flow.state;
  if (outcome === 'expired' || outcome === 'locked' || outcome === 'cancelled') {
    await finishTOTP({ runId, state: outcome });
  }

  await condition(allHandlersFinished);
  return { state: outcome };
}
