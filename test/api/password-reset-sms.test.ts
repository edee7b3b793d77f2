/** PasswordReset by SMS, and the send budget every reset code spends. */
import argon2 from 'argon2';
import { eventually } from '../support/fixtures';
import { createUser, errorId, storedPassword } from '../support/passwords';
import { codeInSms, newPhone, phoneRow } from '../support/phone-fixtures';
import { useStack } from '../support/stack';

// A small budget: 2 sends per recipient, 3 codes per user in the window.
const ctx = useStack({
  env: { FLOWGATE_SEND_BUDGET: '2', FLOWGATE_SEND_BUDGET_PER_USER: '3' },
});

const NEW_PASSWORD = 'a passphrase sent for';

const reset = (userId: string, body: unknown) =>
  ctx.api.post(`/v2/users/${userId}/password_reset`, body);

const bySms = { sendLink: { notificationType: 'NOTIFICATION_TYPE_SMS' } };

async function messagesTo(recipient: string): Promise<{ text: string; channel: string }[]> {
  const outbox = await ctx.api.get(`/dev/outbox?recipient=${encodeURIComponent(recipient)}`);
  return outbox.body.messages;
}

function expectExhausted(response: { status: number; body: any }): void {
  expect(response.status).toBe(429);
  expect(response.body.code).toBe(8);
  expect(errorId(response.body)).toBe('Errors.Notification.BudgetExhausted');
}

describe('a password reset by SMS', () => {
  it("sends the code to the user's phone, and the code sets the password", async () => {
    const { e164 } = newPhone();
    const { userId, email } = await createUser(ctx.api, {
      phone: { phone: e164, isVerified: true },
    });

    const requested = await reset(userId, bySms);
    expect(requested.status).toBe(200);
    expect(requested.body).not.toHaveProperty('verificationCode');

    const sms = await eventually(async () => (await messagesTo(e164))[0]);
    expect(sms.channel).toBe('sms');
    expect(sms.text).toContain('password reset code');
    expect(await messagesTo(email)).toHaveLength(0);

    const set = await ctx.api.post(`/v2/users/${userId}/password`, {
      newPassword: { password: NEW_PASSWORD },
      verificationCode: codeInSms(sms.text),
    });
    expect(set.status).toBe(200);
    const stored = await storedPassword(ctx.stack.db, userId);
    expect(await argon2.verify(stored!.password_hash!, NEW_PASSWORD)).toBe(true);
    // The reset changes nothing on the number.
    expect(await phoneRow(ctx.stack.db, userId)).toEqual({ phone: e164, phone_verified: true });
  });

  it('also takes the notification type as its number', async () => {
    const { e164 } = newPhone();
    const { userId } = await createUser(ctx.api, { phone: { phone: e164, isVerified: true } });
    expect((await reset(userId, { sendLink: { notificationType: 2 } })).status).toBe(200);
    await eventually(async () => (await messagesTo(e164))[0]);
  });

  it('answers Phone.NotFound for a user without a phone', async () => {
    const { userId } = await createUser(ctx.api);
    const response = await reset(userId, bySms);
    expect(response.status).toBe(404);
    expect(errorId(response.body)).toBe('Errors.User.Phone.NotFound');
  });

  it('replaces an emailed code: one pending reset per user, whatever the channel', async () => {
    const { e164 } = newPhone();
    const { userId } = await createUser(ctx.api, { phone: { phone: e164, isVerified: true } });
    const returned = await reset(userId, { returnCode: {} });
    expect((await reset(userId, bySms)).status).toBe(200);
    const smsCode = codeInSms((await eventually(async () => (await messagesTo(e164))[0])).text);

    if (returned.body.verificationCode !== smsCode) {
      const old = await ctx.api.post(`/v2/users/${userId}/password`, {
        newPassword: { password: NEW_PASSWORD },
        verificationCode: returned.body.verificationCode,
      });
      expect(errorId(old.body)).toBe('Errors.User.Code.Invalid');
    }
  });
});

describe('the send budget of reset codes', () => {
  it('refuses a third reset mail to one address with 429', async () => {
    const { userId, email } = await createUser(ctx.api);
    expect((await reset(userId, {})).status).toBe(200);
    expect((await reset(userId, {})).status).toBe(200);

    expectExhausted(await reset(userId, {}));
    await eventually(async () => ((await messagesTo(email)).length === 2 ? true : undefined));
    expect(await messagesTo(email)).toHaveLength(2);
  });

  it('refuses a third reset SMS to one number with 429', async () => {
    const { e164 } = newPhone();
    const { userId } = await createUser(ctx.api, { phone: { phone: e164, isVerified: true } });
    expect((await reset(userId, bySms)).status).toBe(200);
    expect((await reset(userId, bySms)).status).toBe(200);
    expectExhausted(await reset(userId, bySms));
  });

  it('counts returned codes against the user, so they cannot be minted without end', async () => {
    const { userId } = await createUser(ctx.api);
    for (let i = 0; i < 3; i += 1) {
      expect((await reset(userId, { returnCode: {} })).status).toBe(200);
    }
    expectExhausted(await reset(userId, { returnCode: {} }));
  });
});
