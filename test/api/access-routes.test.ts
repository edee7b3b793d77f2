/**
 * The access model on the phone, OTP, TOTP, WebAuthn and identity-provider operations: each
 * checks the permission the contract names in the user's organization, and a user of another
 * organization is answered exactly as a missing one.
 */
import { createAccount, createOrg, type TestAccount } from '../support/access';
import { newHumanUser } from '../support/fixtures';
import type { ApiResponse } from '../support/http';
import { useStack } from '../support/stack';
import { queryOne, queryRows } from '../../store/sql';

const ctx = useStack();

const errorId = (body: Record<string, any>) => body.details?.[0]?.id;

interface UserOperation {
  name: string;
  method: 'POST' | 'DELETE' | 'GET';
  /** The path below /v2/users/{userId}. */
  path: string;
  body?: Record<string, unknown>;
  /** The contract's permission; `authenticated` needs none on the user. */
  permission: 'user.write' | 'user.credential.write' | 'user.passkey.write' | 'authenticated';
  /** A role that grants the permission, and one that does not. */
  allowed: string;
  denied?: string;
  /** What the allowed role gets for a fresh user of its own organization. */
  expected: { status: number; errorId?: string };
}

const credential = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: {} };

const OPERATIONS: UserOperation[] = [
  {
    name: 'SetPhone',
    method: 'POST',
    path: 'phone',
    body: { phone: '+41791234567', returnCode: {} },
    permission: 'user.write',
    allowed: 'ORG_USER_MANAGER',
    denied: 'ORG_USER_CREDENTIAL_MANAGER',
    expected: { status: 200 },
  },
  {
    name: 'VerifyPhone',
    method: 'POST',
    path: 'phone/verify',
    body: { verificationCode: '123456' },
    permission: 'authenticated',
    allowed: 'ORG_USER_VIEWER',
    expected: { status: 404, errorId: 'Errors.User.Verification.NotFound' },
  },
  {
    name: 'AddOTPEmail',
    method: 'POST',
    path: 'otp_email',
    body: {},
    permission: 'user.credential.write',
    allowed: 'ORG_USER_CREDENTIAL_MANAGER',
    denied: 'ORG_USER_MANAGER',
    expected: { status: 200 },
  },
  {
    name: 'RemoveOTPEmail',
    method: 'DELETE',
    path: 'otp_email',
    permission: 'user.write',
    allowed: 'ORG_USER_MANAGER',
    denied: 'ORG_USER_CREDENTIAL_MANAGER',
    expected: { status: 404, errorId: 'Errors.User.MFA.OTP.NotExisting' },
  },
  {
    name: 'AddOTPSMS',
    method: 'POST',
    path: 'otp_sms',
    body: {},
    permission: 'user.credential.write',
    allowed: 'ORG_USER_CREDENTIAL_MANAGER',
    denied: 'ORG_USER_MANAGER',
    expected: { status: 400, errorId: 'Errors.User.MFA.OTP.NotReady' },
  },
  {
    name: 'RemoveOTPSMS',
    method: 'DELETE',
    path: 'otp_sms',
    permission: 'user.write',
    allowed: 'ORG_USER_MANAGER',
    denied: 'ORG_USER_CREDENTIAL_MANAGER',
    expected: { status: 404, errorId: 'Errors.User.MFA.OTP.NotExisting' },
  },
  {
    name: 'RegisterTOTP',
    method: 'POST',
    path: 'totp',
    body: {},
    permission: 'user.credential.write',
    allowed: 'ORG_USER_CREDENTIAL_MANAGER',
    denied: 'ORG_USER_MANAGER',
    expected: { status: 200 },
  },
  {
    name: 'VerifyTOTPRegistration',
    method: 'POST',
    path: 'totp/verify',
    body: { code: '123456' },
    permission: 'user.credential.write',
    allowed: 'ORG_USER_CREDENTIAL_MANAGER',
    denied: 'ORG_USER_PASSKEY_MANAGER',
    expected: { status: 404, errorId: 'Errors.User.MFA.OTP.NotExisting' },
  },
  {
    name: 'CreatePasskeyRegistrationLink',
    method: 'POST',
    path: 'passkeys/registration_link',
    body: { returnCode: {} },
    permission: 'user.passkey.write',
    allowed: 'ORG_USER_PASSKEY_MANAGER',
    denied: 'ORG_USER_MANAGER',
    expected: { status: 200 },
  },
  {
    name: 'RegisterPasskey',
    method: 'POST',
    path: 'passkeys',
    body: {},
    permission: 'user.credential.write',
    allowed: 'ORG_USER_CREDENTIAL_MANAGER',
    // user.passkey.write is for links only (contract, operations 12 and 13).
    denied: 'ORG_USER_PASSKEY_MANAGER',
    expected: { status: 200 },
  },
  {
    name: 'VerifyPasskeyRegistration',
    method: 'POST',
    path: 'passkeys/no-such-registration',
    body: { publicKeyCredential: credential, passkeyName: 'key' },
    permission: 'authenticated',
    allowed: 'ORG_USER_VIEWER',
    expected: { status: 404, errorId: 'Errors.User.WebAuthN.NotFound' },
  },
  {
    name: 'RegisterU2F',
    method: 'POST',
    path: 'u2f',
    body: {},
    permission: 'user.credential.write',
    allowed: 'ORG_USER_CREDENTIAL_MANAGER',
    denied: 'ORG_USER_PASSKEY_MANAGER',
    expected: { status: 200 },
  },
  {
    name: 'VerifyU2FRegistration',
    method: 'POST',
    path: 'u2f/no-such-registration',
    body: { publicKeyCredential: credential, tokenName: 'key' },
    permission: 'authenticated',
    allowed: 'ORG_USER_VIEWER',
    expected: { status: 404, errorId: 'Errors.User.WebAuthN.NotFound' },
  },
  {
    name: 'AddIDPLink',
    method: 'POST',
    path: 'links',
    body: { idpLink: { idpId: 'no-such-idp', userId: 'ext-1', userName: 'ext' } },
    permission: 'user.write',
    allowed: 'ORG_USER_MANAGER',
    denied: 'ORG_USER_CREDENTIAL_MANAGER',
    expected: { status: 400, errorId: 'Errors.IDPConfig.NotExisting' },
  },
];

