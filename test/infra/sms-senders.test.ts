/** The SMS providers with their real clients, against local stand-ins over HTTP. */
import { PermanentSmsError } from '../../infra/sms/sms-sender';
import { TwilioSmsSender } from '../../infra/sms/twilio-sms-sender';
import { WebhookSmsSender } from '../../infra/sms/webhook-sms-sender';
import { startSmsWebhookReceiver, type SmsWebhookReceiver } from '../support/sms-webhook-receiver';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';

const SECRET = 'a-webhook-secret-of-more-than-32-characters';
const message = { to: '+41791234567', text: 'Your code is ABC123.', idempotencyKey: 'run:1:sms' };

let twilio: TwilioStandIn;
let receiver: SmsWebhookReceiver;

beforeAll(async () => {
  [twilio, receiver] = await Promise.all([startTwilioStandIn(), startSmsWebhookReceiver(SECRET)]);
});

afterAll(async () => {
  await Promise.all([twilio.close(), receiver.close()]);
});

afterEach(() => {
  twilio.failWith = undefined;
  receiver.failWith = undefined;
});

function twilioSender(overrides: { authToken?: string; from?: string } = {}) {
  return new TwilioSmsSender({
    accountSid: twilio.accountSid,
    authToken: overrides.authToken ?? twilio.authToken,
    from: overrides.from ?? '+15005550006',
    baseUrl: twilio.url,
  });
}

describe('Twilio', () => {
  it("sends through the twilio client with the account's Basic auth and a form body", async () => {
    const before = twilio.received.length;

    await twilioSender().send(message);

    expect(twilio.received.slice(before)).toEqual([
      { to: message.to, from: '+15005550006', body: message.text },
    ]);
  });

  it('sends from a messaging service when the sender is an MG SID', async () => {
    const service = `MG${'ab'.repeat(16)}`;
    await twilioSender({ from: service }).send(message);

    expect(twilio.received.at(-1)).toMatchObject({ messagingServiceSid: service, from: undefined });
  });

  it('treats a refused number and bad credentials as permanent, a 5xx as retryable', async () => {
    twilio.failWith = 400;
    await expect(twilioSender().send(message)).rejects.toBeInstanceOf(PermanentSmsError);

    twilio.failWith = undefined;
    const refusedBefore = twilio.refused;
    await expect(twilioSender({ authToken: 'wrong' }).send(message)).rejects.toBeInstanceOf(
      PermanentSmsError,
    );
    expect(twilio.refused).toBe(refusedBefore + 1);

    twilio.failWith = 503;
    const outage = twilioSender().send(message);
    await expect(outage).rejects.toThrow();
    await expect(outage).rejects.not.toBeInstanceOf(PermanentSmsError);
  });
});

describe('the signed webhook', () => {
  it('posts JSON with recipient, text and idempotency key that the receiver trusts', async () => {
    const before = receiver.accepted.length;

    await new WebhookSmsSender({ url: receiver.url, secret: SECRET }).send(message);

    expect(receiver.accepted.slice(before)).toEqual([message]);
  });

  it('is refused by the receiver when signed with another secret', async () => {
    const rejectedBefore = receiver.rejected;
    const sender = new WebhookSmsSender({ url: receiver.url, secret: `x${SECRET}` });

    await expect(sender.send(message)).rejects.toBeInstanceOf(PermanentSmsError);
    expect(receiver.rejected).toBe(rejectedBefore + 1);
  });

  it('is refused when the signed timestamp is stale (a replay)', async () => {
    const hourAgo = () => Math.floor(Date.now() / 1000) - 3600;
    const sender = new WebhookSmsSender({ url: receiver.url, secret: SECRET, now: hourAgo });

    await expect(sender.send(message)).rejects.toBeInstanceOf(PermanentSmsError);
  });

  it('leaves a 5xx or an unreachable receiver to the retries', async () => {
    receiver.failWith = 503;
    const outage = new WebhookSmsSender({ url: receiver.url, secret: SECRET }).send(message);
    await expect(outage).rejects.toThrow('HTTP 503');

    const nowhere = new WebhookSmsSender({ url: 'http://127.0.0.1:1/sms', secret: SECRET });
    await expect(nowhere.send(message)).rejects.not.toBeInstanceOf(PermanentSmsError);
  });
});
