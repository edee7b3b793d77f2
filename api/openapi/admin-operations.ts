/** /admin/v1: organizations, service accounts and personal access tokens. */
import { z } from 'zod';
import { Errors } from '../../common/errors';
import {
  addAccessTokenRequest,
  addOrgRequest,
  addServiceAccountRequest,
} from '../schemas/admin-schemas';
import {
  addAccessTokenResponse,
  addOrgResponse,
  addServiceAccountResponse,
  detailsOnlyResponse,
  listAccessTokensResponse,
} from '../schemas/response-schemas';
import { idString } from '../validation';
import type { ApiDocument } from './api-document';

const accountPath = z.object({ serviceAccountId: idString });
const tokenPath = accountPath.extend({ tokenId: idString });
const tokensPath = '/admin/v1/service_accounts/{serviceAccountId}/tokens';

export function describeAdminApi(doc: ApiDocument): void {
  const admin = { tag: 'Admin', permission: 'iam.admin' } as const;
  doc.add({
    ...admin,
    method: 'post',
    path: '/admin/v1/orgs',
    operationId: 'AddOrganization',
    summary: 'Create an organization',
    body: addOrgRequest,
    response: addOrgResponse,
    errors: [Errors.orgAlreadyExists],
  });
  doc.add({
    ...admin,
    method: 'post',
    path: '/admin/v1/service_accounts',
    operationId: 'AddServiceAccount',
    summary: 'Create a service account with roles in an organization',
    body: addServiceAccountRequest,
    response: addServiceAccountResponse,
    errors: [Errors.orgNotFound],
  });
  doc.add({
    ...admin,
    method: 'post',
    path: tokensPath,
    operationId: 'AddPersonalAccessToken',
    summary: 'Issue a personal access token, shown in this answer only',
    params: accountPath,
    body: addAccessTokenRequest.omit({ serviceAccountId: true }),
    response: addAccessTokenResponse,
    errors: [Errors.serviceAccountNotFound, Errors.tokenExpiryInPast],
  });
  doc.add({
    ...admin,
    method: 'get',
    path: tokensPath,
    operationId: 'ListPersonalAccessTokens',
    summary: "List a service account's tokens (never the tokens themselves)",
    params: accountPath,
    response: listAccessTokensResponse,
    errors: [Errors.serviceAccountNotFound],
  });
  doc.add({
    ...admin,
    method: 'delete',
    path: `${tokensPath}/{tokenId}`,
    operationId: 'RemovePersonalAccessToken',
    summary: 'Revoke a personal access token at once',
    params: tokenPath,
    response: detailsOnlyResponse,
    errors: [Errors.serviceAccountNotFound, Errors.tokenNotFound],
  });
}
