/**
 * What the API answers to requests it must refuse, and the shape of its answers (contract
 * sections 2.2, 2.4, 3.1, 4.1, 4.6, 4.7 and 8), all through HTTP against the real services.
 */
import { randomBytes } from 'node:crypto';
import { useStack } from '../support/stack';
import { apiClient, call, type ApiResponse } from '../support/http';
import { newHumanUser } from '../support/fixtures';
import { queryOne } from '../../store/sql';

const DETAIL_TYPE = 'type.googleapis.com/zitadel.v1.ErrorDetail';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
// A V8 stack frame: "at fn (file:line:col)", "at /abs/path", or any "file.ts:12:34".
const STACK_FRAME = /\bat [\w.<>$[\] ]+ \(|\bat \/|\.[cm]?[jt]s:\d+:\d+/;

const ctx = useStack();

const tag = (): string => randomBytes(5).toString('hex');

/** A user whose email is verified at once, so no verification flow is started. */
async function createVerifiedUser(extra: Record<string, unknown> = {}) {
  const request = newHumanUser({ isVerified: true }, extra);
  const created = await ctx.api.post('/v2/users/human', request);
  expect(created.status).toBe(200);
  return { request, userId: created.body.userId as string };
}

async function usersNamed(username: string): Promise<number> {
  const row = await queryOne<{ count: string }>(
    ctx.stack.db,
    'SELECT count(*) FROM users WHERE lower(username) = lower($1)',
    [username],
  );
  return Number(row!.count);
}

function expectNoStackTrace(response: ApiResponse): void {
  const text = JSON.stringify(response.body);
  expect(text).not.toMatch(/stack/i);
  expect(text).not.toMatch(STACK_FRAME);
}

/** A protoc-gen-validate style rejection: code 3, a message, no details array. */
function expectValidationError(response: ApiResponse, messagePrefix?: string): void {
  expect(response.status).toBe(400);
  expect(Object.keys(response.body).sort()).toEqual(['code', 'message']);
  expect(response.body.code).toBe(3);
  expect(typeof response.body.message).toBe('string');
  if (messagePrefix) {
    expect(response.body.message.startsWith(messagePrefix)).toBe(true);
  }
  expectNoStackTrace(response);
}

/** A business rejection: `{code, message, details: [ErrorDetail]}` with the given id. */
function expectBusinessError(
  response: ApiResponse,
  status: number,
  code: number,
  id: string,
): void {
  expect(response.status).toBe(status);
  expect(Object.keys(response.body).sort()).toEqual(['code', 'details', 'message']);
  expect(response.body.code).toBe(code);
  expect(response.body.details).toHaveLength(1);
  const [detail] = response.body.details;
  expect(Object.keys(detail).sort()).toEqual(['@type', 'id', 'message']);
  expect(detail['@type']).toBe(DETAIL_TYPE);
  expect(detail.id).toBe(id);
  expect(detail.message).toEqual(expect.any(String));
  expect(response.body.message).toBe(`${detail.message} (${id})`);
  expectNoStackTrace(response);
}

describe('authentication', () => {
  it('answers a request without Authorization header with 401 "auth header missing"', async () => {
    const response = await ctx.api.post('/v2/users/human', newHumanUser(), { token: null });

    expect(response.status).toBe(401);
    expect(response.body).toEqual({ code: 16, message: 'auth header missing' });
    expectNoStackTrace(response);
  });

  it('answers a wrong bearer token with 401 and code 16', async () => {
    const wrong = `${ctx.stack.config.adminToken}x`;

    const response = await ctx.api.post('/v2/users/human', newHumanUser(), { token: wrong });

    expect(response.status).toBe(401);
    expect(response.body.code).toBe(16);
    expectNoStackTrace(response);
  });

  it('checks the token before it validates the body', async () => {
    const response = await ctx.api.post('/v2/users/human', { profile: 1 }, { token: null });

    expect(response.status).toBe(401);
    expect(response.body.code).toBe(16);
  });

  it('creates no user for a request with a wrong token', async () => {
    const request = newHumanUser({ isVerified: true });

    await ctx.api.post('/v2/users/human', request, { token: 'not-the-admin-token-at-all' });

    expect(await usersNamed(request.username)).toBe(0);
  });
});

describe('malformed requests', () => {
  it('rejects a body that is not JSON with 400 and code 3', async () => {
    const response = await ctx.api.post('/v2/users/human', undefined, {
      rawBody: '{"username": "ada", "profile": {',
    });

    expectValidationError(response);
  });

  it('rejects a field of the wrong type, naming the request and the field', async () => {
    const request = newHumanUser();
    const response = await ctx.api.post('/v2/users/human', {
      ...request,
      profile: { givenName: 42, familyName: 'Lovelace' },
    });

    expectValidationError(response, 'invalid AddHumanUserRequest.');
    expect(response.body.message).toContain('AddHumanUserRequest.Profile.GivenName');
    expect(await usersNamed(request.username)).toBe(0);
  });

  it('rejects a request without profile', async () => {
    const request: Record<string, unknown> = newHumanUser();
    delete request.profile;

    const response = await ctx.api.post('/v2/users/human', request);

    expectValidationError(response, 'invalid AddHumanUserRequest.Profile');
  });

  it('rejects a given name of 201 characters', async () => {
    const request = newHumanUser();
    const response = await ctx.api.post('/v2/users/human', {
      ...request,
      profile: { givenName: 'a'.repeat(201), familyName: 'Lovelace' },
    });

    expectValidationError(response, 'invalid AddHumanUserRequest.Profile.GivenName');
    expect(await usersNamed(request.username)).toBe(0);
  });

  it('accepts a given name of exactly 200 characters', async () => {
    const response = await ctx.api.post('/v2/users/human', {
      ...newHumanUser({ isVerified: true }),
      profile: { givenName: 'a'.repeat(200), familyName: 'Lovelace' },
    });

    expect(response.status).toBe(200);
  });

  it('rejects an email address of 201 characters', async () => {
    const email = `${'a'.repeat(201 - '@example.com'.length)}@example.com`;
    expect(email).toHaveLength(201);

    const response = await ctx.api.post('/v2/users/human', newHumanUser({ email, returnCode: {} }));

    expectValidationError(response, 'invalid AddHumanUserRequest.Email.Email');
  });

  it('rejects a user id of 201 characters in the path', async () => {
    const response = await ctx.api.post(`/v2/users/${'1'.repeat(201)}/email/verify`, {
      verificationCode: 'ABC123',
    });

    expectValidationError(response, 'invalid VerifyEmailRequest.UserId');
  });

  it('rejects a user id of 201 characters in the body of AddHumanUser', async () => {
    const request = newHumanUser({ returnCode: {} }, { userId: '1'.repeat(201) });

    const response = await ctx.api.post('/v2/users/human', request);

    expectValidationError(response, 'invalid AddHumanUserRequest.UserId');
  });

  it('rejects an invalid email address', async () => {
    const response = await ctx.api.post(
      '/v2/users/human',
      newHumanUser({ email: 'not-an-address', returnCode: {} }),
    );

    expectValidationError(response, 'invalid AddHumanUserRequest.Email.Email');
  });

  it('rejects two members of the email verification oneof', async () => {
    const request = newHumanUser({ sendCode: {}, returnCode: {} });

    const response = await ctx.api.post('/v2/users/human', request);

    expectValidationError(response, 'invalid AddHumanUserRequest.Email');
    expect(await usersNamed(request.username)).toBe(0);
  });

  it('rejects both a password and a hashed password', async () => {
    const response = await ctx.api.post(
      '/v2/users/human',
      newHumanUser(
        { isVerified: true },
        {
          password: { password: 'correct horse battery' },
          hashedPassword: { hash: '$2a$10$' + 'a'.repeat(53) },
        },
      ),
    );

    expectValidationError(response, 'invalid AddHumanUserRequest');
  });

  it('rejects a verification code of 21 characters', async () => {
    const { userId } = await createVerifiedUser();

    const response = await ctx.api.post(`/v2/users/${userId}/email/verify`, {
      verificationCode: 'A'.repeat(21),
    });

    expectValidationError(response, 'invalid VerifyEmailRequest.VerificationCode');
  });

  it('rejects SetEmail with isVerified false, which must be true when present', async () => {
    const { userId } = await createVerifiedUser();

    const response = await ctx.api.post(`/v2/users/${userId}/email`, {
      email: `other-${tag()}@example.com`,
      isVerified: false,
    });

    expectValidationError(response, 'invalid SetEmailRequest.IsVerified');
  });

  it('answers a body over 1 MB with 413', async () => {
    const request = newHumanUser({ isVerified: true }, { padding: 'x'.repeat(1_100_000) });

    const response = await ctx.api.post('/v2/users/human', undefined, {
      rawBody: JSON.stringify(request),
    });

    expect(response.status).toBe(413);
    expect(response.body.code).toBe(3);
    expectNoStackTrace(response);
    expect(await usersNamed(request.username)).toBe(0);
  });
});

describe('business rejections', () => {
  it('rejects a hash format it cannot verify', async () => {
    const request = newHumanUser({ isVerified: true }, { hashedPassword: { hash: '$md5$abc' } });

    const response = await ctx.api.post('/v2/users/human', request);

    expectBusinessError(response, 400, 3, 'Errors.User.Password.NotSupported');
    expect(await usersNamed(request.username)).toBe(0);
  });

  it('rejects a password of five characters as too short', async () => {
    const request = newHumanUser({ isVerified: true }, { password: { password: 'abcde' } });

    const response = await ctx.api.post('/v2/users/human', request);

    expectBusinessError(response, 400, 3, 'Errors.User.PasswordComplexityPolicy.MinLength');
    expect(await usersNamed(request.username)).toBe(0);
  });

  it('rejects an unknown url template field and creates no user', async () => {
    const request = newHumanUser({ sendCode: { urlTemplate: 'https://app/?x={{.Foo}}' } });

    const response = await ctx.api.post('/v2/users/human', request);

    expectBusinessError(response, 400, 3, 'Errors.User.InvalidURLTemplate');
    expect(await usersNamed(request.username)).toBe(0);
  });

  it('rejects an unknown url template field in SetEmail and keeps the address', async () => {
    const { request, userId } = await createVerifiedUser();

    const response = await ctx.api.post(`/v2/users/${userId}/email`, {
      email: `other-${tag()}@example.com`,
      sendCode: { urlTemplate: 'https://app/?c={{if .Code}}{{.Code}}{{end}}' },
    });

    expectBusinessError(response, 400, 3, 'Errors.User.InvalidURLTemplate');
    const row = await queryOne<{ email: string; email_verified: boolean }>(
      ctx.stack.db,
      'SELECT email, email_verified FROM users WHERE id = $1',
      [userId],
    );
    expect(row).toEqual({ email: request.email.email, email_verified: true });
  });

  it('answers a taken username with 409 and code 6', async () => {
    const { request } = await createVerifiedUser();
    const again = newHumanUser({ isVerified: true }, { username: request.username });

    const response = await ctx.api.post('/v2/users/human', again);

    expectBusinessError(response, 409, 6, 'Errors.User.AlreadyExists');
    expect(await usersNamed(request.username)).toBe(1);
  });

  it('answers a taken user id with 400, code 9 and Errors.User.AlreadyExisting', async () => {
    const userId = `id-${tag()}`;
    await createVerifiedUser({ userId });

    const again = newHumanUser({ isVerified: true }, { userId });

    const response = await ctx.api.post('/v2/users/human', again);

    expectBusinessError(response, 400, 9, 'Errors.User.AlreadyExisting');
  });

  it('answers SetEmail for an unknown user with 404 Errors.User.Email.NotFound', async () => {
    const response = await ctx.api.post(`/v2/users/unknown-${tag()}/email`, {
      email: `ada-${tag()}@example.com`,
      returnCode: {},
    });

    expectBusinessError(response, 404, 5, 'Errors.User.Email.NotFound');
  });

  it('answers VerifyEmail for an unknown user with 404 Errors.User.Email.NotFound', async () => {
    const response = await ctx.api.post(`/v2/users/unknown-${tag()}/email/verify`, {
      verificationCode: 'ABC123',
    });

    expectBusinessError(response, 404, 5, 'Errors.User.Email.NotFound');
  });
});

describe('routing', () => {
  it('answers an unknown path with the gateway 404 body', async () => {
    const response = await ctx.api.get('/v2/nothing-here');

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 5, message: 'Not Found' });
  });

  it('answers an unknown path below a user with the gateway 404 body', async () => {
    const response = await ctx.api.post(`/v2/users/${tag()}/nothing-here`, {});

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 5, message: 'Not Found' });
  });

  it('answers GET on /v2/users/human with 405 and code 12', async () => {
    const response = await ctx.api.get('/v2/users/human');

    expect(response.status).toBe(405);
    expect(response.body).toEqual({ code: 12, message: 'Method Not Allowed' });
  });
});

