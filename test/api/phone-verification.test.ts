import { verificationWorkflowId } from '../../common/flows';
import { eventTypes } from '../support/db-probes';
import { eventually, newHumanUser } from '../support/fixtures';
import { codeInSms, flowState, newPhone, phoneRow } from '../support/phone-fixtures';
import { useStack } from '../support/stack';

const ctx = useStack();

const errorId = (body: Record<string, any>) => body.details?.[0]?.id;

async function newUser(extra: Record<string, unknown> = {}): Promise<string> {
  const created = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }, extra));
  expect(created.status).toBe(200);
  return created.body.userId;
}

const setPhone = (userId: string, body: Record<string, unknown>) =>
  ctx.api.post(`/v2/users/${userId}/phone`, body);

const verify = (userId: string, code: string) =>
  ctx.api.post(`/v2/users/${userId}/phone/verify`, { verificationCode: code });

const wrong = (code: string) => (code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA');

async function smsTo(phone: string): Promise<{ text: string; channel: string }[]> {
  const outbox = await ctx.api.get(`/dev/outbox?recipient=${encodeURIComponent(phone)}`);
  return outbox.body.messages;
}

describe('SetPhone', () => {
  it('returns a code with returnCode, and VerifyPhone marks the number verified', async () => {
    const userId = await newUser();
    const { e164 } = newPhone();

    const set = await setPhone(userId, { phone: e164, returnCode: {} });
    expect(set.status).toBe(200);
    expect(set.body.verificationCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(set.body.details.sequence).toMatch(/^\d+$/);
    expect(await phoneRow(ctx.stack.db, userId)).toEqual({ phone: e164, phone_verified: false });

    const verified = await verify(userId, set.body.verificationCode);
    expect(verified.status).toBe(200);
    expect(BigInt(verified.body.details.sequence)).toBeGreaterThan(
      BigInt(set.body.details.sequence),
    );
    expect(await phoneRow(ctx.stack.db, userId)).toEqual({ phone: e164, phone_verified: true });
    expect(await eventTypes(ctx.stack.db, userId)).toEqual(
      expect.arrayContaining([
        'user.human.phone.changed',
        'user.human.phone.code.added',
        'user.human.phone.verified',
      ]),
    );
    expect(await smsTo(e164)).toHaveLength(0);
  });

  it('normalises a national number to E.164 with the default region CH', async () => {
    const userId = await newUser();
    const { e164, national } = newPhone();

    const set = await setPhone(userId, { phone: national, returnCode: {} });

    expect(set.status).toBe(200);
    expect((await phoneRow(ctx.stack.db, userId))?.phone).toBe(e164);
  });

  it('sends the code by SMS by default, through the same flow engine as the email', async () => {
    const userId = await newUser();
    const { e164 } = newPhone();

    const set = await setPhone(userId, { phone: e164 });
    expect(set.status).toBe(200);
    expect(set.body).not.toHaveProperty('verificationCode');

    const [sms] = await eventually(async () => {
      const messages = await smsTo(e164);
      return messages.length > 0 ? messages : undefined;
    });
    expect(sms.channel).toBe('sms');
    expect(sms.text).not.toMatch(/https?:/);
    const handle = ctx.stack.temporal.workflow.getHandle(
      verificationWorkflowId('phone-verification', userId),
    );
    const description = await handle.describe();
    expect(description.type).toBe('verificationWorkflow');
    expect(description.searchAttributes.FlowKind).toEqual(['phone-verification']);

    expect((await verify(userId, codeInSms(sms.text))).status).toBe(200);
    expect(await handle.result()).toEqual({ state: 'verified' });
    expect(await flowState(ctx.stack.db, userId, 'phone-verification')).toBe('verified');
  });

  it('sets a verified number directly with isVerified, and cancels a pending code', async () => {
    const userId = await newUser();
    const first = await setPhone(userId, { phone: newPhone().e164, returnCode: {} });
    const { e164 } = newPhone();

    const set = await setPhone(userId, { phone: e164, isVerified: true });

    expect(set.status).toBe(200);
    expect(await phoneRow(ctx.stack.db, userId)).toEqual({ phone: e164, phone_verified: true });
    await eventually(async () =>
      (await flowState(ctx.stack.db, userId, 'phone-verification')) === 'cancelled'
        ? true
        : undefined,
    );
    expect((await verify(userId, first.body.verificationCode)).status).toBe(404);
  });

  it('replaces the pending code when the number changes; the old code dies', async () => {
    const userId = await newUser();
    const first = await setPhone(userId, { phone: newPhone().e164, returnCode: {} });
    const { e164 } = newPhone();
    const second = await setPhone(userId, { phone: e164, returnCode: {} });

    if (first.body.verificationCode !== second.body.verificationCode) {
      const stale = await verify(userId, first.body.verificationCode);
      expect(stale.status).toBe(400);
      expect(errorId(stale.body)).toBe('Errors.User.Code.Invalid');
    }
    expect((await verify(userId, second.body.verificationCode)).status).toBe(200);
    expect(await phoneRow(ctx.stack.db, userId)).toEqual({ phone: e164, phone_verified: true });
  });

  it('refuses the same number once it is verified', async () => {
    const { e164, national } = newPhone();
    const userId = await newUser({ phone: { phone: e164, isVerified: true } });

    const again = await setPhone(userId, { phone: national });

    expect(again.status).toBe(400);
    expect(again.body.code).toBe(9);
    expect(errorId(again.body)).toBe('Errors.User.Phone.NotChanged');
  });

  it.each(['12', '+41 12', 'not a number', '+999 1234567', '0000000000'])(
    'refuses the invalid number %p with Phone.Invalid and stores nothing',
    async (phone) => {
      const userId = await newUser();

      const set = await setPhone(userId, { phone, returnCode: {} });

      expect(set.status).toBe(400);
      expect(set.body.code).toBe(3);
      expect(errorId(set.body)).toBe('Errors.User.Phone.Invalid');
      expect(await phoneRow(ctx.stack.db, userId)).toEqual({ phone: null, phone_verified: false });
    },
  );

  it('answers 404 Phone.NotFound for an unknown user', async () => {
    const set = await setPhone('no-such-user', { phone: newPhone().e164 });
    const verified = await verify('no-such-user', 'ABCDEF');

    expect(set.status).toBe(404);
    expect(errorId(set.body)).toBe('Errors.User.Phone.NotFound');
    expect(verified.status).toBe(404);
    expect(errorId(verified.body)).toBe('Errors.User.Phone.NotFound');
  });

  it('rejects malformed requests with the contract validation message', async () => {
    const userId = await newUser();

    const both = await setPhone(userId, { phone: newPhone().e164, sendCode: {}, returnCode: {} });
    const empty = await setPhone(userId, { phone: '' });
    const notTrue = await setPhone(userId, { phone: newPhone().e164, isVerified: false });
    const longCode = await verify(userId, 'A'.repeat(21));

    for (const response of [both, empty, notTrue, longCode]) {
      expect(response.status).toBe(400);
      expect(response.body.code).toBe(3);
      expect(response.body).not.toHaveProperty('details');
    }
    expect(empty.body.message).toMatch(/^invalid SetPhoneRequest\.Phone: /);
    expect(longCode.body.message).toMatch(/^invalid VerifyPhoneRequest\.VerificationCode: /);
  });
});

describe('VerifyPhone', () => {
  it('locks the flow after 5 wrong codes, after which the right code fails', async () => {
    const userId = await newUser();
    const set = await setPhone(userId, { phone: newPhone().e164, returnCode: {} });
    const code = set.body.verificationCode;

    for (let i = 0; i < 5; i += 1) {
      const rejected = await verify(userId, wrong(code));
      expect(rejected.status).toBe(400);
      expect(rejected.body.code).toBe(3);
      expect(errorId(rejected.body)).toBe('Errors.User.Code.Invalid');
    }

    const late = await verify(userId, code);
    expect(late.status).toBe(400);
    expect(errorId(late.body)).toBe('Errors.User.Code.Invalid');
    expect((await phoneRow(ctx.stack.db, userId))?.phone_verified).toBe(false);
    await eventually(async () =>
      (await flowState(ctx.stack.db, userId, 'phone-verification')) === 'locked' ? true : undefined,
    );
  });

  it('verifies exactly once: a second verify finds no pending flow', async () => {
    const userId = await newUser();
    const set = await setPhone(userId, { phone: newPhone().e164, returnCode: {} });

    expect((await verify(userId, set.body.verificationCode)).status).toBe(200);
    const again = await verify(userId, set.body.verificationCode);

    expect(again.status).toBe(404);
    expect(errorId(again.body)).toBe('Errors.User.Verification.NotFound');
    const verifiedEvents = (await eventTypes(ctx.stack.db, userId)).filter(
      (type) => type === 'user.human.phone.verified',
    );
    expect(verifiedEvents).toHaveLength(1);
  });

  it('keeps the email and phone flows apart: a phone code does not verify the email', async () => {
    const created = await ctx.api.post(
      '/v2/users/human',
      newHumanUser({ returnCode: {} }, { phone: { phone: newPhone().e164, returnCode: {} } }),
    );
    const { userId, emailCode, phoneCode } = created.body;

    if (emailCode !== phoneCode) {
      const crossed = await verify(userId, emailCode);
      expect(crossed.status).toBe(400);
    }
    expect((await verify(userId, phoneCode)).status).toBe(200);
    const email = await ctx.api.post(`/v2/users/${userId}/email/verify`, {
      verificationCode: emailCode,
    });
    expect(email.status).toBe(200);
  });
});

describe('AddHumanUser with a phone', () => {
  it('returns phoneCode with returnCode and stores the number in E.164', async () => {
    const { e164, national } = newPhone();
    const created = await ctx.api.post(
      '/v2/users/human',
      newHumanUser({ isVerified: true }, { phone: { phone: national, returnCode: {} } }),
    );

    expect(created.status).toBe(200);
    expect(created.body.phoneCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(created.body).not.toHaveProperty('emailCode');
    expect(await phoneRow(ctx.stack.db, created.body.userId)).toEqual({
      phone: e164,
      phone_verified: false,
    });
    expect((await verify(created.body.userId, created.body.phoneCode)).status).toBe(200);
  });

  it('sends the phone code by SMS with sendCode, and by default', async () => {
    for (const phoneOption of [{ sendCode: {} }, {}]) {
      const { e164 } = newPhone();
      const created = await ctx.api.post(
        '/v2/users/human',
        newHumanUser({ isVerified: true }, { phone: { phone: e164, ...phoneOption } }),
      );

      expect(created.status).toBe(200);
      expect(created.body).not.toHaveProperty('phoneCode');
      const [sms] = await eventually(async () => {
        const messages = await smsTo(e164);
        return messages.length > 0 ? messages : undefined;
      });
      expect((await verify(created.body.userId, codeInSms(sms.text))).status).toBe(200);
    }
  });

  it('refuses an invalid number with Phone.Invalid and creates no user', async () => {
    const body = newHumanUser({ isVerified: true }, { phone: { phone: '+41 12', returnCode: {} } });

    const created = await ctx.api.post('/v2/users/human', body);

    expect(created.status).toBe(400);
    expect(errorId(created.body)).toBe('Errors.User.Phone.Invalid');
    const retry = await ctx.api.post('/v2/users/human', { ...body, phone: undefined });
    expect(retry.status).toBe(200);
  });

  it('treats an empty phone as no phone', async () => {
    const created = await ctx.api.post(
      '/v2/users/human',
      newHumanUser({ isVerified: true }, { phone: { phone: '' } }),
    );

    expect(created.status).toBe(200);
    expect(await phoneRow(ctx.stack.db, created.body.userId)).toEqual({
      phone: null,
      phone_verified: false,
    });
  });
});
