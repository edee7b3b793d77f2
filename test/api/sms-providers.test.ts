/** Phone codes end to end through each SMS provider: Twilio's client, the signed webhook. */
import { temporal } from '@temporalio/proto';
import { verificationWorkflowId } from '../../common/flows';
import { dumpAllTables } from '../support/db-probes';
import { eventually, newHumanUser } from '../support/fixtures';
import { codeInSms, newPhone } from '../support/phone-fixtures';
import { startSmsWebhookReceiver, type SmsWebhookReceiver } from '../support/sms-webhook-receiver';
import { useStack, type StackContext } from '../support/stack';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';

const SECRET = 'the-operators-webhook-secret-0123456789';

async function newUser(ctx: StackContext): Promise<string> {
  const created = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }));
  expect(created.status).toBe(200);
  return created.body.userId;
}

const verify = (ctx: StackContext, userId: string, code: string) =>
  ctx.api.post(`/v2/users/${userId}/phone/verify`, { verificationCode: code });

const phoneFlow = (ctx: StackContext, userId: string) =>
  ctx.stack.temporal.workflow.getHandle(verificationWorkflowId('phone-verification', userId));

describe('phone codes through Twilio', () => {
  let twilio: TwilioStandIn;
  beforeAll(async () => {
    twilio = await startTwilioStandIn();
  });
  afterAll(async () => {
    await twilio.close();
  });
  afterEach(() => {
    twilio.failWith = undefined;
  });

  const ctx = useStack(() => ({
    env: {
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM_NUMBER: '+15005550006',
      TWILIO_BASE_URL: twilio.url,
    },
  }));

  it('sends the code with the real twilio client, and the code verifies', async () => {
    const userId = await newUser(ctx);
    const { e164 } = newPhone();

    expect((await ctx.api.post(`/v2/users/${userId}/phone`, { phone: e164 })).status).toBe(200);

    const sms = await eventually(async () => twilio.received.find((m) => m.to === e164));
    expect(sms.from).toBe('+15005550006');
    expect(sms.body).toContain('@localhost');
    expect((await verify(ctx, userId, codeInSms(sms.body))).status).toBe(200);
    const outbox = await ctx.api.get(`/dev/outbox?recipient=${encodeURIComponent(e164)}`);
    expect(outbox.body.messages).toHaveLength(0);
  });

  it('gives up at once when Twilio refuses the number for good', async () => {
    twilio.failWith = 400;
    const userId = await newUser(ctx);

    expect(
      (await ctx.api.post(`/v2/users/${userId}/phone`, { phone: newPhone().e164 })).status,
    ).toBe(200);

    const handle = phoneFlow(ctx, userId);
    const failed = await eventually(async () => {
      const history = await handle.fetchHistory();
      return history.events?.find((e) => e.activityTaskFailedEventAttributes);
    }, 10_000);
    const info = failed.activityTaskFailedEventAttributes?.failure?.applicationFailureInfo;
    expect(info).toMatchObject({ type: 'Errors.Notification.Rejected', nonRetryable: true });
    const started = (await handle.fetchHistory()).events?.find(
      (e) => e.activityTaskStartedEventAttributes,
    );
    expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(1);
  });
});

describe('phone codes through the signed webhook', () => {
  let receiver: SmsWebhookReceiver;
  beforeAll(async () => {
    receiver = await startSmsWebhookReceiver(SECRET);
  });
  afterAll(async () => {
    await receiver.close();
  });
  afterEach(() => {
    receiver.failWith = undefined;
  });

  const ctx = useStack(() => ({
    env: { FLOWGATE_SMS_WEBHOOK_URL: receiver.url, FLOWGATE_SMS_WEBHOOK_SECRET: SECRET },
  }));

  it('posts a request the receiver can trust, and the code verifies', async () => {
    const userId = await newUser(ctx);
    const { e164 } = newPhone();

    expect((await ctx.api.post(`/v2/users/${userId}/phone`, { phone: e164 })).status).toBe(200);

    const sms = await eventually(async () => receiver.accepted.find((m) => m.to === e164));
    expect(receiver.rejected).toBe(0);
    const code = codeInSms(sms.text);
    expect((await verify(ctx, userId, code)).status).toBe(200);

    // The code travels only in the SMS: not in history, not in any table.
    const handle = phoneFlow(ctx, userId);
    await handle.result();
    const history = await handle.fetchHistory();
    const raw = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    expect(raw.includes(Buffer.from(code))).toBe(false);
    expect(raw.includes(Buffer.from(e164))).toBe(false);
    expect(await dumpAllTables(ctx.stack.db)).not.toContain(code);
  });

  it('retries a failed send with the same code and idempotency key, never a new code', async () => {
    receiver.failWith = 503;
    const userId = await newUser(ctx);
    const { e164 } = newPhone();
    expect((await ctx.api.post(`/v2/users/${userId}/phone`, { phone: e164 })).status).toBe(200);

    await eventually(async () => receiver.accepted.find((m) => m.to === e164));
    receiver.failWith = undefined;
    const sends = await eventually(async () => {
      const toPhone = receiver.accepted.filter((m) => m.to === e164);
      return toPhone.length >= 2 ? toPhone : undefined;
    });

    expect(new Set(sends.map((m) => m.text)).size).toBe(1);
    expect(new Set(sends.map((m) => m.idempotencyKey)).size).toBe(1);
    expect((await verify(ctx, userId, codeInSms(sends[0].text))).status).toBe(200);
  });
});

describe('without an SMS provider', () => {
  // Mail through SendGrid (never reached: emails are set verified), no outbox, no SMS.
  const ctx = useStack({
    env: {
      SENDGRID_API_KEY: 'SG.unused',
      SENDGRID_BASE_URL: 'http://127.0.0.1:1',
      FLOWGATE_DEV_OUTBOX: 'false',
    },
  });

  it('refuses to send a phone code before making one, but can still return it', async () => {
    const userId = await newUser(ctx);

    const sent = await ctx.api.post(`/v2/users/${userId}/phone`, { phone: newPhone().e164 });
    expect(sent.status).toBe(400);
    expect(sent.body.details[0].id).toBe('Errors.Notification.SMSNotConfigured');
    await expect(phoneFlow(ctx, userId).describe()).rejects.toThrow();

    const returned = await ctx.api.post(`/v2/users/${userId}/phone`, {
      phone: newPhone().e164,
      returnCode: {},
    });
    expect(returned.status).toBe(200);
    expect((await verify(ctx, userId, returned.body.verificationCode)).status).toBe(200);
  });

  it('refuses AddHumanUser with a phone code to send, and leaves no user behind', async () => {
    const phone = newPhone().e164;
    const body = newHumanUser({ isVerified: true }, { phone: { phone } });

    const refused = await ctx.api.post('/v2/users/human', body);
    expect(refused.status).toBe(400);
    expect(refused.body.details[0].id).toBe('Errors.Notification.SMSNotConfigured');

    const retried = await ctx.api.post('/v2/users/human', {
      ...body,
      phone: { phone, isVerified: true },
    });
    expect(retried.status).toBe(200);
  });
});
