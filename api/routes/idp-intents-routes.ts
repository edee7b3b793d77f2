/** /v2/idp_intents: StartIdentityProviderIntent and RetrieveIdentityProviderIntent. */
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { retrieveIntentRequest, startIntentRequest } from '../schemas/idp-schemas';
import { retrieveIntent, startIntent } from '../services/idp-intent-service';
import { parseRequest } from '../validation';

export function idpIntentsRouter(deps: ApiDeps): Router {
  const router = Router();

  router
    .route('/')
    .post(async (req, res) => {
      const request = parseRequest(
        'StartIdentityProviderIntentRequest',
        startIntentRequest,
        req.body,
      );
      res.json(await startIntent(deps, request));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:idpIntentId')
    .post(async (req, res) => {
      const body = { ...req.body, idpIntentId: req.params.idpIntentId };
      const request = parseRequest(
        'RetrieveIdentityProviderIntentRequest',
        retrieveIntentRequest,
        body,
      );
      res.json(await retrieveIntent(deps, request.idpIntentId, request.idpIntentToken));
    })
    .all(methodNotAllowedHandler);

  return router;
}
