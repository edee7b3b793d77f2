/**
 * How the API drives WebAuthn registrations: update-with-start on `<kind>:<userId>`, so the
 * first start creates the flow and a later one replaces its registration atomically; a verify
 * goes to the pending flow and must name its registration.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { Errors, FlowgateError } from '../../common/errors';
import {
  FlowKindAttribute,
  FlowStateAttribute,
  REGISTRATIONS,
  UserIdAttribute,
  registrationWorkflowId,
  type RegistrationKind,
} from '../../common/flows';
import type { Details } from '../../common/verification-messages';
import {
  beginRegistrationUpdate,
  verifyRegistrationUpdate,
  type BeginRegistrationRequest,
  type BeginRegistrationResult,
  type VerifyRegistrationResult,
} from '../../common/webauthn-messages';
import { latestRegistration } from '../../store/webauthn-store';
import type { webauthnRegistrationWorkflow } from '../../workflows/webauthn-registration-workflow';
import type { ApiDeps } from '../deps';
import {
  BUSY_RETRIES,
  isClosedOrMissing,
  isFlowBusy,
  withinCallTimeout,
} from './verification-client';

export interface BeginRegistration extends BeginRegistrationRequest {
  userId: string;
  orgId: string;
}

/** Starts the user's registration of `kind`, replacing a pending one. */
export async function beginWebAuthnRegistration(
  deps: ApiDeps,
  kind: RegistrationKind,
  request: BeginRegistration,
): Promise<BeginRegistrationResult> {
  const { config, temporal } = deps;
  const { credential, label } = REGISTRATIONS[kind];
  const { userId, orgId, ...begin } = request;
  const workflowId = registrationWorkflowId(kind, userId);

  for (let attempt = 0; ; attempt += 1) {
    const startWorkflowOperation = new WithStartWorkflowOperation<
      typeof webauthnRegistrationWorkflow
    >('webauthnRegistrationWorkflow', {
      workflowId,
      taskQueue: config.temporal.taskQueue,
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [
        {
          kind,
          credential,
          userId,
          orgId,
          ttlMs: config.registrationTtlMs,
          rpName: config.webauthn.rpName,
          origins: config.webauthn.origins,
        },
      ],
      typedSearchAttributes: [
        { key: UserIdAttribute, value: userId },
        { key: FlowKindAttribute, value: kind },
        { key: FlowStateAttribute, value: 'pending' },
      ],
      staticSummary: `${label} of user ${userId}`,
    });

    try {
      return await withinCallTimeout(deps, () =>
        temporal.workflow.executeUpdateWithStart(beginRegistrationUpdate, {
          args: [begin],
          startWorkflowOperation,
        }),
      );
    } catch (error) {
      // The pending flow is closing (just verified or failed): the next try starts a new one.
      if (isFlowBusy(error) && attempt < BUSY_RETRIES) {
        await sleep(50 * 2 ** attempt);
        continue;
      }
      throw error;
    }
  }
}

export interface VerifyRegistration {
  userId: string;
  registrationId: string;
  credential: Record<string, unknown>;
  name: string;
}

/** Finishes the pending registration with the browser's credential. */
export async function verifyWebAuthnRegistration(
  deps: ApiDeps,
  kind: RegistrationKind,
  request: VerifyRegistration,
): Promise<Details> {
  const { userId, ...verify } = request;
  const handle = deps.temporal.workflow.getHandle(registrationWorkflowId(kind, userId));

  let result: VerifyRegistrationResult;
  try {
    result = await withinCallTimeout(deps, () =>
      handle.executeUpdate(verifyRegistrationUpdate, { args: [verify] }),
    );
  } catch (error) {
    if (!isClosedOrMissing(error)) {
      throw error;
    }
    result = { ok: false, reason: 'not-found' };
  }

  if (result.ok) {
    return result.details;
  }
  if (result.reason === 'failed') {
    // WebAuthn L3 7.1: the ceremony failed; the reason helps the user pick another key.
    throw new FlowgateError(Errors.webauthnCreateFailed, result.message);
  }
  throw await missingRegistrationError(deps, kind, userId, request.registrationId);
}

/** A 404 that says why, from PostgreSQL's record of the registration. */
async function missingRegistrationError(
  deps: ApiDeps,
  kind: RegistrationKind,
  userId: string,
  registrationId: string,
): Promise<FlowgateError> {
  const latest = await latestRegistration(deps.db, userId, REGISTRATIONS[kind].credential);
  if (latest?.id === registrationId && latest.state === 'expired') {
    return new FlowgateError(Errors.webauthnNotFound, 'the registration expired');
  }
  return new FlowgateError(Errors.webauthnNotFound);
}
