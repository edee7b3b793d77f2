/** POST /v2/users/{userId}/links: AddIDPLink. */
import { Router } from 'express';
import { requireUserAccess } from '../access/require-permission';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { addIdpLinkRequest } from '../schemas/idp-schemas';
import { addIdpLink } from '../services/idp-link-service';
import { parseRequest } from '../validation';

export function idpLinksRouter(deps: ApiDeps): Router {
  const router = Router();

  router
    .route('/:userId/links')
    .post(requireUserAccess(deps, 'user.write'), async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('AddIDPLinkRequest', addIdpLinkRequest, body);
      res.json({ details: await addIdpLink(deps, request.userId, request.idpLink) });
    })
    .all(methodNotAllowedHandler);

  return router;
}
