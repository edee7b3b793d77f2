import { randomBytes } from 'node:crypto';
import { newHumanUser } from '../support/fixtures';
import { useStack } from '../support/stack';

const ctx = useStack();

const tag = () => randomBytes(5).toString('hex');

async function addIdp(): Promise<string> {
  const response = await ctx.api.post('/admin/v1/idps/generic_oidc', {
    name: 'Example',
    issuer: 'https://id.example.com',
    clientId: 'client',
    clientSecret: `secret-${tag()}`,
  });
  return response.body.id;
}

async function addUser(extra: Record<string, unknown> = {}): Promise<string> {
  const response = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }, extra));
  expect(response.status).toBe(200);
  return response.body.userId;
}

const methodsOf = (userId: string, query = '') =>
  ctx.api.get(`/v2/users/${userId}/authentication_methods${query}`);

describe('AddIDPLink and idpLinks on AddHumanUser', () => {
  it('links an external identity once; a second link of it, to anyone, is 409', async () => {
    const idpId = await addIdp();
    const first = await addUser();
    const second = await addUser();
    const link = { idpId, userId: `ext-${tag()}`, userName: 'grace' };

    const added = await ctx.api.post(`/v2/users/${first}/links`, { idpLink: link });
    expect(added.status).toBe(200);
    expect(added.body.details.sequence).toBe('2');

    for (const userId of [first, second]) {
      const again = await ctx.api.post(`/v2/users/${userId}/links`, { idp_link: link });
      expect(again.status).toBe(409);
      expect(again.body.details[0].id).toBe('Errors.User.ExternalIDP.AlreadyExists');
    }

    const taken = await ctx.api.post('/v2/users/human', newHumanUser({}, { idpLinks: [link] }));
    expect(taken.status).toBe(409);
  });

  it('rejects an unknown provider, an unknown user and a malformed link', async () => {
    const userId = await addUser();
    const unknownIdp = await ctx.api.post(`/v2/users/${userId}/links`, {
      idpLink: { idpId: '404', userId: 'x', userName: 'x' },
    });
    expect(unknownIdp.status).toBe(400);
    expect(unknownIdp.body.details[0].id).toBe('Errors.IDPConfig.NotExisting');

    const idpId = await addIdp();
    const unknownUser = await ctx.api.post('/v2/users/404/links', {
      idpLink: { idpId, userId: `ext-${tag()}`, userName: 'x' },
    });
    expect(unknownUser.status).toBe(404);
    expect(unknownUser.body.details[0].id).toBe('Errors.User.NotFound');

    const malformed = await ctx.api.post(`/v2/users/${userId}/links`, {
      idpLink: { idpId, userName: 'x' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toBe(
      'invalid AddIDPLinkRequest.IdpLink.UserId: value is required',
    );

    const viaCreate = await ctx.api.post(
      '/v2/users/human',
      newHumanUser({}, { idpLinks: [{ idpId: '404', userId: 'x', userName: 'x' }] }),
    );
    expect(viaCreate.status).toBe(400);
    expect(viaCreate.body.details[0].id).toBe('Errors.IDPConfig.NotExisting');
  });
});

describe('ListAuthenticationMethodTypes', () => {
  it('lists password and IdP, in the contract order, as each is registered', async () => {
    const bare = await addUser();
    const none = await methodsOf(bare);
    expect(none.status).toBe(200);
    expect(none.body.details.totalResult).toBe('0');
    expect(none.body.authMethodTypes).toBeUndefined();

    const withPassword = await addUser({ password: { password: 'correct horse battery' } });
    expect((await methodsOf(withPassword)).body).toMatchObject({
      details: { totalResult: '1' },
      authMethodTypes: ['AUTHENTICATION_METHOD_TYPE_PASSWORD'],
    });

    const idpId = await addIdp();
    await ctx.api.post(`/v2/users/${withPassword}/links`, {
      idpLink: { idpId, userId: `ext-${tag()}`, userName: 'grace' },
    });
    const both = await methodsOf(
      withPassword,
      '?domainQuery.domain=login.example.com&domainQuery.includeWithoutDomain=true',
    );
    expect(both.body).toMatchObject({
      details: { totalResult: '2' },
      authMethodTypes: ['AUTHENTICATION_METHOD_TYPE_PASSWORD', 'AUTHENTICATION_METHOD_TYPE_IDP'],
    });

    const linkedAtCreation = await addUser({
      idpLinks: [{ idpId, userId: `ext-${tag()}`, userName: 'ada' }],
    });
    expect((await methodsOf(linkedAtCreation)).body.authMethodTypes).toEqual([
      'AUTHENTICATION_METHOD_TYPE_IDP',
    ]);
  });

  it('answers an empty list for an unknown user and 400 for a malformed domain query', async () => {
    const unknown = await methodsOf('no-such-user');
    expect(unknown.status).toBe(200);
    expect(unknown.body.details.totalResult).toBe('0');

    const bad = await methodsOf('x', '?domain_query.include_without_domain=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(3);
  });
});

describe('identity-provider configuration', () => {
  it('stores the client secret sealed and never returns it', async () => {
    const secret = `secret-${tag()}`;
    const added = await ctx.api.post('/admin/v1/idps/oauth', {
      name: 'GitHub-like',
      clientId: 'client',
      clientSecret: secret,
      authorizationEndpoint: 'https://oauth.example.com/authorize',
      tokenEndpoint: 'https://oauth.example.com/token',
      userEndpoint: 'https://api.example.com/user',
      scopes: ['read:user'],
      idAttribute: 'id',
    });
    expect(added.status).toBe(200);
    expect(added.body.details.resourceOwner).toBeTruthy();

    const read = await ctx.api.get(`/admin/v1/idps/${added.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.idp).toMatchObject({
      id: added.body.id,
      name: 'GitHub-like',
      type: 'IDP_TYPE_OAUTH',
      config: { oauth: { clientId: 'client', idAttribute: 'id', scopes: ['read:user'] } },
    });
    expect(JSON.stringify(read.body)).not.toContain(secret);

    const [rows] = await ctx.stack.db.query(
      `SELECT client_secret_sealed FROM idp_configs WHERE id = '${added.body.id}'`,
    );
    expect(JSON.stringify(rows)).not.toContain(secret);

    const removed = await ctx.api.call('DELETE', `/admin/v1/idps/${added.body.id}`);
    expect(removed.status).toBe(200);
    expect((await ctx.api.get(`/admin/v1/idps/${added.body.id}`)).status).toBe(404);
  });

  it('needs the admin token and an https issuer', async () => {
    const body = {
      name: 'Plain',
      issuer: 'http://id.example.com',
      clientId: 'client',
      clientSecret: 'secret',
    };
    const insecure = await ctx.api.post('/admin/v1/idps/generic_oidc', body);
    expect(insecure.status).toBe(400);
    expect(insecure.body.message).toContain('AddGenericOIDCProviderRequest.Issuer');

    const anonymous = await ctx.api.post('/admin/v1/idps/generic_oidc', body, { token: null });
    expect(anonymous.status).toBe(401);
  });
});
