/** /v2/users/{userId}/totp: RegisterTOTP and VerifyTOTPRegistration. */
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { registerTOTPRequest, verifyTOTPRegistrationRequest } from '../schemas/totp-schemas';
import { registerTOTP, verifyTOTPRegistration } from '../services/totp-service';
import { parseRequest } from '../validation';

export function totpRouter(deps: ApiDeps): Router {
  const router = Router();

  router
    .route('/:userId/totp')
    .post(async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('RegisterTOTPRequest', registerTOTPRequest, body);
      res.json(await registerTOTP(deps, request.userId));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/totp/verify')
    .post(async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest(
        'VerifyTOTPRegistrationRequest',
        verifyTOTPRegistrationRequest,
        body,
      );
      const details = await verifyTOTPRegistration(deps, request.userId, request.code);
      res.json({ details });
    })
    .all(methodNotAllowedHandler);

  return router;
}
