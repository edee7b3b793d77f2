/**
 * AddOTPEmail, RemoveOTPEmail, AddOTPSMS, RemoveOTPSMS (contract operations 8 to 11). Adding
 * only enables the factor; its codes are sent later, at sign-in. Each change is one
 * transaction holding the user's row, so it cannot race an address change.
 */
import { Errors, FlowgateError } from '../../common/errors';
import type { Details } from '../../common/verification-messages';
import {
  deleteOtpFactor,
  insertOtpFactor,
  lockUserAddresses,
  type OtpFactorType,
} from '../../store/otp-factors-store';
import { appendUserEvent } from '../../store/users-store';
import type { ApiDeps } from '../deps';

const FACTORS: Record<
  OtpFactorType,
  { ready: (user: { email_verified: boolean; phone_verified: boolean }) => boolean; event: string }
> = {
  // The codes go to the address, so it must be proven first (contract: COMMAND-KLJ2d, Q54j2).
  otp_email: { ready: (user) => user.email_verified, event: 'user.human.otp.email' },
  otp_sms: { ready: (user) => user.phone_verified, event: 'user.human.otp.sms' },
};

export async function addOtpFactor(
  deps: ApiDeps,
  userId: string,
  type: OtpFactorType,
): Promise<Details> {
  const { db } = deps;
  const now = deps.clock.now();
  const factor = FACTORS[type];

  return db.transaction(async (transaction) => {
    const user = await lockUserAddresses(db, userId, transaction);
    if (!user) {
      throw new FlowgateError(Errors.userNotFound);
    }
    if (!factor.ready(user)) {
      throw new FlowgateError(Errors.otpNotReady);
    }
    if (!(await insertOtpFactor(db, userId, type, now, transaction))) {
      throw new FlowgateError(Errors.otpAlreadyReady);
    }
    return appendUserEvent(db, userId, `${factor.event}.added`, {}, now, transaction);
  });
}

export async function removeOtpFactor(
  deps: ApiDeps,
  userId: string,
  type: OtpFactorType,
): Promise<Details> {
  const { db } = deps;
  const now = deps.clock.now();

  return db.transaction(async (transaction) => {
    const user = await lockUserAddresses(db, userId, transaction);
    if (!user) {
      throw new FlowgateError(Errors.userNotFound);
    }
    if (!(await deleteOtpFactor(db, userId, type, transaction))) {
      throw new FlowgateError(Errors.otpNotExisting);
    }
    return appendUserEvent(db, userId, `${FACTORS[type].event}.removed`, {}, now, transaction);
  });
}
