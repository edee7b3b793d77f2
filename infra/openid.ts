/**
 * The OpenID Connect / OAuth 2.0 client side of identity-provider intents, on openid-client:
 * authorization code flow with PKCE (RFC 7636), `state`, and `nonce` for OIDC (OpenID Connect
 * Core 1.0, 3.1.2.1). Plain OAuth providers are described by their three endpoints.
 */
import type { IdpKind } from '../store/idp-configs-store';

type OpenIdClient = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });
type Configuration = OpenIdClient['Configuration']['prototype'];

let loaded: Promise<OpenIdClient> | undefined;

/** openid-client is an ES module; a dynamic import loads it from this CommonJS project. */
export function openIdClient(): Promise<OpenIdClient> {
  loaded ??= import('openid-client');
  return loaded;
}

/** What talking to one provider takes; the client secret is already opened. */
export interface ProviderAccess {
  idpId: string;
  kind: IdpKind;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  issuer?: string;
  isIdTokenMapping?: boolean;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  userEndpoint?: string;
  idAttribute?: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Plain http is accepted only for a provider on this machine's loopback interface (a local
 * test or development provider); anything else must be https (OAuth 2.0 Security BCP, RFC 9700
 * 2.6; openid-client refuses http unless allowInsecureRequests is set).
 */
export function isAllowedProviderUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
  );
}

function isLoopbackHttp(text: string): boolean {
  return new URL(text).protocol === 'http:' && isAllowedProviderUrl(text);
}

/**
 * A plain OAuth 2.0 provider issues no ID token we could validate (it has no issuer); if the
 * token endpoint sends one anyway, it is dropped before openid-client would reject it.
 */
function withoutIdToken(tokenEndpoint: string) {
  const endpoint = new URL(tokenEndpoint).href;
  return async (url: string, options: RequestInit & { body?: unknown }): Promise<Response> => {
    const response = await fetch(url, options as RequestInit);
    if (new URL(url).href !== endpoint || !response.ok) {
      return response;
    }
    const body = (await response.json()) as Record<string, unknown>;
    delete body.id_token;
    return new Response(JSON.stringify(body), {
      status: response.status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

/** The openid-client configuration of a provider: OIDC by discovery, OAuth from its endpoints. */
export async function providerConfiguration(access: ProviderAccess): Promise<Configuration> {
  const client = await openIdClient();
  const auth = client.ClientSecretBasic(access.clientSecret);

  if (access.kind === 'generic_oidc') {
    const issuer = access.issuer!;
    const execute = isLoopbackHttp(issuer) ? [client.allowInsecureRequests] : [];
    return client.discovery(new URL(issuer), access.clientId, undefined, auth, { execute });
  }

  const config = new client.Configuration(
    {
      issuer: `urn:flowgate:idp:${access.idpId}`,
      authorization_endpoint: access.authorizationEndpoint,
      token_endpoint: access.tokenEndpoint,
      userinfo_endpoint: access.userEndpoint,
    },
    access.clientId,
    undefined,
    auth,
  );
  if (isLoopbackHttp(access.tokenEndpoint!)) {
    client.allowInsecureRequests(config);
  }
  config[client.customFetch] = withoutIdToken(access.tokenEndpoint!);
  return config;
}

/** The per-intent secrets that bind the callback to the request (RFC 7636, OIDC nonce). */
export interface IntentChecks {
  verifier: string;
  nonce?: string;
}

export async function newIntentChecks(kind: IdpKind): Promise<IntentChecks> {
  const client = await openIdClient();
  return {
    verifier: client.randomPKCECodeVerifier(),
    nonce: kind === 'generic_oidc' ? client.randomNonce() : undefined,
  };
}

/** The provider's authorization URL for one intent; `state` is the intent id. */
export async function authorizationUrl(
  access: ProviderAccess,
  redirectUri: string,
  state: string,
  checks: IntentChecks,
): Promise<string> {
  const client = await openIdClient();
  const config = await providerConfiguration(access);
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: access.scopes.join(' '),
    state,
    code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
    code_challenge_method: 'S256',
  };
  if (checks.nonce) {
    parameters.nonce = checks.nonce;
  }
  return client.buildAuthorizationUrl(config, parameters).href;
}

/** What the provider told us about the user. */
export interface ExternalIdentity {
  accessToken: string;
  idToken?: string;
  /** The subject at the provider. */
  userId: string;
  userName?: string;
  claims: Record<string, unknown>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * Redeems the authorization code of `callbackUrl` (checking state, PKCE and, for OIDC, the ID
 * token and nonce) and fetches the user's claims.
 */
export async function redeemCallback(
  access: ProviderAccess,
  callbackUrl: URL,
  state: string,
  checks: IntentChecks,
): Promise<ExternalIdentity> {
  const client = await openIdClient();
  const config = await providerConfiguration(access);
  if (access.kind === 'oauth') {
    // RFC 9207's `iss` can only be checked against a known issuer, which a provider described
    // by its endpoints does not have.
    callbackUrl = new URL(callbackUrl);
    callbackUrl.searchParams.delete('iss');
  }
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.verifier,
    expectedState: state,
    expectedNonce: checks.nonce,
    idTokenExpected: access.kind === 'generic_oidc',
  });

  if (access.kind === 'generic_oidc') {
    const idClaims = tokens.claims()!;
    const claims: Record<string, unknown> = access.isIdTokenMapping
      ? { ...idClaims }
      : { ...(await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)) };
    return {
      accessToken: tokens.access_token,
      idToken: tokens.id_token,
      userId: idClaims.sub,
      userName: text(claims.preferred_username) ?? text(claims.email),
      claims,
    };
  }

  const response = await client.fetchProtectedResource(
    config,
    tokens.access_token,
    new URL(access.userEndpoint!),
    'GET',
  );
  if (!response.ok) {
    throw new Error(`the user endpoint answered ${response.status}`);
  }
  const claims = (await response.json()) as Record<string, unknown>;
  const userId = text(claims[access.idAttribute || 'sub']);
  if (!userId) {
    throw new Error('the user endpoint gave no id attribute');
  }
  return {
    accessToken: tokens.access_token,
    userId,
    userName: text(claims.preferred_username) ?? text(claims.login) ?? text(claims.email),
    claims,
  };
}