let orgA: string;
let orgB: string;
const accounts = new Map<string, TestAccount>();

/** One account per role in organization A, made once. */
async function accountWith(role: string): Promise<TestAccount> {
  let account = accounts.get(role);
  if (!account) {
    account = await createAccount(ctx.api, ctx.stack.url, orgA, [role]);
    accounts.set(role, account);
  }
  return account;
}

/** A user with a verified email in `orgId`. */
async function userIn(orgId: string): Promise<string> {
  const created = await ctx.api.post(
    '/v2/users/human',
    newHumanUser({ isVerified: true }, { organization: { orgId } }),
  );
  expect(created.status).toBe(200);
  return created.body.userId;
}

function send(account: TestAccount, operation: UserOperation, userId: string) {
  const path = `/v2/users/${userId}/${operation.path}`;
  return account.client.call(operation.method, path, operation.body);
}

function expectDenied(response: ApiResponse): void {
  expect(response.status).toBe(403);
  expect(response.body.code).toBe(7);
  expect(errorId(response.body)).toBe('AUTH-AWfge');
}

beforeAll(async () => {
  orgA = await createOrg(ctx.api);
  orgB = await createOrg(ctx.api);
});

describe.each(OPERATIONS)('$name ($permission)', (operation) => {
  it('lets a role with the permission act on a user of its organization', async () => {
    const account = await accountWith(operation.allowed);
    const userId = await userIn(orgA);

    const response = await send(account, operation, userId);

    expect(response.status).toBe(operation.expected.status);
    if (operation.expected.errorId) {
      expect(errorId(response.body)).toBe(operation.expected.errorId);
    }
  });

  if (operation.denied) {
    const denied = operation.denied;
    it(`refuses ${denied} with 403 on a user of its own organization`, async () => {
      const account = await accountWith(denied);
      const userId = await userIn(orgA);

      expectDenied(await send(account, operation, userId));
    });
  }

  it('answers a user of another organization exactly as a missing user', async () => {
    const owner = await accountWith('ORG_OWNER');
    const foreignUser = await userIn(orgB);

    const foreign = await send(owner, operation, foreignUser);
    const missing = await send(owner, operation, `missing-${Date.now()}`);

    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });
});

describe('isolation leaves the other organization untouched', () => {
  it('changes nothing of a foreign user through any of the operations', async () => {
    const owner = await accountWith('ORG_OWNER');
    const foreignUser = await userIn(orgB);

    for (const operation of OPERATIONS) {
      expect((await send(owner, operation, foreignUser)).status).toBe(404);
    }

    const row = await queryOne<{ phone: string | null }>(
      ctx.stack.db,
      'SELECT phone FROM users WHERE id = $1',
      [foreignUser],
    );
    expect(row!.phone).toBeNull();
    const methods = await ctx.api.get(`/v2/users/${foreignUser}/authentication_methods`);
    expect(methods.body.authMethodTypes).toBeUndefined();
  });

  it('lets an iam.admin token of organization A act on users of organization B', async () => {
    const iamOwner = await accountWith('IAM_OWNER');
    const foreignUser = await userIn(orgB);

    const added = await iamOwner.client.post(`/v2/users/${foreignUser}/otp_email`, {});

    expect(added.status).toBe(200);
  });
});

describe('ListAuthenticationMethodTypes (user.read)', () => {
  const list = (account: TestAccount, userId: string) =>
    account.client.get(`/v2/users/${userId}/authentication_methods`);

  /** A user of `orgId` with OTP email enabled, so its list is not empty. */
  async function userWithOtpEmail(orgId: string): Promise<string> {
    const userId = await userIn(orgId);
    expect((await ctx.api.post(`/v2/users/${userId}/otp_email`, {})).status).toBe(200);
    return userId;
  }

  it("lists the methods of a user of the viewer's organization", async () => {
    const viewer = await accountWith('ORG_USER_VIEWER');
    const userId = await userWithOtpEmail(orgA);

    const response = await list(viewer, userId);

    expect(response.status).toBe(200);
    expect(response.body.authMethodTypes).toEqual(['AUTHENTICATION_METHOD_TYPE_OTP_EMAIL']);
  });

  it('answers a user of another organization as an unknown one: an empty list', async () => {
    const viewer = await accountWith('ORG_USER_VIEWER');
    const foreignUser = await userWithOtpEmail(orgB);

    const foreign = await list(viewer, foreignUser);
    const missing = await list(viewer, `missing-${Date.now()}`);

    expect(foreign.status).toBe(200);
    expect(foreign.body.details.totalResult).toBe('0');
    expect(foreign.body.authMethodTypes).toBeUndefined();
    expect(missing.body.authMethodTypes).toBeUndefined();
  });

  it('refuses an account whose roles were all taken away with 403', async () => {
    const bare = await createAccount(ctx.api, ctx.stack.url, orgA, ['ORG_USER_VIEWER']);
    await queryRows(
      ctx.stack.db,
      "UPDATE service_accounts SET roles = '{}' WHERE id = $1 RETURNING id",
      [bare.serviceAccountId],
    );
    const userId = await userIn(orgA);

    expectDenied(await list(bare, userId));
  });
});
