import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../config/config';

type Env = Record<string, string | undefined>;

const key32 = (): string => randomBytes(32).toString('base64');

function env(overrides: Env = {}): Env {
  return {
    FLOWGATE_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    FLOWGATE_PAYLOAD_KEYS: `k1:${key32()}`,
    FLOWGATE_CODE_HMAC_KEY: key32(),
    FLOWGATE_SECRET_KEYS: `s1:${key32()}`,
    SENDGRID_API_KEY: 'SG.test-key',
    ...overrides,
  };
}

describe('the WebAuthn configuration', () => {
  it('defaults to RP ID localhost, the API origin, 10 minute registrations, 1 hour links', () => {
    const config = loadConfig(env({ PORT: '9090' }));

    expect(config.webauthn).toEqual({
      rpName: 'Flowgate',
      rpIds: ['localhost'],
      origins: ['http://localhost:9090'],
      passkeyLinkTtlMs: 3_600_000,
    });
    expect(config.registrationTtlMs).toBe(600_000);
  });

  it('reads comma-separated RP IDs and origins, and takes the public URL without its path', () => {
    const config = loadConfig(
      env({
        FLOWGATE_WEBAUTHN_RP_NAME: 'Acme',
        FLOWGATE_WEBAUTHN_RP_IDS: ' Login.Example.com , example.com ',
        FLOWGATE_WEBAUTHN_ORIGINS: 'https://login.example.com, https://example.com:8443/',
        FLOWGATE_PASSKEY_LINK_TTL: '30m',
        FLOWGATE_REGISTRATION_TTL: '5m',
      }),
    );

    expect(config.webauthn.rpName).toBe('Acme');
    expect(config.webauthn.rpIds).toEqual(['login.example.com', 'example.com']);
    expect(config.webauthn.origins).toEqual([
      'https://login.example.com',
      'https://example.com:8443',
    ]);
    expect(config.webauthn.passkeyLinkTtlMs).toBe(1_800_000);
    expect(config.registrationTtlMs).toBe(300_000);

    const behindPath = loadConfig(env({ FLOWGATE_PUBLIC_URL: 'https://id.example.com/auth' }));
    expect(behindPath.webauthn.origins).toEqual(['https://id.example.com']);
  });

  it.each([
    ['FLOWGATE_WEBAUTHN_ORIGINS', 'https://login.example.com/path'],
    ['FLOWGATE_WEBAUTHN_ORIGINS', 'login.example.com'],
    ['FLOWGATE_WEBAUTHN_RP_IDS', 'https://login.example.com'],
    ['FLOWGATE_WEBAUTHN_RP_IDS', ' , '],
    ['FLOWGATE_REGISTRATION_TTL', 'soon'],
    ['FLOWGATE_PASSKEY_LINK_TTL', '0s'],
  ])('refuses %s=%s and names the variable', (name, value) => {
    expect(() => loadConfig(env({ [name]: value }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ [name]: value }))).toThrow(name);
  });
});
