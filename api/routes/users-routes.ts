/** /v2/users: AddHumanUser, SetEmail, VerifyEmail. */
import { Router } from 'express';
import { callerOf } from '../access/caller';
import { requirePermission, requireUserAccess } from '../access/require-permission';
import type { ApiDeps } from '../deps';
import { Errors } from '../../common/errors';
import { methodNotAllowedHandler } from '../error-handler';
import { compact } from '../render';
import { addHumanUserRequest } from '../schemas/add-human-user-schema';
import { setEmailRequest, verifyEmailRequest } from '../schemas/email-schemas';
import { addHumanUser } from '../services/add-human-user-service';
import { setEmail, verifyEmail } from '../services/email-service';
import { parseRequest } from '../validation';

export function usersRouter(deps: ApiDeps): Router {
  const router = Router();
  const notFound = Errors.emailNotFound;

  router
    .route('/human')
    .post(requirePermission('user.write'), async (req, res) => {
      const request = parseRequest('AddHumanUserRequest', addHumanUserRequest, req.body);
      const result = await addHumanUser(deps, request, callerOf(req));
      res.status(200).json(compact({ ...result }));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/email')
    .post(requireUserAccess(deps, 'user.write', { notFound }), async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('SetEmailRequest', setEmailRequest, body);
      const result = await setEmail(deps, request);
      res.json(compact({ ...result }));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/email/verify')
    // No per-user permission: the code is the proof (contract, operation 7).
    .post(requireUserAccess(deps, 'authenticated', { notFound }), async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('VerifyEmailRequest', verifyEmailRequest, body);
      const details = await verifyEmail(deps, request.userId, request.verificationCode);
      res.json({ details });
    })
    .all(methodNotAllowedHandler);

  return router;
}
