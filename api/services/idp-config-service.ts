/**
 * Identity-provider configuration (ZITADEL's admin API shapes for generic OIDC and OAuth).
 * The client secret is sealed before it is stored and never returned.
 */
import { Errors, FlowgateError } from '../../common/errors';
import type { Details } from '../../common/verification-messages';
import { newId } from '../../infra/ids';
import {
  clientSecretContext,
  deleteIdpConfig,
  findIdpConfig,
  insertIdpConfig,
  type IdpConfigRow,
  type NewIdpConfig,
} from '../../store/idp-configs-store';
import type { ApiDeps } from '../deps';
import { compact } from '../render';
import type { AddGenericOidcRequest, AddOAuthRequest } from '../schemas/idp-schemas';

function detailsOf(row: IdpConfigRow): Details {
  return {
    sequence: String(row.sequence),
    changeDate: new Date(row.change_date).toISOString(),
    resourceOwner: row.org_id,
  };
}

async function store(
  deps: ApiDeps,
  config: Omit<NewIdpConfig, 'clientSecretSealed'> & {
    clientSecret: string;
  },
): Promise<{ id: string; details: Details }> {
  const { clientSecret, ...rest } = config;
  const row = await insertIdpConfig(
    deps.db,
    {
      ...rest,
      clientSecretSealed: deps.secretBox.seal(clientSecret, clientSecretContext(rest.id)),
    },
    deps.clock.now(),
  );
  return { id: row.id, details: detailsOf(row) };
}

export function addGenericOidcIdp(deps: ApiDeps, request: AddGenericOidcRequest) {
  return store(deps, {
    id: newId(),
    orgId: deps.defaultOrg.id,
    kind: 'generic_oidc',
    name: request.name,
    clientId: request.clientId,
    clientSecret: request.clientSecret,
    scopes: request.scopes?.length ? request.scopes : ['openid'],
    issuer: request.issuer,
    isIdTokenMapping: request.isIdTokenMapping ?? false,
  });
}

export function addOAuthIdp(deps: ApiDeps, request: AddOAuthRequest) {
  return store(deps, {
    id: newId(),
    orgId: deps.defaultOrg.id,
    kind: 'oauth',
    name: request.name,
    clientId: request.clientId,
    clientSecret: request.clientSecret,
    scopes: request.scopes ?? [],
    authorizationEndpoint: request.authorizationEndpoint,
    tokenEndpoint: request.tokenEndpoint,
    userEndpoint: request.userEndpoint,
    idAttribute: request.idAttribute,
  });
}

/** The provider as ZITADEL's GetProviderByID renders it, without the client secret. */
export async function getIdp(deps: ApiDeps, id: string) {
  const row = await findIdpConfig(deps.db, id);
  if (!row) {
    throw new FlowgateError(Errors.idpNotFound);
  }
  const config =
    row.kind === 'generic_oidc'
      ? {
          oidc: compact({
            issuer: row.issuer,
            clientId: row.client_id,
            scopes: row.scopes,
            isIdTokenMapping: row.is_id_token_mapping || undefined,
          }),
        }
      : {
          oauth: compact({
            clientId: row.client_id,
            authorizationEndpoint: row.authorization_endpoint,
            tokenEndpoint: row.token_endpoint,
            userEndpoint: row.user_endpoint,
            scopes: row.scopes,
            idAttribute: row.id_attribute,
          }),
        };
  return {
    idp: {
      id: row.id,
      details: detailsOf(row),
      state: 'IDP_STATE_ACTIVE',
      name: row.name,
      type: row.kind === 'generic_oidc' ? 'IDP_TYPE_OIDC' : 'IDP_TYPE_OAUTH',
      config,
    },
  };
}

/** Removes the provider and every link to it. */
export async function removeIdp(deps: ApiDeps, id: string): Promise<{ details: Details }> {
  if (!(await deleteIdpConfig(deps.db, id))) {
    throw new FlowgateError(Errors.idpNotFound);
  }
  return {
    details: {
      sequence: '2',
      changeDate: deps.clock.now().toISOString(),
      resourceOwner: deps.defaultOrg.id,
    },
  };
}
