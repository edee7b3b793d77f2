/**
 * A real OpenID provider (the `oidc-provider` package) on loopback for one test file, with one
 * confidential client and its development login and consent pages. Every login name is an
 * account; the password is not checked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../infra/free-port';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** The claims of the account `login` (OpenID Connect Core 1.0, 5.1). */
export function accountClaims(login: string) {
  return {
    sub: login,
    preferred_username: login,
    email: `${login}@idp.example.com`,
    email_verified: true,
    given_name: 'Grace',
    family_name: 'Hopper',
    name: 'Grace Hopper',
  };
}

export async function startTestProvider(redirectUri: string): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'flowgate-test';
  const clientSecret = 'a-client-secret-of-the-test-provider';

  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'name', 'preferred_username'],
    },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => accountClaims(sub),
    }),
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Grant: 600,
      Interaction: 600,
      Session: 600,
    },
  });

  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  if (actual !== port) {
    throw new Error('the provider did not get its port');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
