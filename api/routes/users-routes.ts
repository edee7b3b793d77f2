/** /v2/users: AddHumanUser, SetEmail, VerifyEmail. */
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { compact } from '../render';
import { addHumanUserRequest } from '../schemas/add-human-user-schema';
import { setEmailRequest, verifyEmailRequest } from '../schemas/email-schemas';
import { addHumanUser } from '../services/add-human-user-service';
import { setEmail, verifyEmail } from '../services/email-service';
import { parseRequest } from '../validation';

export function usersRouter(deps: ApiDeps): Router {
  const router = Router();

  router
    .route('/human')
    .post(async (req, res) => {
      const request = parseRequest('AddHumanUserRequest', addHumanUserRequest, req.body);
      const result = await addHumanUser(deps, request);
      res.status(200).json(compact({ ...result }));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/email')
    .post(async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('SetEmailRequest', setEmailRequest, body);
      const result = await setEmail(deps, request);
      res.json(compact({ ...result }));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/email/verify')
    .post(async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('VerifyEmailRequest', verifyEmailRequest, body);
      const details = await verifyEmail(deps, request.userId, request.verificationCode);
      res.json({ details });
    })
    .all(methodNotAllowedHandler);

  return router;
}
