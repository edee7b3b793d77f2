/**
 * The access model: organizations, service accounts with personal access tokens, ZITADEL's
 * permissions per operation, and isolation between organizations.
 */
import { createAccount, createOrg, type TestAccount } from '../support/access';
import { newHumanUser } from '../support/fixtures';
import type { ApiResponse } from '../support/http';
import { useStack } from '../support/stack';
import { queryOne, queryRows } from '../../store/sql';

const ctx = useStack();

let orgA: string;
let orgB: string;

beforeAll(async () => {
  orgA = await createOrg(ctx.api);
  orgB = await createOrg(ctx.api);
});

const account = (orgId: string | undefined, ...roles: string[]): Promise<TestAccount> =>
  createAccount(ctx.api, ctx.stack.url, orgId, roles);

async function userIn(orgId: string): Promise<{ userId: string; code: string }> {
  const created = await ctx.api.post(
    '/v2/users/human',
    newHumanUser({ returnCode: {} }, { organization: { orgId } }),
  );
  expect(created.status).toBe(200);
  return { userId: created.body.userId, code: created.body.emailCode };
}

function expectDenied(response: ApiResponse): void {
  expect(response.status).toBe(403);
  expect(response.body).toEqual({
    code: 7,
    message: 'No matching permissions found (AUTH-AWfge)',
    details: [
      {
        '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail',
        id: 'AUTH-AWfge',
        message: 'No matching permissions found',
      },
    ],
  });
}

