import { eventTypes } from '../support/db-probes';
import { newHumanUser } from '../support/fixtures';
import { newPhone } from '../support/phone-fixtures';
import { useStack } from '../support/stack';

const ctx = useStack();

const errorId = (body: Record<string, any>) => body.details?.[0]?.id;

async function newUser(email: Record<string, unknown>, extra = {}): Promise<string> {
  const created = await ctx.api.post('/v2/users/human', newHumanUser(email, extra));
  expect(created.status).toBe(200);
  return created.body.userId;
}

const add = (userId: string, factor: string) => ctx.api.post(`/v2/users/${userId}/${factor}`, {});
const remove = (userId: string, factor: string) =>
  ctx.api.call('DELETE', `/v2/users/${userId}/${factor}`);

const FACTORS: Record<string, string> = {
  AUTHENTICATION_METHOD_TYPE_OTP_SMS: 'otp_sms',
  AUTHENTICATION_METHOD_TYPE_OTP_EMAIL: 'otp_email',
};

/** The OTP factors ListAuthenticationMethodTypes reports as ready, sorted. */
async function readyFactors(userId: string): Promise<string[]> {
  const listed = await ctx.api.get(`/v2/users/${userId}/authentication_methods`);
  const types: string[] = listed.body.authMethodTypes ?? [];
  return types.flatMap((t) => (FACTORS[t] ? [FACTORS[t]] : [])).sort();
}

describe('OTP email (AddOTPEmail, RemoveOTPEmail)', () => {
  it('adds the factor once the email is verified, then 409 on a second add', async () => {
    const userId = await newUser({ isVerified: true });

    const added = await add(userId, 'otp_email');
    expect(added.status).toBe(200);
    expect(added.body.details.sequence).toMatch(/^\d+$/);
    expect(await readyFactors(userId)).toEqual(['otp_email']);

    const twice = await add(userId, 'otp_email');
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe(6);
    expect(errorId(twice.body)).toBe('Errors.User.MFA.OTP.AlreadyReady');
  });

  it('refuses the factor while the email is unverified', async () => {
    const userId = await newUser({ isVerified: false });

    const added = await add(userId, 'otp_email');

    expect(added.status).toBe(400);
    expect(added.body.code).toBe(9);
    expect(errorId(added.body)).toBe('Errors.User.MFA.OTP.NotReady');
    expect(await readyFactors(userId)).toEqual([]);
  });

  it('removes the factor, and 404 when it is not there', async () => {
    const userId = await newUser({ isVerified: true });
    expect((await add(userId, 'otp_email')).status).toBe(200);

    const removed = await remove(userId, 'otp_email');
    expect(removed.status).toBe(200);
    expect(await readyFactors(userId)).toEqual([]);

    const again = await remove(userId, 'otp_email');
    expect(again.status).toBe(404);
    expect(again.body.code).toBe(5);
    expect(errorId(again.body)).toBe('Errors.User.MFA.OTP.NotExisting');
    expect(await eventTypes(ctx.stack.db, userId)).toEqual(
      expect.arrayContaining(['user.human.otp.email.added', 'user.human.otp.email.removed']),
    );
  });
});

describe('OTP SMS (AddOTPSMS, RemoveOTPSMS)', () => {
  it('refuses the factor without a phone, and with an unverified one', async () => {
    const withoutPhone = await newUser({ isVerified: true });
    const unverified = await newUser(
      { isVerified: true },
      { phone: { phone: newPhone().e164, isVerified: false } },
    );

    for (const userId of [withoutPhone, unverified]) {
      const added = await add(userId, 'otp_sms');
      expect(added.status).toBe(400);
      expect(errorId(added.body)).toBe('Errors.User.MFA.OTP.NotReady');
    }
  });

  it('adds the factor after VerifyPhone, refuses it twice, and removes it', async () => {
    const userId = await newUser({ isVerified: true });
    const set = await ctx.api.post(`/v2/users/${userId}/phone`, {
      phone: newPhone().e164,
      returnCode: {},
    });
    expect((await add(userId, 'otp_sms')).status).toBe(400);
    const verified = await ctx.api.post(`/v2/users/${userId}/phone/verify`, {
      verificationCode: set.body.verificationCode,
    });
    expect(verified.status).toBe(200);

    expect((await add(userId, 'otp_sms')).status).toBe(200);
    expect((await add(userId, 'otp_sms')).status).toBe(409);
    expect(await readyFactors(userId)).toEqual(['otp_sms']);

    expect((await remove(userId, 'otp_sms')).status).toBe(200);
    const again = await remove(userId, 'otp_sms');
    expect(again.status).toBe(404);
    expect(errorId(again.body)).toBe('Errors.User.MFA.OTP.NotExisting');
  });

  it('keeps the two factors apart', async () => {
    const userId = await newUser(
      { isVerified: true },
      { phone: { phone: newPhone().e164, isVerified: true } },
    );

    expect((await add(userId, 'otp_sms')).status).toBe(200);
    expect((await add(userId, 'otp_email')).status).toBe(200);
    expect((await remove(userId, 'otp_email')).status).toBe(200);

    expect(await readyFactors(userId)).toEqual(['otp_sms']);
  });

  it('counts a factor as ready only while its address stays verified', async () => {
    const userId = await newUser(
      { isVerified: true },
      { phone: { phone: newPhone().e164, isVerified: true } },
    );
    expect((await add(userId, 'otp_sms')).status).toBe(200);

    const changed = await ctx.api.post(`/v2/users/${userId}/phone`, {
      phone: newPhone().e164,
      returnCode: {},
    });
    expect(changed.status).toBe(200);

    expect(await readyFactors(userId)).toEqual([]);
  });
});

describe('the OTP routes', () => {
  it('answers 404 User.NotFound for an unknown user', async () => {
    for (const factor of ['otp_email', 'otp_sms']) {
      const added = await add('no-such-user', factor);
      const removed = await remove('no-such-user', factor);
      expect(added.status).toBe(404);
      expect(errorId(added.body)).toBe('Errors.User.NotFound');
      expect(removed.status).toBe(404);
    }
  });

  it('needs the admin token and refuses other methods', async () => {
    const userId = await newUser({ isVerified: true });

    const anonymous = await ctx.api.post(`/v2/users/${userId}/otp_sms`, {}, { token: null });
    const put = await ctx.api.call('PUT', `/v2/users/${userId}/otp_email`, {});

    expect(anonymous.status).toBe(401);
    expect(put.status).toBe(405);
  });
});
