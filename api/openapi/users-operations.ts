/** /v2/users as the contract defines it (operations 1, 6 and 7). */
import { z } from 'zod';
import { Errors } from '../../common/errors';
import { addHumanUserRequest } from '../schemas/add-human-user-schema';
import { setEmailRequest, verifyEmailRequest } from '../schemas/email-schemas';
import {
  addHumanUserResponse,
  detailsOnlyResponse,
  setEmailResponse,
} from '../schemas/response-schemas';
import { idString } from '../validation';
import type { ApiDocument } from './api-document';

const userPath = z.object({ userId: idString });

export function describeUsersApi(doc: ApiDocument): void {
  doc.add({
    method: 'post',
    path: '/v2/users/human',
    operationId: 'AddHumanUser',
    summary: 'Create a user (human)',
    tag: 'Users',
    permission: 'user.write',
    body: addHumanUserRequest,
    response: addHumanUserResponse,
    errors: [
      Errors.userAlreadyExists,
      Errors.userIdTaken,
      Errors.orgNotFound,
      Errors.passwordNotSupported,
      Errors.passwordTooShort,
      Errors.invalidUrlTemplate,
      Errors.idpNotExisting,
      Errors.notImplemented,
      Errors.rateLimited,
    ],
  });
  doc.add({
    method: 'post',
    path: '/v2/users/{userId}/email',
    operationId: 'SetEmail',
    summary: 'Change the user email',
    tag: 'Users',
    permission: 'user.write',
    params: userPath,
    // Path variables are not part of the body (they would overwrite it).
    body: setEmailRequest.innerType().omit({ userId: true }),
    response: setEmailResponse,
    errors: [Errors.emailNotFound, Errors.emailNotChanged, Errors.invalidUrlTemplate],
  });
  doc.add({
    method: 'post',
    path: '/v2/users/{userId}/email/verify',
    operationId: 'VerifyEmail',
    summary: 'Verify the email',
    tag: 'Users',
    permission: 'authenticated (the code is the proof)',
    params: userPath,
    body: verifyEmailRequest.omit({ userId: true }),
    response: detailsOnlyResponse,
    errors: [
      Errors.emailNotFound,
      Errors.codeInvalid,
      Errors.codeExpired,
      Errors.verificationNotFound,
    ],
  });
}
