/**
 * What a right password reset code does, inside verifyCode's transaction that holds the flow's
 * row: it sets the new password hash and consumes the code in the same commit, so a code sets
 * a password exactly once.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Transaction } from 'sequelize';
import { Errors } from '../common/errors';
import type { Details, NewPasswordHash } from '../common/verification-messages';
import type { Database } from '../infra/database';
import { finishFlow } from '../store/flows-store';
import { PASSWORD_EVENTS, storePasswordHash } from '../store/passwords-store';
import { appendUserEvent } from '../store/users-store';

export type PasswordResetOutcome =
  { outcome: 'verified'; details: Details } | { outcome: 'unchanged' };

export async function completePasswordReset(
  db: Database,
  flow: { runId: string; userId: string },
  password: NewPasswordHash | undefined,
  now: Date,
  transaction: Transaction,
): Promise<PasswordResetOutcome> {
  if (!password) {
    throw ApplicationFailure.nonRetryable('a reset needs a new password', Errors.internal.id);
  }
  if (password.unchanged) {
    // The code stays pending: the caller may choose another password with it.
    return { outcome: 'unchanged' };
  }

  const { userId } = flow;
  const { hash, changeRequired } = password;
  await storePasswordHash(db, { userId, hash, changeRequired }, transaction);
  const payload = { changeRequired, byCode: true };
  const details = await appendUserEvent(
    db,
    userId,
    PASSWORD_EVENTS.changed,
    payload,
    now,
    transaction,
  );
  await finishFlow(db, flow.runId, 'verified', now, details, transaction);
  return { outcome: 'verified', details };
}
