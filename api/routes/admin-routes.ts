/** /admin/v1: organizations, service accounts and personal access tokens (iam.admin only). */
import { Router } from 'express';
import { callerOf } from '../access/caller';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import {
  addAccessTokenRequest,
  addOrgRequest,
  addServiceAccountRequest,
  serviceAccountPathRequest,
  tokenPathRequest,
} from '../schemas/admin-schemas';
import {
  addAccessToken,
  addOrg,
  addServiceAccount,
  listTokens,
  revokeToken,
} from '../services/access-service';
import { parseRequest } from '../validation';

export function adminRouter(deps: ApiDeps): Router {
  const router = Router();

  router
    .route('/orgs')
    .post(async (req, res) => {
      const request = parseRequest('AddOrganizationRequest', addOrgRequest, req.body);
      res.json(await addOrg(deps, request));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/service_accounts')
    .post(async (req, res) => {
      const request = parseRequest('AddServiceAccountRequest', addServiceAccountRequest, req.body);
      res.json(await addServiceAccount(deps, callerOf(req), request));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/service_accounts/:serviceAccountId/tokens')
    .post(async (req, res) => {
      const body = { ...req.body, serviceAccountId: req.params.serviceAccountId };
      const request = parseRequest('AddPersonalAccessTokenRequest', addAccessTokenRequest, body);
      res.json(await addAccessToken(deps, request.serviceAccountId, request.expirationDate));
    })
    .get(async (req, res) => {
      const request = parseRequest(
        'ListPersonalAccessTokensRequest',
        serviceAccountPathRequest,
        req.params,
      );
      res.json(await listTokens(deps, request.serviceAccountId));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/service_accounts/:serviceAccountId/tokens/:tokenId')
    .delete(async (req, res) => {
      const request = parseRequest(
        'RemovePersonalAccessTokenRequest',
        tokenPathRequest,
        req.params,
      );
      res.json(await revokeToken(deps, request.serviceAccountId, request.tokenId));
    })
    .all(methodNotAllowedHandler);

  return router;
}
