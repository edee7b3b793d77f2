/** /v2/users: SetPhone, VerifyPhone, OTP email and SMS factors (operations 8 to 11, 17, 18). */
import { z } from 'zod';
import { Errors } from '../../common/errors';
import { setPhoneRequest, verifyPhoneRequest } from '../schemas/phone-schemas';
import { setPhoneResponse } from '../schemas/factor-response-schemas';
import { detailsOnlyResponse } from '../schemas/response-schemas';
import { idString } from '../validation';
import type { ApiDocument } from './api-document';

const userPath = z.object({ userId: idString });

const OTP_FACTORS = [
  { path: 'otp_email', name: 'OTPEmail', what: 'one-time passwords by email' },
  { path: 'otp_sms', name: 'OTPSMS', what: 'one-time passwords by SMS' },
] as const;

export function describePhoneAndOtpApi(doc: ApiDocument): void {
  const users = { tag: 'Users', params: userPath } as const;
  doc.add({
    ...users,
    method: 'post',
    path: '/v2/users/{userId}/phone',
    operationId: 'SetPhone',
    summary: 'Change the user phone',
    permission: 'user.write',
    // Path variables are not part of the body (they would overwrite it).
    body: setPhoneRequest.innerType().omit({ userId: true }),
    response: setPhoneResponse,
    errors: [
      Errors.phoneNotFound,
      Errors.phoneNotChanged,
      Errors.phoneInvalid,
      Errors.smsNotConfigured,
      Errors.deliveryRejected,
      Errors.sendBudgetExhausted,
    ],
  });
  doc.add({
    ...users,
    method: 'post',
    path: '/v2/users/{userId}/phone/verify',
    operationId: 'VerifyPhone',
    summary: 'Verify the phone',
    permission: 'authenticated (the code is the proof)',
    body: verifyPhoneRequest.omit({ userId: true }),
    response: detailsOnlyResponse,
    errors: [
      Errors.phoneNotFound,
      Errors.codeInvalid,
      Errors.codeExpired,
      Errors.verificationNotFound,
    ],
  });

  for (const factor of OTP_FACTORS) {
    const path = `/v2/users/{userId}/${factor.path}`;
    doc.add({
      ...users,
      method: 'post',
      path,
      operationId: `Add${factor.name}`,
      summary: `Enable ${factor.what}`,
      permission: 'user.credential.write',
      body: z.object({}),
      response: detailsOnlyResponse,
      errors: [Errors.userNotFound, Errors.otpNotReady, Errors.otpAlreadyReady],
    });
    doc.add({
      ...users,
      method: 'delete',
      path,
      operationId: `Remove${factor.name}`,
      summary: `Disable ${factor.what}`,
      // Not user.credential.write (contract, operations 8 and 10).
      permission: 'user.write',
      response: detailsOnlyResponse,
      errors: [Errors.userNotFound, Errors.otpNotExisting],
    });
  }
}
