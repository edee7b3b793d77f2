/**
 * Identity providers: intents and their callback, links, authentication methods (operations 2
 * to 5, section 5) and the administrator's provider configuration.
 */
import { z } from 'zod';
import { Errors } from '../../common/errors';
import {
  addGenericOidcRequest,
  addIdpLinkRequest,
  addOAuthRequest,
  retrieveIntentRequest,
  startIntentRequest,
} from '../schemas/idp-schemas';
import {
  addIdpResponse,
  getIdpResponse,
  listAuthenticationMethodTypesResponse,
  retrieveIntentResponse,
  startIntentResponse,
} from '../schemas/idp-response-schemas';
import { detailsOnlyResponse } from '../schemas/response-schemas';
import { idString, runes } from '../validation';
import type { ApiDocument } from './api-document';

const userPath = z.object({ userId: idString });
const intentPath = z.object({ idpIntentId: idString });
const idpPath = z.object({ id: idString });

/** grpc-gateway's dotted query keys (snake_case accepted too). */
const domainQuery = z.object({
  'domainQuery.domain': runes(1, 200).optional(),
  'domainQuery.includeWithoutDomain': z.enum(['true', 'false']).optional(),
});

export function describeIdpApi(doc: ApiDocument): void {
  describeUserIdpApi(doc);
  describeCallback(doc);
  describeAdminIdpApi(doc);
}

function describeUserIdpApi(doc: ApiDocument): void {
  doc.add({
    tag: 'Identity providers',
    permission: 'authenticated',
    method: 'post',
    path: '/v2/idp_intents',
    operationId: 'StartIdentityProviderIntent',
    summary: 'Start flow with an identity provider',
    body: startIntentRequest,
    response: startIntentResponse,
    errors: [Errors.idpNotExisting, Errors.unavailable],
  });
  doc.add({
    tag: 'Identity providers',
    permission: 'authenticated (the intent token is the proof)',
    method: 'post',
    path: '/v2/idp_intents/{idpIntentId}',
    operationId: 'RetrieveIdentityProviderIntent',
    summary: 'Retrieve the information returned by the identity provider',
    params: intentPath,
    body: retrieveIntentRequest.omit({ idpIntentId: true }),
    response: retrieveIntentResponse,
    errors: [Errors.intentInvalidToken, Errors.intentNotSucceeded, Errors.intentExpired],
  });
  doc.add({
    tag: 'Users',
    permission: 'user.write',
    method: 'post',
    path: '/v2/users/{userId}/links',
    operationId: 'AddIDPLink',
    summary: 'Add link to an identity provider to a user',
    params: userPath,
    body: addIdpLinkRequest.omit({ userId: true }),
    response: detailsOnlyResponse,
    errors: [Errors.userNotFound, Errors.idpNotExisting, Errors.externalIdpTaken],
  });
  doc.add({
    tag: 'Users',
    permission: 'user.read (a user the caller may not read is an empty list, as an unknown one)',
    method: 'get',
    path: '/v2/users/{userId}/authentication_methods',
    operationId: 'ListAuthenticationMethodTypes',
    summary: 'List all possible authentication methods of a user',
    params: userPath,
    query: domainQuery,
    response: listAuthenticationMethodTypesResponse,
  });
}

/** Where the provider sends the browser back (contract section 5): a redirect, not JSON. */
function describeCallback(doc: ApiDocument): void {
  doc.add({
    tag: 'Identity providers',
    permission: 'none',
    method: 'get',
    path: '/idps/callback',
    operationId: 'IdentityProviderCallback',
    summary: "The provider's redirect back: 302 to the intent's success or failure URL",
    query: z
      .object({ state: runes(1, 200), code: z.string().optional(), error: z.string().optional() })
      .passthrough(),
    // No 200: the answer is the redirect.
    otherAnswers: [
      {
        status: 302,
        description: 'To successUrl (with id, token, user) or failureUrl (with id, error)',
        headers: z.object({ Location: z.string().openapi({ description: 'Where to go' }) }),
      },
      {
        status: 400,
        description: 'Unknown or missing state',
        schema: z.literal('unknown or missing state'),
        contentType: 'text/plain',
      },
    ],
    errors: [Errors.flowTimeout],
  });
}

function describeAdminIdpApi(doc: ApiDocument): void {
  const admin = { tag: 'Admin', permission: 'iam.admin' } as const;
  doc.add({
    ...admin,
    method: 'post',
    path: '/admin/v1/idps/generic_oidc',
    operationId: 'AddGenericOIDCProvider',
    summary: 'Configure a generic OpenID Connect provider',
    body: addGenericOidcRequest,
    response: addIdpResponse,
  });
  doc.add({
    ...admin,
    method: 'post',
    path: '/admin/v1/idps/oauth',
    operationId: 'AddGenericOAuthProvider',
    summary: 'Configure a generic OAuth 2.0 provider',
    body: addOAuthRequest,
    response: addIdpResponse,
  });
  doc.add({
    ...admin,
    method: 'get',
    path: '/admin/v1/idps/{id}',
    operationId: 'GetProviderByID',
    summary: 'A provider without its client secret',
    params: idpPath,
    response: getIdpResponse,
    errors: [Errors.idpNotFound],
  });
  doc.add({
    ...admin,
    method: 'delete',
    path: '/admin/v1/idps/{id}',
    operationId: 'DeleteProvider',
    summary: 'Remove a provider and every link to it',
    params: idpPath,
    response: detailsOnlyResponse,
    errors: [Errors.idpNotFound],
  });
}
