/** /v2/users/{userId}/password and /password_reset: SetPassword and PasswordReset. */
import { Router } from 'express';
import { dummyHash } from '../../infra/passwords';
import { callerIsAdministrator } from '../caller';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { compact } from '../render';
import { passwordResetRequest, setPasswordRequest } from '../schemas/password-schemas';
import { requestPasswordReset } from '../services/password-reset-service';
import { setPassword } from '../services/set-password-service';
import { parseRequest } from '../validation';

export function passwordRouter(deps: ApiDeps): Router {
  const router = Router();
  // Made now, so that the first wrong password of a user without one is not slower.
  void dummyHash(deps.config.argon2);

  router
    .route('/:userId/password_reset')
    .post(async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('PasswordResetRequest', passwordResetRequest, body);
      const result = await requestPasswordReset(deps, request);
      res.json(compact({ ...result }));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/password')
    .post(async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('SetPasswordRequest', setPasswordRequest, body);
      const caller = { administrator: callerIsAdministrator(res) };
      const details = await setPassword(deps, request, caller);
      res.json({ details });
    })
    .all(methodNotAllowedHandler);

  return router;
}