describe('JSON conventions', () => {
  it('accepts snake_case keys beside camelCase ones', async () => {
    const tagged = tag();
    const response = await ctx.api.post('/v2/users/human', {
      username: `snake-${tagged}`,
      profile: { given_name: 'Ada', family_name: 'Lovelace' },
      email: { email: `snake-${tagged}@example.com`, return_code: {} },
    });

    expect(response.status).toBe(200);
    expect(response.body.emailCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(await usersNamed(`snake-${tagged}`)).toBe(1);
  });

  it('ignores unknown request fields', async () => {
    const response = await ctx.api.post(
      '/v2/users/human',
      newHumanUser({ isVerified: true }, { favouriteColour: 'green' }),
    );

    expect(response.status).toBe(200);
  });

  it('leaves empty fields out and renders details as the contract says', async () => {
    const defaultOrg = await queryOne<{ id: string }>(
      ctx.stack.db,
      'SELECT id FROM organizations WHERE is_default',
      [],
    );

    const response = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }));

    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['details', 'userId']);
    expect(response.body.userId).toEqual(expect.any(String));
    const { details } = response.body;
    expect(typeof details.sequence).toBe('string');
    expect(details.sequence).toMatch(/^\d+$/);
    expect(details.changeDate).toMatch(RFC3339);
    expect(Number.isNaN(Date.parse(details.changeDate))).toBe(false);
    expect(details.resourceOwner).toBe(defaultOrg!.id);
  });
});

describe('operational endpoints', () => {
  it('reports health without a token', async () => {
    const response = await call(ctx.stack.url, 'GET', '/healthz', undefined);

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
  });

  it('keeps the dev outbox behind the administrator token', async () => {
    const anonymous = await call(ctx.stack.url, 'GET', '/dev/outbox', undefined);
    const admin = await ctx.api.get('/dev/outbox');

    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe(16);
    expect(anonymous.body.messages).toBeUndefined();
    expect(admin.status).toBe(200);
  });
});

describe('validation messages', () => {
  it('names the request, field and inclusive bounds, as protoc-gen-validate does', async () => {
    const response = await apiClient(ctx.stack.url, ctx.stack.config.adminToken).post(
      '/v2/users/123/email/verify',
      { verificationCode: 'X'.repeat(21) },
    );
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      code: 3,
      message:
        'invalid VerifyEmailRequest.VerificationCode: ' +
        'value length must be between 1 and 20 runes, inclusive',
    });
  });
});
