/** /admin/v1/idps: identity-provider configuration, administrator only. */
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { addGenericOidcRequest, addOAuthRequest } from '../schemas/idp-schemas';
import { addGenericOidcIdp, addOAuthIdp, getIdp, removeIdp } from '../services/idp-config-service';
import { idString, parseRequest } from '../validation';

const byId = z.object({ id: idString });

export function adminIdpsRouter(deps: ApiDeps): Router {
  const router = Router();

  router
    .route('/generic_oidc')
    .post(async (req, res) => {
      const request = parseRequest(
        'AddGenericOIDCProviderRequest',
        addGenericOidcRequest,
        req.body,
      );
      res.json(await addGenericOidcIdp(deps, request));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/oauth')
    .post(async (req, res) => {
      const request = parseRequest('AddGenericOAuthProviderRequest', addOAuthRequest, req.body);
      res.json(await addOAuthIdp(deps, request));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:id')
    .get(async (req, res) => {
      const { id } = parseRequest('GetProviderByIDRequest', byId, req.params);
      res.json(await getIdp(deps, id));
    })
    .delete(async (req, res) => {
      const { id } = parseRequest('DeleteProviderRequest', byId, req.params);
      res.json(await removeIdp(deps, id));
    })
    .all(methodNotAllowedHandler);

  return router;
}
