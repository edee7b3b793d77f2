import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../config/config';

type Env = Record<string, string | undefined>;

const key32 = (): string => randomBytes(32).toString('base64');

/** A complete production environment with SendGrid mail and no SMS provider. */
function productionEnv(overrides: Env = {}): Env {
  return {
    FLOWGATE_MODE: 'production',
    FLOWGATE_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    FLOWGATE_PAYLOAD_KEYS: `k1:${key32()}`,
    FLOWGATE_CODE_HMAC_KEY: key32(),
    FLOWGATE_SECRET_KEYS: `s1:${key32()}`,
    SENDGRID_API_KEY: 'SG.test-key',
    ...overrides,
  };
}

const TWILIO = {
  TWILIO_ACCOUNT_SID: 'AC0123',
  TWILIO_AUTH_TOKEN: 'token',
  TWILIO_FROM_NUMBER: '+15005550006',
};
const WEBHOOK = {
  FLOWGATE_SMS_WEBHOOK_URL: 'https://sms.example/send',
  FLOWGATE_SMS_WEBHOOK_SECRET: 'x'.repeat(32),
};

function configErrorOf(env: Env): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('phone, SMS and send budget settings', () => {
  it('defaults: 1h phone codes, region CH, 5 per recipient and 10 per user in 10 minutes', () => {
    const config = loadConfig(productionEnv());

    expect(config.phone).toEqual({ codeTtlMs: 3_600_000, defaultRegion: 'CH' });
    expect(config.sendBudget).toEqual({ perRecipient: 5, perUser: 10, windowMs: 600_000 });
  });

  it('has no SMS provider without Twilio, a webhook or the outbox', () => {
    expect(loadConfig(productionEnv()).sms).toEqual({ provider: 'none' });
    expect(loadConfig(productionEnv({ FLOWGATE_DEV_OUTBOX: 'true' })).sms).toEqual({
      provider: 'outbox',
    });
  });

  it('reads Twilio and the webhook, and refuses both at once', () => {
    expect(loadConfig(productionEnv(TWILIO)).sms).toMatchObject({
      provider: 'twilio',
      accountSid: 'AC0123',
      from: '+15005550006',
    });
    expect(loadConfig(productionEnv(WEBHOOK)).sms).toMatchObject({ provider: 'webhook' });
    expect(configErrorOf(productionEnv({ ...TWILIO, ...WEBHOOK }))).toMatch(/not both/);
  });

  it.each([
    [{ ...TWILIO, TWILIO_AUTH_TOKEN: '' }, /TWILIO_AUTH_TOKEN is required/],
    [{ ...TWILIO, TWILIO_FROM_NUMBER: '' }, /TWILIO_FROM_NUMBER is required/],
    [{ ...TWILIO, TWILIO_BASE_URL: 'ftp://x' }, /TWILIO_BASE_URL must be an http/],
    [{ ...WEBHOOK, FLOWGATE_SMS_WEBHOOK_SECRET: '' }, /SECRET is required/],
    [{ ...WEBHOOK, FLOWGATE_SMS_WEBHOOK_SECRET: 'short' }, /at least 32 characters/],
    [{ FLOWGATE_PHONE_DEFAULT_REGION: 'XX' }, /not a known region/],
    [{ FLOWGATE_PHONE_CODE_TTL: 'soon' }, /FLOWGATE_PHONE_CODE_TTL must be a duration/],
    [{ FLOWGATE_SEND_BUDGET: '0' }, /FLOWGATE_SEND_BUDGET must be an integer/],
    [{ FLOWGATE_SEND_BUDGET_WINDOW: '0s' }, /FLOWGATE_SEND_BUDGET_WINDOW must be a duration/],
  ])('refuses %p', (overrides, message) => {
    expect(configErrorOf(productionEnv(overrides))).toMatch(message);
  });
});
