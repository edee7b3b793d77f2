/**
 * /v2/users/{userId}/passkeys and /u2f: CreatePasskeyRegistrationLink, RegisterPasskey,
 * VerifyPasskeyRegistration, RegisterU2F, VerifyU2FRegistration. The literal
 * `registration_link` is routed before `{passkeyId}` (contract 2.1).
 */
import { Router } from 'express';
import { Errors } from '../../common/errors';
import { requireUserAccess } from '../access/require-permission';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { compact } from '../render';
import {
  createPasskeyLinkRequest,
  registerPasskeyRequest,
  registerU2FRequest,
  verifyPasskeyRegistrationRequest,
  verifyU2FRegistrationRequest,
} from '../schemas/webauthn-schemas';
import { createPasskeyRegistrationLink } from '../services/passkey-link-service';
import { completeRegistration, startRegistration } from '../services/webauthn-service';
import { parseRequest } from '../validation';

export function webauthnRouter(deps: ApiDeps): Router {
  const router = Router();
  // Contract 2.3 and operations 12 to 14, 21 and 22: the link needs user.passkey.write at the
  // edge, starting a registration user.credential.write; verifying needs none, the challenge
  // is the proof. A hidden user answers as the verify step answers a missing one.
  const link = requireUserAccess(deps, 'user.passkey.write');
  const start = requireUserAccess(deps, 'user.credential.write');
  const verify = requireUserAccess(deps, 'authenticated', { notFound: Errors.webauthnNotFound });

  router
    .route('/:userId/passkeys/registration_link')
    .post(link, async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest(
        'CreatePasskeyRegistrationLinkRequest',
        createPasskeyLinkRequest,
        body,
      );
      const result = await createPasskeyRegistrationLink(deps, request);
      res.json(compact({ ...result }));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/passkeys')
    .post(start, async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('RegisterPasskeyRequest', registerPasskeyRequest, body);
      const { authenticator: attachment, ...rest } = request;
      const started = await startRegistration(
        deps,
        'passkey-registration',
        { ...rest, attachment },
        req,
      );
      const { details, registrationId: passkeyId, publicKeyCredentialCreationOptions } = started;
      res.json({ details, passkeyId, publicKeyCredentialCreationOptions });
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/passkeys/:passkeyId')
    .post(verify, async (req, res) => {
      const body = { ...req.body, userId: req.params.userId, passkeyId: req.params.passkeyId };
      const request = parseRequest(
        'VerifyPasskeyRegistrationRequest',
        verifyPasskeyRegistrationRequest,
        body,
      );
      const details = await completeRegistration(deps, 'passkey-registration', {
        userId: request.userId,
        registrationId: request.passkeyId,
        credential: request.publicKeyCredential,
        name: request.passkeyName,
      });
      res.json({ details });
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/u2f')
    .post(start, async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('RegisterU2FRequest', registerU2FRequest, body);
      const started = await startRegistration(deps, 'u2f-registration', request, req);
      const { details, registrationId: u2fId, publicKeyCredentialCreationOptions } = started;
      res.json({ details, u2fId, publicKeyCredentialCreationOptions });
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/u2f/:u2fId')
    .post(verify, async (req, res) => {
      const body = { ...req.body, userId: req.params.userId, u2fId: req.params.u2fId };
      const request = parseRequest(
        'VerifyU2FRegistrationRequest',
        verifyU2FRegistrationRequest,
        body,
      );
      const details = await completeRegistration(deps, 'u2f-registration', {
        userId: request.userId,
        registrationId: request.u2fId,
        credential: request.publicKeyCredential,
        name: request.tokenName,
      });
      res.json({ details });
    })
    .all(methodNotAllowedHandler);

  return router;
}
