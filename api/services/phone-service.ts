/** SetPhone and VerifyPhone (contract operations 17 and 18), on the email's flow engine. */
import { Errors, FlowgateError } from '../../common/errors';
import type { CodeDelivery, Details, IssueCodeResult } from '../../common/verification-messages';
import { findUser } from '../../store/users-store';
import type { ApiDeps } from '../deps';
import { toE164 } from '../phone-number';
import type { SetPhoneRequest } from '../schemas/phone-schemas';
import { setVerifiedAddress } from './verified-address';
import {
  cancelVerification,
  issueVerificationCode,
  submitVerificationCode,
} from './verification-client';

const KIND = 'phone-verification';

/** Issues a code for `phone` (E.164): starts the phone flow or replaces its pending code. */
export function issuePhoneCode(
  deps: ApiDeps,
  request: { userId: string; orgId: string; phone: string; delivery: CodeDelivery },
): Promise<IssueCodeResult> {
  const { phone, ...rest } = request;
  const ttlMs = deps.config.phone.codeTtlMs;
  return issueVerificationCode(deps, KIND, { ...rest, target: phone, ttlMs });
}

export interface SetPhoneResult {
  details: Details;
  verificationCode?: string;
}

export async function setPhone(deps: ApiDeps, request: SetPhoneRequest): Promise<SetPhoneResult> {
  const user = await findUser(deps.db, request.userId);
  if (!user) {
    throw new FlowgateError(Errors.phoneNotFound);
  }
  const phone = toE164(request.phone, deps.config.phone.defaultRegion);
  // The same number again is a resend while unverified, and a no-op error once verified.
  if (user.phone === phone && user.phone_verified) {
    throw new FlowgateError(Errors.phoneNotChanged);
  }

  if (request.isVerified) {
    const details = await setVerifiedAddress(deps, 'phone', user.id, phone);
    await cancelVerification(deps, KIND, user.id);
    return { details };
  }

  // Phone codes have no link (contract section 7): sendCode is `{}`.
  const delivery: CodeDelivery = request.returnCode ? { type: 'return' } : { type: 'send' };
  const issued = await issuePhoneCode(deps, {
    userId: user.id,
    orgId: user.org_id,
    phone,
    delivery,
  });
  return { details: issued.details, verificationCode: issued.verificationCode };
}

export async function verifyPhone(deps: ApiDeps, userId: string, code: string): Promise<Details> {
  const user = await findUser(deps.db, userId);
  if (!user) {
    throw new FlowgateError(Errors.phoneNotFound);
  }
  return submitVerificationCode(deps, KIND, userId, code);
}
