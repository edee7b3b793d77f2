/**
 * The I/O of a TOTP registration. The secret is made and sealed here and leaves only sealed:
 * the workflow, its history and PostgreSQL never see it in cleartext.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { Errors } from '../common/errors';
import type { FlowState } from '../common/flows';
import type { StartTOTPResult } from '../common/totp-messages';
import type { Details } from '../common/verification-messages';
import { checkTOTP, newTOTPSecret } from '../infra/totp';
import {
  countWrongTOTP,
  findTOTPCredential,
  finishTOTPRegistration,
  insertTOTPCredential,
  lockTOTPRegistration,
  recordedTOTPDetails,
  storePendingTOTP,
  totpSecretContext,
} from '../store/totp-store';
import { appendUserEvent, findUser } from '../store/users-store';
import type { ActivityDeps } from './deps';

export interface CreateTOTPSecretInput {
  workflowId: string;
  runId: string;
  generation: number;
  userId: string;
  ttlMs: number;
}

export interface VerifyTOTPCodeInput {
  runId: string;
  generation: number;
  userId: string;
  orgId: string;
  code: string;
}

/**
 * `verified`: the credential is stored (also on a retry after the commit); `wrong`: counted
 * in `attempts`; `stale`: the generation is not the run's pending one.
 */
export type VerifyTOTPCodeResult =
  | { outcome: 'verified'; details: Details }
  | { outcome: 'wrong'; attempts: number }
  | { outcome: 'stale' };

export interface FinishTOTPInput {
  runId: string;
  state: Exclude<FlowState, 'pending' | 'verified'>;
}

export function totpRegistrationActivities(deps: ActivityDeps) {
  const { db, clock, secretBox } = deps;

  /** Makes and seals a new secret for the run; a user with a verified TOTP is refused. */
  async function createTOTPSecret(input: CreateTOTPSecretInput): Promise<StartTOTPResult> {
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + input.ttlMs);
    const sealedSecret = secretBox.seal(newTOTPSecret(), totpSecretContext(input.userId));

    const details = await db.transaction(async (transaction) => {
      if (!(await findUser(db, input.userId, transaction))) {
        throw ApplicationFailure.nonRetryable('the user no longer exists', Errors.userNotFound.id);
      }
      if (await findTOTPCredential(db, input.userId, transaction)) {
        throw ApplicationFailure.nonRetryable('TOTP is already set up', Errors.otpAlreadyReady.id);
      }

      const pending = { ...input, sealedSecret, expiresAt };
      await storePendingTOTP(db, pending, now, transaction);
      const added = { flow: input.workflowId, generation: input.generation };
      return appendUserEvent(db, input.userId, 'user.human.mfa.otp.added', added, now, transaction);
    });

    return { sealedSecret, details, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Checks a code against the pending secret (RFC 6238, one step of skew) in one transaction
   * holding the registration's row: a wrong code is counted atomically, a right one stores
   * the credential with its time step, and a retry finds the recorded result.
   */
  async function verifyTOTPCode(input: VerifyTOTPCodeInput): Promise<VerifyTOTPCodeResult> {
    const now = clock.now();
    return db.transaction(async (transaction): Promise<VerifyTOTPCodeResult> => {
      const row = await lockTOTPRegistration(db, input.runId, transaction);
      const recorded = row?.state === 'verified' && recordedTOTPDetails(row, input.orgId);
      if (recorded) {
        return { outcome: 'verified', details: recorded };
      }
      if (!row?.sealed_secret || row.state !== 'pending' || row.generation !== input.generation) {
        return { outcome: 'stale' };
      }

      const { userId } = input;
      const context = totpSecretContext(userId);
      const secret = secretBox.open(row.sealed_secret, context);
      const check = await checkTOTP({ secret, code: input.code, at: now });
      if (!check.ok) {
        const attempts = await countWrongTOTP(db, input.runId, input.generation, now, transaction);
        return { outcome: 'wrong', attempts: attempts ?? row.attempts + 1 };
      }

      const credential = {
        userId,
        sealedSecret: row.sealed_secret,
        lastTimeStep: check.timeStep,
        imported: false,
      };
      if (!(await insertTOTPCredential(db, credential, now, transaction))) {
        throw ApplicationFailure.nonRetryable('TOTP is already set up', Errors.otpAlreadyReady.id);
      }
      const verified = { flow: row.workflow_id, generation: row.generation };
      const event = 'user.human.mfa.otp.verified';
      const details = await appendUserEvent(db, userId, event, verified, now, transaction);
      await finishTOTPRegistration(db, input.runId, 'verified', now, details, transaction);
      return { outcome: 'verified', details };
    });
  }

  /** Ends the pending registration when no code verified it; its sealed secret is dropped. */
  async function finishTOTP(input: FinishTOTPInput): Promise<void> {
    await finishTOTPRegistration(db, input.runId, input.state, clock.now());
  }

  return { createTOTPSecret, verifyTOTPCode, finishTOTP };
}
