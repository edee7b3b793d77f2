import { randomBytes } from 'node:crypto';
import { freePort } from '../../infra/free-port';
import { call } from '../support/http';
import { FAILURE_URL, addOAuthIdp, addOidcIdp, signIn, startIntent } from '../support/idp-sign-in';
import { accountClaims, startTestProvider, type TestProvider } from '../support/oidc-test-provider';
import { useStack } from '../support/stack';

let apiOrigin: string;
let apiPort: number;
let provider: TestProvider;

beforeAll(async () => {
  apiPort = await freePort();
  apiOrigin = `http://127.0.0.1:${apiPort}`;
  provider = await startTestProvider(`${apiOrigin}/idps/callback`);
});
afterAll(async () => {
  await provider?.stop();
});

const ctx = useStack(() => ({ port: apiPort, env: { FLOWGATE_PUBLIC_URL: apiOrigin } }));

const newLogin = () => `grace-${randomBytes(5).toString('hex')}`;

async function retrieve(id: string, token: string) {
  return ctx.api.post(`/v2/idp_intents/${id}`, { idpIntentToken: token });
}

describe('identity-provider intents against a real OpenID provider', () => {
  let oidcIdp: string;

  beforeAll(async () => {
    oidcIdp = await addOidcIdp(ctx.api, provider);
  });

  it('signs a new user in and creates the user, with its link, from the prefill', async () => {
    const login = newLogin();
    const { landedAt } = await signIn(ctx.api, apiOrigin, provider, oidcIdp, login);

    expect(landedAt.origin + landedAt.pathname).toBe('https://app.example.com/idp/ok');
    expect(landedAt.searchParams.get('from')).toBe('test');
    const id = landedAt.searchParams.get('id')!;
    const token = landedAt.searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(landedAt.searchParams.has('user')).toBe(false);

    const retrieved = await retrieve(id, token);
    expect(retrieved.status).toBe(200);
    const info = retrieved.body.idpInformation;
    expect(info.idpId).toBe(oidcIdp);
    expect(info.userId).toBe(login);
    expect(info.userName).toBe(login);
    expect(typeof info.oauth.accessToken).toBe('string');
    expect(info.oauth.idToken.split('.')).toHaveLength(3);
    expect(info.rawInformation.User.email).toBe(accountClaims(login).email);
    expect(retrieved.body.userId).toBeUndefined();

    const prefilled = retrieved.body.addHumanUser;
    expect(prefilled).toMatchObject({
      username: login,
      profile: { givenName: 'Grace', familyName: 'Hopper', displayName: 'Grace Hopper' },
      email: { email: accountClaims(login).email, isVerified: true },
      idpLinks: [{ idpId: oidcIdp, userId: login, userName: login }],
    });

    const created = await ctx.api.post('/v2/users/human', prefilled);
    expect(created.status).toBe(200);

    const methods = await ctx.api.get(`/v2/users/${created.body.userId}/authentication_methods`);
    expect(methods.body).toMatchObject({
      details: { totalResult: '1' },
      authMethodTypes: ['AUTHENTICATION_METHOD_TYPE_IDP'],
    });

    // Signing in again finds the linked user.
    const again = await signIn(ctx.api, apiOrigin, provider, oidcIdp, login);
    expect(again.landedAt.searchParams.get('user')).toBe(created.body.userId);
    const linked = await retrieve(
      again.landedAt.searchParams.get('id')!,
      again.landedAt.searchParams.get('token')!,
    );
    expect(linked.body.userId).toBe(created.body.userId);
    expect(linked.body.addHumanUser).toBeUndefined();
  });

  it('refuses a second callback for the same intent', async () => {
    const { landedAt, callbackUrl } = await signIn(
      ctx.api,
      apiOrigin,
      provider,
      oidcIdp,
      newLogin(),
    );
    expect(landedAt.searchParams.get('token')).toBeTruthy();

    const replay = await fetch(callbackUrl!, { redirect: 'manual' });
    expect(replay.status).toBe(302);
    const target = new URL(replay.headers.get('location')!);
    expect(target.origin + target.pathname).toBe(FAILURE_URL);
    expect(target.searchParams.get('error')).toBe('IDP-Sfrgs');
    expect(target.searchParams.get('error_description')).toBe('Errors.Intent.NotStarted');
    expect(target.searchParams.has('token')).toBe(false);
  });

  it('sends the provider error to the failure URL', async () => {
    const { landedAt } = await signIn(ctx.api, apiOrigin, provider, oidcIdp, newLogin(), {
      abort: true,
    });
    expect(landedAt.origin + landedAt.pathname).toBe(FAILURE_URL);
    expect(landedAt.searchParams.get('id')).toBeTruthy();
    expect(landedAt.searchParams.get('error')).toBe('access_denied');
    expect(landedAt.searchParams.get('error_description')).toBe('End-User aborted interaction');
    expect(landedAt.searchParams.has('token')).toBe(false);
  });

  it('answers 400 to an unknown or missing state', async () => {
    const unknown = await call(apiOrigin, 'GET', '/idps/callback?state=999&code=abc', undefined);
    expect(unknown.status).toBe(400);
    const missing = await call(apiOrigin, 'GET', '/idps/callback?code=abc', undefined);
    expect(missing.status).toBe(400);
  });

  it('fails the intent when the state in the callback was tampered with', async () => {
    const authUrl = new URL(await startIntent(ctx.api, oidcIdp));
    const intentId = authUrl.searchParams.get('state')!;
    const forged = await fetch(`${apiOrigin}/idps/callback?state=${intentId}x&code=stolen`, {
      redirect: 'manual',
    });
    expect(forged.status).toBe(400);

    // A code the provider never issued for this intent's PKCE challenge is a failed login.
    const injected = await fetch(`${apiOrigin}/idps/callback?state=${intentId}&code=stolen`, {
      redirect: 'manual',
    });
    expect(injected.status).toBe(302);
    const target = new URL(injected.headers.get('location')!);
    expect(target.origin + target.pathname).toBe(FAILURE_URL);
    expect(target.searchParams.get('error_description')).toBe(
      'Errors.User.ExternalIDP.LoginFailed',
    );
  });

  it('rejects a wrong token with 403 and an intent that has not succeeded with 400', async () => {
    const { landedAt } = await signIn(ctx.api, apiOrigin, provider, oidcIdp, newLogin());
    const id = landedAt.searchParams.get('id')!;
    const wrong = await retrieve(id, 'not-the-token');
    expect(wrong.status).toBe(403);
    expect(wrong.body.details[0].id).toBe('Errors.Intent.InvalidToken');

    const unknown = await retrieve('12345', 'not-the-token');
    expect(unknown.status).toBe(403);

    const pending = new URL(await startIntent(ctx.api, oidcIdp)).searchParams.get('state')!;
    const early = await retrieve(pending, 'any-token');
    expect(early.status).toBe(400);
    expect(early.body.details[0].id).toBe('Errors.Intent.NotSucceeded');
  });

  it('rejects an unknown provider and malformed URLs', async () => {
    const unknown = await ctx.api.post('/v2/idp_intents', {
      idpId: '404',
      urls: { successUrl: 'https://a.example/ok', failureUrl: 'https://a.example/no' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0].id).toBe('Errors.IDPConfig.NotExisting');

    const bad = await ctx.api.post('/v2/idp_intents', {
      idpId: oidcIdp,
      urls: { successUrl: 'not a url', failureUrl: 'https://a.example/no' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(3);
  });

  it('answers 503 when the provider cannot be reached', async () => {
    const closedPort = await freePort();
    const idp = await ctx.api.post('/admin/v1/idps/generic_oidc', {
      name: 'Down',
      issuer: `http://127.0.0.1:${closedPort}`,
      clientId: 'client',
      clientSecret: 'secret',
    });
    const started = await ctx.api.post('/v2/idp_intents', {
      idpId: idp.body.id,
      urls: { successUrl: 'https://a.example/ok', failureUrl: 'https://a.example/no' },
    });
    expect(started.status).toBe(503);
    expect(started.body.details[0].id).toBe('Errors.Unavailable');
  });

  it('signs in through the generic OAuth kind against the same provider', async () => {
    const oauthIdp = await addOAuthIdp(ctx.api, provider);
    const login = newLogin();
    const { landedAt } = await signIn(ctx.api, apiOrigin, provider, oauthIdp, login);
    expect(landedAt.searchParams.get('token')).toBeTruthy();

    const retrieved = await retrieve(
      landedAt.searchParams.get('id')!,
      landedAt.searchParams.get('token')!,
    );
    expect(retrieved.status).toBe(200);
    const info = retrieved.body.idpInformation;
    expect(info.idpId).toBe(oauthIdp);
    expect(info.userId).toBe(login);
    expect(typeof info.oauth.accessToken).toBe('string');
    expect(info.oauth.idToken).toBeUndefined();
    expect(info.rawInformation.email).toBe(accountClaims(login).email);
  });

  it('keeps no token, verifier or provider token in cleartext in PostgreSQL', async () => {
    const { landedAt } = await signIn(ctx.api, apiOrigin, provider, oidcIdp, newLogin());
    const id = landedAt.searchParams.get('id')!;
    const token = landedAt.searchParams.get('token')!;
    const retrieved = await retrieve(id, token);
    const [rows] = await ctx.stack.db.query(
      `SELECT * FROM idp_intents WHERE id = '${id.replace(/\D/g, '')}'`,
    );
    const text = JSON.stringify(rows);
    expect(rows).toHaveLength(1);
    expect(text).not.toContain(token);
    expect(text).not.toContain(retrieved.body.idpInformation.oauth.accessToken);
    expect((rows[0] as { secrets_sealed: unknown }).secrets_sealed).toBeNull();
  });
});
