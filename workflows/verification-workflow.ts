/**
 * One verification (a code proving an address) per user and purpose. Each issueCode Update
 * replaces the code and restarts the lifetime, each submitCode Update checks one code, a timer
 * ends the flow as expired. The state machine itself is VerificationFlow.
 */
import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  isCancellation,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { Errors } from '../common/errors';
import { VERIFICATIONS, type FlowState } from '../common/flows';
import {
  MAX_SUBMITTED_CODE_LENGTH,
  cancelSignal,
  issueCodeUpdate,
  statusQuery,
  submitCodeUpdate,
  type VerificationInput,
} from '../common/verification-messages';
import { createSerialQueue } from './serial';
import { finishVerification } from './verification-activities';
import { VerificationFlow } from './verification-flow';
import { waitUntilClosed } from './wait-until-closed';

export interface VerificationOutcome {
  state: FlowState;
}

export async function verificationWorkflow(input: VerificationInput): Promise<VerificationOutcome> {
  const { workflowId, runId } = workflowInfo();
  const flow = new VerificationFlow(input, workflowId, runId);
  // Handlers that call activities run one at a time, so two codes can never race.
  const serialize = createSerialQueue();

  setHandler(issueCodeUpdate, (request) => serialize(() => flow.issue(request)), {
    validator: (request) => {
      if (flow.state !== 'pending') {
        // The API retries this one: by then the closing run has completed and a new one starts.
        throw ApplicationFailure.nonRetryable('the flow is closing', Errors.flowBusy.id);
      }
      if (!request || typeof request.target !== 'string' || !request.delivery) {
        throw new Error('malformed issueCode request');
      }
      if (request.channel !== undefined && !['email', 'phone'].includes(request.channel)) {
        throw new Error('unknown channel');
      }
    },
  });

  setHandler(submitCodeUpdate, (request) => serialize(() => flow.submit(request)), {
    // Rejects malformed input before it reaches history.
    validator: (request) => {
      const code = request?.code;
      if (typeof code !== 'string' || code.length < 1 || code.length > MAX_SUBMITTED_CODE_LENGTH) {
        throw new Error('verification code must be 1 to 20 characters');
      }
      if (VERIFICATIONS[input.kind].resetsPassword && typeof request.password?.hash !== 'string') {
        throw new Error('a password reset needs the new password hash');
      }
    },
  });

  setHandler(cancelSignal, () => flow.cancel());
  setHandler(statusQuery, () => flow.status());

  try {
    await waitUntilClosed(flow, serialize);
  } catch (error) {
    if (!isCancellation(error)) {
      throw error;
    }
    // An operator cancelled the flow (Temporal Web UI): the code dies in PostgreSQL too, and
    // the run still ends as Canceled for the operator to see.
    flow.cancel();
    await CancellationScope.nonCancellable(() => finishVerification({ runId, state: 'cancelled' }));
    throw error;
  }

  const outcome = flow.state;
  if (outcome === 'expired' || outcome === 'locked' || outcome === 'cancelled') {
    await finishVerification({ runId, state: outcome });
  }

  await flow.settleDeliveries();
  await condition(allHandlersFinished);
  return { state: outcome };
}
