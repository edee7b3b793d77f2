/**
 * RegisterTOTP and VerifyTOTPRegistration (contract operations 19 and 20), and the import of an
 * already-verified secret for AddHumanUser. The pending registration is a workflow; the API
 * opens the sealed secret it answers with, only to hand it to the caller once.
 */
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { Transaction } from 'sequelize';
import { Errors, FlowgateError, ValidationError } from '../../common/errors';
import {
  FlowKindAttribute,
  FlowStateAttribute,
  TOTP_REGISTRATION_KIND,
  UserIdAttribute,
  totpRegistrationWorkflowId,
} from '../../common/flows';
import { startTOTPUpdate, verifyTOTPUpdate } from '../../common/totp-messages';
import type { Details } from '../../common/verification-messages';
import { normalizeTOTPSecret, totpURI } from '../../infra/totp';
import {
  findTOTPCredential,
  insertTOTPCredential,
  totpSecretContext,
} from '../../store/totp-store';
import { appendUserEvent, findUser, type UserRow } from '../../store/users-store';
import type { totpRegistrationWorkflow } from '../../workflows/totp-registration-workflow';
import type { ApiDeps } from '../deps';
import { isClosedOrMissing, retryWhileFlowBusy, withinCallTimeout } from './verification-client';

export interface RegisterTOTPResult {
  details: Details;
  uri: string;
  secret: string;
}

async function existingUser(deps: ApiDeps, userId: string): Promise<UserRow> {
  const user = await findUser(deps.db, userId);
  if (!user) {
    throw new FlowgateError(Errors.userNotFound);
  }
  return user;
}

/** Starts the user's TOTP registration or replaces the secret of the pending one. */
export async function registerTOTP(deps: ApiDeps, userId: string): Promise<RegisterTOTPResult> {
  const { config, temporal } = deps;
  const user = await existingUser(deps, userId);
  if (await findTOTPCredential(deps.db, userId)) {
    throw new FlowgateError(Errors.otpAlreadyReady);
  }

  const started = await retryWhileFlowBusy(() => {
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof totpRegistrationWorkflow>(
      'totpRegistrationWorkflow',
      {
        workflowId: totpRegistrationWorkflowId(userId),
        taskQueue: config.temporal.taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [
          {
            userId,
            orgId: user.org_id,
            ttlMs: config.registrationTtlMs,
            maxAttempts: config.codes.maxAttempts,
          },
        ],
        typedSearchAttributes: [
          { key: UserIdAttribute, value: userId },
          { key: FlowKindAttribute, value: TOTP_REGISTRATION_KIND },
          { key: FlowStateAttribute, value: 'pending' },
        ],
        staticSummary: `TOTP registration of user ${userId}`,
      },
    );
    return withinCallTimeout(deps, () =>
      temporal.workflow.executeUpdateWithStart(startTOTPUpdate, {
        args: [],
        startWorkflowOperation,
      }),
    );
  });

  const secret = deps.secretBox.open(started.sealedSecret, totpSecretContext(userId));
  // The contract's account: the username (ZITADEL falls back to the email when it is empty).
  const uri = totpURI(config.totp.issuer, user.username || user.email, secret);
  return { details: started.details, uri, secret };
}

const REJECTIONS = {
  invalid: Errors.totpInvalidCode,
  locked: Errors.totpInvalidCode,
  expired: Errors.otpNotExisting,
  closed: Errors.otpNotExisting,
} as const;

/** Checks a code against the pending registration; success stores the credential. */
export async function verifyTOTPRegistration(
  deps: ApiDeps,
  userId: string,
  code: string,
): Promise<Details> {
  await existingUser(deps, userId);
  const handle = deps.temporal.workflow.getHandle(totpRegistrationWorkflowId(userId));

  let result;
  try {
    result = await withinCallTimeout(deps, () =>
      handle.executeUpdate(verifyTOTPUpdate, { args: [{ code }] }),
    );
  } catch (error) {
    if (!isClosedOrMissing(error)) {
      throw error;
    }
    result = { ok: false, reason: 'closed' } as const;
  }

  if (result.ok) {
    return result.details;
  }
  if (result.reason === 'closed' && (await findTOTPCredential(deps.db, userId))) {
    throw new FlowgateError(Errors.totpVerifiedAlready);
  }
  throw new FlowgateError(REJECTIONS[result.reason]);
}

/**
 * AddHumanUser's `totpSecret`: an authenticator already set up elsewhere, stored sealed as a
 * verified TOTP in the transaction that creates the user.
 */
export async function importTOTPSecret(
  deps: ApiDeps,
  userId: string,
  totpSecret: string,
  transaction: Transaction,
): Promise<Details> {
  const secret = normalizeTOTPSecret(totpSecret);
  if (!secret) {
    throw new ValidationError(
      'invalid AddHumanUserRequest.TotpSecret: value must be a base32 secret of 16 to 64 bytes',
    );
  }

  const now = deps.clock.now();
  const sealedSecret = deps.secretBox.seal(secret, totpSecretContext(userId));
  const credential = { userId, sealedSecret, imported: true };
  if (!(await insertTOTPCredential(deps.db, credential, now, transaction))) {
    throw new FlowgateError(Errors.otpAlreadyReady);
  }
  const event = 'user.human.mfa.otp.verified';
  return appendUserEvent(deps.db, userId, event, { imported: true }, now, transaction);
}
