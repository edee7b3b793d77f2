/**
 * Passkeys and U2F (operations 12 to 14, 21 and 22), and the self-service passkey page a
 * registration link opens (public: the link's code is the proof).
 */
import { z } from 'zod';
import { Errors } from '../../common/errors';
import {
  createPasskeyLinkResponse,
  passkeyPageStartResponse,
  registerPasskeyResponse,
  registerU2FResponse,
} from '../schemas/factor-response-schemas';
import { detailsOnlyResponse } from '../schemas/response-schemas';
import {
  createPasskeyLinkRequest,
  pageFinishRequest,
  pageStartRequest,
  registerPasskeyRequest,
  registerU2FRequest,
  verifyPasskeyRegistrationRequest,
  verifyU2FRegistrationRequest,
} from '../schemas/webauthn-schemas';
import { idString } from '../validation';
import type { ApiDocument } from './api-document';

const userPath = z.object({ userId: idString });
const VERIFY_ERRORS = [Errors.webauthnNotFound, Errors.webauthnCreateFailed];

export function describeWebAuthnApi(doc: ApiDocument): void {
  const users = { tag: 'Users', method: 'post', params: userPath } as const;
  doc.add({
    ...users,
    path: '/v2/users/{userId}/passkeys/registration_link',
    operationId: 'CreatePasskeyRegistrationLink',
    summary: 'Create a passkey registration link',
    permission: 'user.passkey.write',
    body: createPasskeyLinkRequest.innerType().omit({ userId: true }),
    response: createPasskeyLinkResponse,
    errors: [
      Errors.userNotFound,
      Errors.invalidUrlTemplate,
      Errors.deliveryRejected,
      Errors.sendBudgetExhausted,
    ],
  });
  doc.add({
    ...users,
    path: '/v2/users/{userId}/passkeys',
    operationId: 'RegisterPasskey',
    summary: 'Start the registration of a passkey',
    permission: 'user.credential.write',
    body: registerPasskeyRequest.omit({ userId: true }),
    response: registerPasskeyResponse,
    errors: [Errors.userNotFound, Errors.webauthnDomainInvalid, Errors.codeInvalid],
  });
  doc.add({
    ...users,
    path: '/v2/users/{userId}/passkeys/{passkeyId}',
    operationId: 'VerifyPasskeyRegistration',
    summary: 'Verify a passkey',
    permission: 'authenticated (the challenge is the proof)',
    params: userPath.extend({ passkeyId: idString }),
    body: verifyPasskeyRegistrationRequest.omit({ userId: true, passkeyId: true }),
    response: detailsOnlyResponse,
    errors: VERIFY_ERRORS,
  });
  doc.add({
    ...users,
    path: '/v2/users/{userId}/u2f',
    operationId: 'RegisterU2F',
    summary: 'Start U2F registration',
    permission: 'user.credential.write',
    body: registerU2FRequest.omit({ userId: true }),
    response: registerU2FResponse,
    errors: [Errors.userNotFound, Errors.webauthnDomainInvalid],
  });
  doc.add({
    ...users,
    path: '/v2/users/{userId}/u2f/{u2fId}',
    operationId: 'VerifyU2FRegistration',
    summary: 'Verify U2F registration',
    permission: 'authenticated (the challenge is the proof)',
    params: userPath.extend({ u2fId: idString }),
    body: verifyU2FRegistrationRequest.omit({ userId: true, u2fId: true }),
    response: detailsOnlyResponse,
    errors: VERIFY_ERRORS,
  });
  describePasskeyPage(doc);
}

/** The page and its script are not JSON; its two calls are, and take the link's code. */
function describePasskeyPage(doc: ApiDocument): void {
  const page = { tag: 'Passkey page', permission: 'none' } as const;
  doc.add({
    ...page,
    method: 'get',
    path: '/ui/passkey',
    operationId: 'PasskeyPage',
    summary: 'The page a passkey registration link opens (HTML; code and user in the query)',
    response: z.string(),
    contentType: 'text/html',
  });
  doc.add({
    ...page,
    method: 'get',
    path: '/ui/passkey.js',
    operationId: 'PasskeyPageScript',
    summary: "The page's script",
    response: z.string(),
    contentType: 'text/javascript',
  });
  doc.add({
    ...page,
    method: 'post',
    path: '/ui/passkey/start',
    operationId: 'PasskeyPageStart',
    summary: 'Start a passkey or U2F registration with the link code',
    body: pageStartRequest,
    response: passkeyPageStartResponse,
    // Bad input is a 400 here too; the code's rejections are 400 and 404.
    errors: [Errors.codeInvalid, Errors.userNotFound, Errors.webauthnNotFound],
  });
  doc.add({
    ...page,
    method: 'post',
    path: '/ui/passkey/finish',
    operationId: 'PasskeyPageFinish',
    summary: 'Finish the registration the link code started',
    body: pageFinishRequest,
    response: detailsOnlyResponse,
    errors: VERIFY_ERRORS,
  });
}
