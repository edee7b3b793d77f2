/** Helpers of the identity-provider tests: configure the test provider, sign in through it. */
import { TestBrowser } from './browser';
import type { ApiClient } from './http';
import type { TestProvider } from './oidc-test-provider';

export const SUCCESS_URL = 'https://app.example.com/idp/ok?from=test';
export const FAILURE_URL = 'https://app.example.com/idp/fail';

export async function addOidcIdp(api: ApiClient, provider: TestProvider): Promise<string> {
  const response = await api.post('/admin/v1/idps/generic_oidc', {
    name: 'Test OIDC',
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    scopes: ['openid', 'email', 'profile'],
  });
  expect(response.status).toBe(200);
  return response.body.id;
}

export async function addOAuthIdp(api: ApiClient, provider: TestProvider): Promise<string> {
  // The same provider, described by its endpoints as a plain OAuth 2.0 one.
  const response = await api.post('/admin/v1/idps/oauth', {
    name: 'Test OAuth',
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    authorizationEndpoint: `${provider.issuer}/auth`,
    tokenEndpoint: `${provider.issuer}/token`,
    userEndpoint: `${provider.issuer}/me`,
    scopes: ['openid', 'email', 'profile'],
    idAttribute: 'sub',
  });
  expect(response.status).toBe(200);
  return response.body.id;
}

export async function startIntent(api: ApiClient, idpId: string): Promise<string> {
  const response = await api.post('/v2/idp_intents', {
    idpId,
    urls: { successUrl: SUCCESS_URL, failureUrl: FAILURE_URL },
  });
  expect(response.status).toBe(200);
  return response.body.authUrl;
}

export interface SignIn {
  landedAt: URL;
  browser: TestBrowser;
  /** The callback URL the provider sent the browser to. */
  callbackUrl?: URL;
}

/** The whole browser round trip; `abort` cancels at the provider's login page instead. */
export async function signIn(
  api: ApiClient,
  apiOrigin: string,
  provider: TestProvider,
  idpId: string,
  login: string,
  options: { abort?: boolean } = {},
): Promise<SignIn> {
  const authUrl = await startIntent(api, idpId);
  const browser = new TestBrowser([provider.issuer, apiOrigin]);
  const { landedAt } = await browser.visit(authUrl, (action, fields) => {
    if (options.abort && fields.prompt === 'login') {
      return { open: `${action}/abort` };
    }
    return fields.prompt === 'login' ? { ...fields, login, password: 'any' } : fields;
  });
  const callbackUrl = browser.visited.find((u) => u.pathname === '/idps/callback');
  return { landedAt, browser, callbackUrl };
}
