/** SetPassword and PasswordReset as the contract defines them (operations 15 and 16). */
import { z } from 'zod';
import { Errors } from '../../common/errors';
import { passwordResetRequest, setPasswordRequest } from '../schemas/password-schemas';
import { detailsOnlyResponse, setEmailResponse } from '../schemas/response-schemas';
import { idString } from '../validation';
import type { ApiDocument } from './api-document';

const userPath = z.object({ userId: idString });

const POLICY_ERRORS = [
  Errors.passwordTooShort,
  Errors.passwordTooLong,
  Errors.passwordHasLower,
  Errors.passwordHasUpper,
  Errors.passwordHasNumber,
  Errors.passwordHasSymbol,
  Errors.passwordCommon,
];

export function describePasswordApi(doc: ApiDocument): void {
  doc.add({
    method: 'post',
    path: '/v2/users/{userId}/password',
    operationId: 'SetPassword',
    summary: 'Change password',
    tag: 'Users',
    permission: 'authenticated with currentPassword or verificationCode, else user.write',
    params: userPath,
    body: setPasswordRequest.innerType().omit({ userId: true }),
    response: detailsOnlyResponse,
    errors: [
      Errors.passwordUserNotFound,
      Errors.passwordInvalid,
      Errors.passwordNotChanged,
      Errors.codeInvalid,
      Errors.codeExpired,
      Errors.codeNotFound,
      Errors.permissionDenied,
      ...POLICY_ERRORS,
    ],
  });
  doc.add({
    method: 'post',
    path: '/v2/users/{userId}/password_reset',
    operationId: 'PasswordReset',
    summary: 'Request a code to reset a password',
    tag: 'Users',
    permission: 'user.write',
    params: userPath,
    body: passwordResetRequest.innerType().omit({ userId: true }),
    // The same shape as SetEmail's answer: details, and the code only with returnCode.
    response: setEmailResponse,
    errors: [
      Errors.userNotFound,
      Errors.phoneNotFound,
      Errors.invalidUrlTemplate,
      Errors.smsNotConfigured,
      Errors.sendBudgetExhausted,
    ],
  });
}
