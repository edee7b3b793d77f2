/** /v2/users/{userId}/totp: RegisterTOTP and VerifyTOTPRegistration (operations 19 and 20). */
import { z } from 'zod';
import { Errors } from '../../common/errors';
import { registerTOTPResponse } from '../schemas/factor-response-schemas';
import { detailsOnlyResponse } from '../schemas/response-schemas';
import { verifyTOTPRegistrationRequest } from '../schemas/totp-schemas';
import { idString } from '../validation';
import type { ApiDocument } from './api-document';

const userPath = z.object({ userId: idString });

export function describeTotpApi(doc: ApiDocument): void {
  const totp = { tag: 'Users', permission: 'user.credential.write', params: userPath } as const;
  doc.add({
    ...totp,
    method: 'post',
    path: '/v2/users/{userId}/totp',
    operationId: 'RegisterTOTP',
    summary: 'Start TOTP registration',
    body: z.object({}),
    response: registerTOTPResponse,
    errors: [Errors.userNotFound, Errors.otpAlreadyReady],
  });
  doc.add({
    ...totp,
    method: 'post',
    path: '/v2/users/{userId}/totp/verify',
    operationId: 'VerifyTOTPRegistration',
    summary: 'Verify TOTP registration',
    body: verifyTOTPRegistrationRequest.omit({ userId: true }),
    response: detailsOnlyResponse,
    errors: [
      Errors.userNotFound,
      Errors.otpNotExisting,
      Errors.totpVerifiedAlready,
      Errors.totpInvalidCode,
    ],
  });
}
