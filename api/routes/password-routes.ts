/** /v2/users/{userId}/password and /password_reset: SetPassword and PasswordReset. */
import { Router } from 'express';
import { dummyHash } from '../../infra/passwords';
import { Errors } from '../../common/errors';
import { isPasswordAdministrator } from '../access/password-administrator';
import { requireUserAccess } from '../access/require-permission';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { compact } from '../render';
import { passwordResetRequest, setPasswordRequest } from '../schemas/password-schemas';
import { requestPasswordReset } from '../services/password-reset-service';
import { setPassword } from '../services/set-password-service';
import { parseRequest } from '../validation';

export function passwordRouter(deps: ApiDeps): Router {
  const router = Router();
  const notFound = Errors.passwordUserNotFound;
  // Made now, so that the first wrong password of a user without one is not slower.
  void dummyHash(deps.config.argon2);

  router
    .route('/:userId/password_reset')
    // Contract 16: self or user.write.
    .post(requireUserAccess(deps, 'user.write'), async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('PasswordResetRequest', passwordResetRequest, body);
      const result = await requestPasswordReset(deps, request);
      res.json(compact({ ...result }));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/password')
    // Contract 15: the current password or a code is the proof; without one, user.write.
    .post(requireUserAccess(deps, 'authenticated', { notFound }), async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('SetPasswordRequest', setPasswordRequest, body);
      const caller = { isAdministratorOf: (orgId: string) => isPasswordAdministrator(req, orgId) };
      const details = await setPassword(deps, request, caller);
      res.json({ details });
    })
    .all(methodNotAllowedHandler);

  return router;
}
