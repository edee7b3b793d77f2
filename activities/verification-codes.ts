/**
 * Issuing and verifying codes. The plain code leaves `issueCode` once, to the workflow (whose
 * history the payload codec encrypts); PostgreSQL keeps only its keyed hash.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { Errors } from '../common/errors';
import { VERIFICATIONS, type VerificationChannel, type VerificationKind } from '../common/flows';
import type { Details, NewPasswordHash } from '../common/verification-messages';
import { codeMatches, generateCode, hashCode } from '../infra/codes';
import {
  countFailedAttempt,
  findFlow,
  finishFlow,
  recordedDetails,
  storeFlowCode,
} from '../store/flows-store';
import { appendUserEvent, findUser } from '../store/users-store';
import type { ActivityDeps } from './deps';
import { VERIFICATION_CHANNELS } from '../store/verification-channels';
import { PASSWORD_EVENTS } from '../store/passwords-store';
import { completePasswordReset } from './password-reset';

export interface IssueCodeInput {
  workflowId: string;
  runId: string;
  generation: number;
  kind: VerificationKind;
  channel: VerificationChannel;
  userId: string;
  target: string;
  ttlMs: number;
}

export interface IssuedCode {
  code: string;
  details: Details;
  expiresAt: string;
}

export interface VerifyCodeInput {
  runId: string;
  generation: number;
  channel: VerificationChannel;
  userId: string;
  orgId: string;
  code: string;
  /** The new password of a reset, hashed by the API. */
  password?: NewPasswordHash;
}

/**
 * `verified`: the address is now verified (also on a retry after the commit); `wrong`: the
 * code did not match and `attempts` counts it; `stale`: the code is not the flow's live one;
 * `superseded`: the user changed the address since the code was sent.
 */
export type VerifyCodeResult =
  | { outcome: 'verified'; details: Details }
  | { outcome: 'wrong'; attempts: number }
  | { outcome: 'stale' }
  | { outcome: 'superseded' }
  | { outcome: 'unchanged' };

/** The hash scope binds a code to one flow run and generation: it is worthless elsewhere. */
export const codeScope = (runId: string, generation: number): string => `${runId}:${generation}`;

export function verificationCodeActivities(deps: ActivityDeps) {
  const { db, clock } = deps;

  /** Makes a new code for the flow, stores its hash and records the change on the user. */
  async function issueCode(input: IssueCodeInput): Promise<IssuedCode> {
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + input.ttlMs);
    const code = generateCode(deps.codeLength);

    const channel = VERIFICATION_CHANNELS[input.channel];
    const resetsPassword = VERIFICATIONS[input.kind].resetsPassword === true;

    const details = await db.transaction(async (transaction) => {
      const user = await findUser(db, input.userId, transaction);
      if (!user) {
        throw ApplicationFailure.nonRetryable('the user no longer exists', Errors.userNotFound.id);
      }

      const { userId, target } = input;
      if (resetsPassword && channel.current(user) !== target) {
        // A reset code goes to the user's address as it is; it never changes it. The API
        // read the address moments ago: the caller retries with the new one.
        throw ApplicationFailure.nonRetryable('the address changed', Errors.flowBusy.id);
      }
      if (channel.current(user) !== target) {
        await channel.replace(db, userId, target, false, transaction);
        const changed = channel.describe(target);
        await appendUserEvent(db, userId, channel.events.changed, changed, now, transaction);
      }

      const codeHash = hashCode(deps.codeHmacKey, codeScope(input.runId, input.generation), code);
      const flowCode = { ...input, codeHash, expiresAt };
      await storeFlowCode(db, flowCode, now, transaction);

      const added = { flow: input.workflowId, generation: input.generation };
      const event = resetsPassword ? PASSWORD_EVENTS.codeAdded : channel.events.codeAdded;
      return appendUserEvent(db, userId, event, added, now, transaction);
    });

    return { code, details, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Checks a submitted code and, if it is right, marks the address verified, in one
   * transaction that holds the flow's row: two checks cannot interleave, a wrong code is
   * counted atomically, and a retry after a crash finds the recorded result instead of
   * verifying twice.
   */
  async function verifyCode(input: VerifyCodeInput): Promise<VerifyCodeResult> {
    const now = clock.now();
    return db.transaction(async (transaction): Promise<VerifyCodeResult> => {
      const flow = await findFlow(db, input.runId, transaction);
      const recorded = flow?.state === 'verified' && recordedDetails(flow, input.orgId);
      if (recorded) {
        return { outcome: 'verified', details: recorded };
      }
      if (!flow?.code_hash || flow.state !== 'pending' || flow.generation !== input.generation) {
        return { outcome: 'stale' };
      }

      const scope = codeScope(input.runId, input.generation);
      if (!codeMatches(deps.codeHmacKey, scope, input.code, flow.code_hash)) {
        const { runId, generation } = input;
        const attempts = await countFailedAttempt(db, runId, generation, now, transaction);
        return { outcome: 'wrong', attempts: attempts ?? flow.attempts + 1 };
      }

      if (VERIFICATIONS[flow.kind].resetsPassword) {
        const owner = { runId: input.runId, userId: input.userId };
        return completePasswordReset(db, owner, input.password, now, transaction);
      }

      // The address may have changed since the code was sent; then the code proves nothing.
      const channel = VERIFICATION_CHANNELS[input.channel];
      if (!(await channel.markVerified(db, input.userId, flow.target, transaction))) {
        await finishFlow(db, input.runId, 'cancelled', now, undefined, transaction);
        return { outcome: 'superseded' };
      }
      const verified = channel.describe(flow.target);
      const event = channel.events.verified;
      const details = await appendUserEvent(db, input.userId, event, verified, now, transaction);
      await finishFlow(db, input.runId, 'verified', now, details, transaction);
      return { outcome: 'verified', details };
    });
  }

  return { issueCode, verifyCode };
}
