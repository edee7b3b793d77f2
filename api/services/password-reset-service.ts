/**
 * PasswordReset (contract operation 16): a code from the verification engine, kind
 * `password-reset`, one pending reset per user; a new request replaces the old code.
 */
import { Errors, FlowgateError } from '../../common/errors';
import type { CodeDelivery, Details } from '../../common/verification-messages';
import type { VerificationChannel } from '../../common/flows';
import { findUser, type UserRow } from '../../store/users-store';
import type { ApiDeps } from '../deps';
import type { PasswordResetRequest } from '../schemas/password-schemas';
import { assertEmailTemplate } from './email-service';
import { issueVerificationCode } from './verification-client';

export const RESET_KIND = 'password-reset';

export interface PasswordResetResult {
  details: Details;
  verificationCode?: string;
}

function resetDelivery(request: PasswordResetRequest): CodeDelivery {
  if (request.returnCode) {
    return { type: 'return' };
  }
  return { type: 'send', urlTemplate: request.sendLink?.urlTemplate };
}

/** By SMS to the user's phone, else (email, unspecified, or a returned code) by email. */
function resetChannel(request: PasswordResetRequest, user: UserRow): ResetChannel {
  if (request.sendLink?.notificationType !== 'NOTIFICATION_TYPE_SMS') {
    return { channel: 'email', target: user.email };
  }
  if (!user.phone) {
    throw new FlowgateError(Errors.phoneNotFound);
  }
  // An SMS carries the code alone: phone codes have no link (contract, section 7).
  return { channel: 'phone', target: user.phone };
}

type ResetChannel = { channel: VerificationChannel; target: string };

export async function requestPasswordReset(
  deps: ApiDeps,
  request: PasswordResetRequest,
): Promise<PasswordResetResult> {
  // The same fields as the email link: {{.UserID}}, {{.Code}}, {{.OrgID}}.
  assertEmailTemplate(request.sendLink?.urlTemplate);
  const delivery = resetDelivery(request);

  const user = await findUser(deps.db, request.userId);
  if (!user) {
    throw new FlowgateError(Errors.userNotFound);
  }

  const { channel, target } = resetChannel(request, user);
  const issued = await issueVerificationCode(deps, RESET_KIND, {
    userId: user.id,
    orgId: user.org_id,
    target,
    delivery,
    ttlMs: deps.config.passwords.resetCodeTtlMs,
    ...(channel !== 'email' && { channel }),
  });
  return { details: issued.details, verificationCode: issued.verificationCode };
}
