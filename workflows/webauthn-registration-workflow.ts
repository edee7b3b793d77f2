/**
 * One pending WebAuthn registration (passkey or U2F key) per user and kind. Each
 * beginRegistration Update replaces the challenge and restarts the lifetime, one
 * verifyRegistration Update uses it, a timer ends the flow as expired. The state machine
 * itself is RegistrationFlow.
 */
import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  MAX_CREDENTIAL_JSON_LENGTH,
  beginRegistrationUpdate,
  registrationStatusQuery,
  verifyRegistrationUpdate,
  type BeginRegistrationRequest,
  type RegistrationInput,
  type RegistrationState,
  type VerifyRegistrationRequest,
} from '../common/webauthn-messages';
import { RegistrationFlow } from './registration-flow';
import { createSerialQueue } from './serial';
import { endRegistration } from './webauthn-activities';
import { waitUntilClosed } from './wait-until-closed';

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= max;

/** Rejects malformed starts before they reach history. */
function validateBegin(request: BeginRegistrationRequest): void {
  if (!request || !isText(request.rpId, 253)) {
    throw new Error('malformed beginRegistration request');
  }
  const code = request.linkCode;
  if (code !== undefined && (!isText(code.id, 200) || !isText(code.code, 200))) {
    throw new Error('malformed registration link code');
  }
}

/** Rejects malformed credentials before they reach history (the contract's size limit). */
function validateVerify(request: VerifyRegistrationRequest): void {
  const credential = request?.credential;
  if (
    !isText(request?.registrationId, 200) ||
    !isText(request?.name, 200) ||
    !credential ||
    typeof credential !== 'object' ||
    Array.isArray(credential) ||
    JSON.stringify(credential).length > MAX_CREDENTIAL_JSON_LENGTH
  ) {
    throw new Error('malformed verifyRegistration request');
  }
}

export async function webauthnRegistrationWorkflow(
  input: RegistrationInput,
): Promise<{ state: RegistrationState }> {
  const { workflowId, runId } = workflowInfo();
  const flow = new RegistrationFlow(input, workflowId, runId);
  // Handlers that call activities run one at a time: two verifies cannot share a challenge.
  const serialize = createSerialQueue();

  setHandler(beginRegistrationUpdate, (request) => serialize(() => flow.begin(request)), {
    validator: validateBegin,
  });
  setHandler(verifyRegistrationUpdate, (request) => serialize(() => flow.verify(request)), {
    validator: validateVerify,
  });
  setHandler(registrationStatusQuery, () => flow.status());

  await waitUntilClosed(flow, serialize);

  const outcome = flow.state;
  if ((outcome === 'expired' || outcome === 'failed') && flow.registrationId) {
    await endRegistration({ registrationId: flow.registrationId, state: outcome });
  }
  await condition(allHandlersFinished);
  return { state: outcome };
}
