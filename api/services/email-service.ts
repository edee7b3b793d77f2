/** SetEmail and VerifyEmail (contract operations 6 and 7). */
import { Errors, FlowgateError } from '../../common/errors';
import { isValidUrlTemplate } from '../../common/url-template';
import type { CodeDelivery, Details, IssueCodeResult } from '../../common/verification-messages';
import { findUser } from '../../store/users-store';
import type { ApiDeps } from '../deps';
import type { SetEmailRequest } from '../schemas/email-schemas';
import { setVerifiedAddress } from './verified-address';
import {
  cancelVerification,
  issueVerificationCode,
  submitVerificationCode,
} from './verification-client';

const KIND = 'email-verification';

/** Issues a code for `email`: starts the email flow or replaces its pending code. */
export function issueEmailCode(
  deps: ApiDeps,
  request: { userId: string; orgId: string; email: string; delivery: CodeDelivery },
): Promise<IssueCodeResult> {
  const { email, ...rest } = request;
  const ttlMs = deps.config.email.codeTtlMs;
  return issueVerificationCode(deps, KIND, { ...rest, target: email, ttlMs });
}

export const EMAIL_TEMPLATE_FIELDS = ['UserID', 'Code', 'OrgID'] as const;

/** Checks a url template before anything is stored: an unknown field is a 400. */
export function assertEmailTemplate(template: string | undefined): void {
  if (template !== undefined && !isValidUrlTemplate(template, EMAIL_TEMPLATE_FIELDS)) {
    throw new FlowgateError(Errors.invalidUrlTemplate);
  }
}

export interface SetEmailResult {
  details: Details;
  verificationCode?: string;
}

export async function setEmail(deps: ApiDeps, request: SetEmailRequest): Promise<SetEmailResult> {
  assertEmailTemplate(request.sendCode?.urlTemplate);

  const user = await findUser(deps.db, request.userId);
  if (!user) {
    throw new FlowgateError(Errors.emailNotFound);
  }
  // The same address again is a resend while unverified, and a no-op error once verified.
  if (user.email === request.email && user.email_verified) {
    throw new FlowgateError(Errors.emailNotChanged);
  }

  if (request.isVerified) {
    const details = await setVerifiedAddress(deps, 'email', request.userId, request.email);
    await cancelVerification(deps, KIND, request.userId);
    return { details };
  }

  const delivery: CodeDelivery = request.returnCode
    ? { type: 'return' }
    : { type: 'send', urlTemplate: request.sendCode?.urlTemplate };
  const issued = await issueEmailCode(deps, {
    userId: user.id,
    orgId: user.org_id,
    email: request.email,
    delivery,
  });
  return { details: issued.details, verificationCode: issued.verificationCode };
}

export async function verifyEmail(deps: ApiDeps, userId: string, code: string): Promise<Details> {
  const user = await findUser(deps.db, userId);
  if (!user) {
    throw new FlowgateError(Errors.emailNotFound);
  }
  return submitVerificationCode(deps, KIND, userId, code);
}