describe('organizations', () => {
  it('creates an organization whose users carry it as resourceOwner', async () => {
    const created = await ctx.api.post(
      '/v2/users/human',
      newHumanUser({ isVerified: true }, { organization: { orgId: orgA } }),
    );

    expect(created.status).toBe(200);
    expect(created.body.details.resourceOwner).toBe(orgA);
  });

  it('rejects a second organization with a taken primary domain with 409', async () => {
    const primaryDomain = `taken-${Date.now()}.example.com`;
    const first = await ctx.api.post('/admin/v1/orgs', { name: 'One', primaryDomain });
    const second = await ctx.api.post('/admin/v1/orgs', { name: 'Two', primaryDomain });

    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.details[0].id).toBe('Errors.Org.AlreadyExists');
  });

  it('puts a user in the organization x-zitadel-orgid names when the body names none', async () => {
    const response = await fetch(`${ctx.stack.url}/v2/users/human`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ctx.stack.config.adminToken}`,
        'content-type': 'application/json',
        'x-zitadel-orgid': orgB,
      },
      body: JSON.stringify(newHumanUser({ isVerified: true })),
    });
    const body = (await response.json()) as { details: { resourceOwner: string } };

    expect(response.status).toBe(200);
    expect(body.details.resourceOwner).toBe(orgB);
  });
});

describe('service account tokens', () => {
  it('lets a user manager of organization A create and change users of A', async () => {
    const manager = await account(orgA, 'ORG_USER_MANAGER');

    const created = await manager.client.post('/v2/users/human', newHumanUser({ returnCode: {} }));
    expect(created.status).toBe(200);
    expect(created.body.details.resourceOwner).toBe(orgA);

    const userId = created.body.userId;
    const verified = await manager.client.post(`/v2/users/${userId}/email/verify`, {
      verificationCode: created.body.emailCode,
    });
    expect(verified.status).toBe(200);
    const changed = await manager.client.post(`/v2/users/${userId}/email`, {
      email: `changed-${Date.now()}@example.com`,
      returnCode: {},
    });
    expect(changed.status).toBe(200);
  });

  it('stores only a keyed hash of a token, never the token', async () => {
    const robot = await account(orgA, 'ORG_USER_VIEWER');

    const row = await queryOne<{ token_hash: string }>(
      ctx.stack.db,
      'SELECT token_hash FROM access_tokens WHERE id = $1',
      [robot.tokenId],
    );
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const all = await queryRows(ctx.stack.db, 'SELECT * FROM access_tokens', []);
    expect(JSON.stringify(all)).not.toContain(robot.token.slice(4));
  });

  it('refuses a token after it was revoked, and lists it as revoked', async () => {
    const robot = await account(orgA, 'ORG_USER_MANAGER');
    const path = `/admin/v1/service_accounts/${robot.serviceAccountId}/tokens`;

    const revoked = await ctx.api.call('DELETE', `${path}/${robot.tokenId}`);
    const after = await robot.client.post('/v2/users/human', newHumanUser({ isVerified: true }));
    const listed = await ctx.api.get(path);

    expect(revoked.status).toBe(200);
    expect(after.status).toBe(401);
    expect(after.body.details[0].id).toBe('Errors.Token.Invalid');
    expect(listed.body.result).toEqual([
      expect.objectContaining({ tokenId: robot.tokenId, state: 'revoked' }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(robot.token);
  });

  it('refuses a token once it has expired', async () => {
    const robot = await account(orgA, 'ORG_USER_MANAGER');
    const before = await robot.client.post('/v2/users/human', newHumanUser({ isVerified: true }));

    await queryRows(
      ctx.stack.db,
      'UPDATE access_tokens SET expires_at = $2 WHERE id = $1 RETURNING id',
      [robot.tokenId, new Date(Date.now() - 1000)],
    );
    const after = await robot.client.post('/v2/users/human', newHumanUser({ isVerified: true }));
    const listed = await ctx.api.get(`/admin/v1/service_accounts/${robot.serviceAccountId}/tokens`);

    expect(before.status).toBe(200);
    expect(after.status).toBe(401);
    expect(listed.body.result[0].state).toBe('expired');
  });

  it('rejects an expiration date in the past and an unknown role with 400', async () => {
    const robot = await account(orgA, 'ORG_USER_VIEWER');
    const past = await ctx.api.post(`/admin/v1/service_accounts/${robot.serviceAccountId}/tokens`, {
      expirationDate: '2020-01-01T00:00:00Z',
    });
    const badRole = await ctx.api.post('/admin/v1/service_accounts', {
      name: 'x',
      roles: ['GOD'],
    });

    expect(past.status).toBe(400);
    expect(past.body.details[0].id).toBe('Errors.Token.ExpirationDateInPast');
    expect(badRole.status).toBe(400);
    expect(badRole.body.message).toContain('invalid AddServiceAccountRequest.Roles[0]');
  });

  it('answers 401 without a token and with an unknown one, in the contract shape', async () => {
    const missing = await ctx.api.post('/admin/v1/orgs', { name: 'x' }, { token: null });
    const unknown = await ctx.api.post(
      '/admin/v1/orgs',
      { name: 'x' },
      { token: `fgp_${'A'.repeat(43)}` },
    );

    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ code: 16, message: 'auth header missing' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe(16);
  });
});

describe('permissions', () => {
  it('refuses AddHumanUser and SetEmail to a viewer with 403', async () => {
    const viewer = await account(orgA, 'ORG_USER_VIEWER');
    const { userId } = await userIn(orgA);

    expectDenied(await viewer.client.post('/v2/users/human', newHumanUser({ isVerified: true })));
    expectDenied(
      await viewer.client.post(`/v2/users/${userId}/email`, {
        email: 'x@example.com',
        returnCode: {},
      }),
    );
  });

  it('keeps the admin API and the dev outbox to iam.admin', async () => {
    const owner = await account(orgA, 'ORG_OWNER');
    const iamOwner = await account(orgA, 'IAM_OWNER');

    expectDenied(await owner.client.post('/admin/v1/orgs', { name: 'Nope' }));
    expectDenied(await owner.client.get('/dev/outbox'));
    expect((await iamOwner.client.post('/admin/v1/orgs', { name: 'Yes' })).status).toBe(200);
    expect((await iamOwner.client.get('/dev/outbox')).status).toBe(200);
  });

  it('lets an iam.admin token act on users of every organization', async () => {
    const iamOwner = await account(orgA, 'IAM_OWNER');
    const { userId, code } = await userIn(orgB);

    const verified = await iamOwner.client.post(`/v2/users/${userId}/email/verify`, {
      verificationCode: code,
    });

    expect(verified.status).toBe(200);
  });
});

describe('isolation between organizations', () => {
  it('answers a user of another organization exactly as a missing user', async () => {
    const manager = await account(orgA, 'ORG_OWNER');
    const { userId, code } = await userIn(orgB);
    const missing = `missing-${Date.now()}`;

    for (const [path, body] of [
      ['email', { email: 'steal@example.com', returnCode: {} }],
      ['email/verify', { verificationCode: code }],
    ] as const) {
      const foreign = await manager.client.post(`/v2/users/${userId}/${path}`, body);
      const absent = await manager.client.post(`/v2/users/${missing}/${path}`, body);

      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual(absent.body);
    }
    const row = await queryOne<{ email_verified: boolean }>(
      ctx.stack.db,
      'SELECT email_verified FROM users WHERE id = $1',
      [userId],
    );
    expect(row!.email_verified).toBe(false);
  });

  it('answers another organization in AddHumanUser as an unknown one', async () => {
    const manager = await account(orgA, 'ORG_USER_MANAGER');

    const foreign = await manager.client.post(
      '/v2/users/human',
      newHumanUser({ isVerified: true }, { organization: { orgId: orgB } }),
    );
    const unknown = await manager.client.post(
      '/v2/users/human',
      newHumanUser({ isVerified: true }, { organization: { orgId: 'no-such-org' } }),
    );

    expect(foreign.status).toBe(400);
    expect(foreign.body).toEqual(unknown.body);
  });

  it('refuses x-zitadel-orgid naming an organization the token does not belong to', async () => {
    const manager = await account(orgA, 'ORG_USER_MANAGER');

    const response = await fetch(`${ctx.stack.url}/v2/users/human`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${manager.token}`,
        'content-type': 'application/json',
        'x-zitadel-orgid': orgB,
      },
      body: JSON.stringify(newHumanUser({ isVerified: true })),
    });

    expect(response.status).toBe(403);
  });
});
