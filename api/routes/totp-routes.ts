/** /v2/users/{userId}/totp: RegisterTOTP and VerifyTOTPRegistration. */
import { Router } from 'express';
import { requireUserAccess } from '../access/require-permission';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { registerTOTPRequest, verifyTOTPRegistrationRequest } from '../schemas/totp-schemas';
import { registerTOTP, verifyTOTPRegistration } from '../services/totp-service';
import { parseRequest } from '../validation';

export function totpRouter(deps: ApiDeps): Router {
  const router = Router();
  // Both steps: self or user.credential.write (contract, operations 19 and 20).
  const access = requireUserAccess(deps, 'user.credential.write');

  router
    .route('/:userId/totp')
    .post(access, async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('RegisterTOTPRequest', registerTOTPRequest, body);
      res.json(await registerTOTP(deps, request.userId));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/totp/verify')
    .post(access, async (req, res) => {
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
