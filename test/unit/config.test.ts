import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../config/config';
import { withDevSecrets } from '../../config/dev-secrets';

type Env = Record<string, string | undefined>;

const key32 = (): string => randomBytes(32).toString('base64');

/** A complete production environment that sends mail through SendGrid. */
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

/** The ConfigError that loading `env` throws; fails the test if it loads. */
function configErrorOf(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('loads a complete production environment', () => {
    const env = productionEnv();

    const config = loadConfig(env);

    expect(config.mode).toBe('production');
    expect(config.adminToken).toBe(env.FLOWGATE_ADMIN_TOKEN);
    expect(config.payloadKeys.map((k) => k.id)).toEqual(['k1']);
    expect(config.payloadKeys[0].key).toHaveLength(32);
    expect(config.codeHmacKey.toString('base64')).toBe(env.FLOWGATE_CODE_HMAC_KEY);
    expect(config.email.sendgridApiKey).toBe('SG.test-key');
    expect(config.email.outboxEnabled).toBe(false);
    expect(config.email.codeTtlMs).toBe(3_600_000);
    expect(config.codes).toEqual({ maxAttempts: 5, length: 6 });
  });

  it.each([
    'FLOWGATE_ADMIN_TOKEN',
    'FLOWGATE_PAYLOAD_KEYS',
    'FLOWGATE_CODE_HMAC_KEY',
    'FLOWGATE_SECRET_KEYS',
  ])('refuses to start without %s and names it', (name) => {
    expect(configErrorOf(productionEnv({ [name]: undefined })).message).toContain(name);
    expect(configErrorOf(productionEnv({ [name]: '' })).message).toContain(name);
  });

  it('rejects an administrator token shorter than 24 characters', () => {
    const error = configErrorOf(productionEnv({ FLOWGATE_ADMIN_TOKEN: 'short-token' }));

    expect(error.message).toContain('FLOWGATE_ADMIN_TOKEN');
  });

  it('rejects a code HMAC key shorter than 32 bytes', () => {
    const env = productionEnv({ FLOWGATE_CODE_HMAC_KEY: randomBytes(16).toString('base64') });

    expect(configErrorOf(env).message).toContain('FLOWGATE_CODE_HMAC_KEY');
  });

  it('refuses a production setup with neither SendGrid nor the outbox', () => {
    const error = configErrorOf(productionEnv({ SENDGRID_API_KEY: undefined }));

    expect(error.message).toContain('SENDGRID_API_KEY');
    expect(error.message).toContain('FLOWGATE_DEV_OUTBOX');
  });

  it('refuses to run without a mail provider when the outbox is switched off in dev mode', () => {
    const env = productionEnv({
      FLOWGATE_MODE: 'dev',
      SENDGRID_API_KEY: undefined,
      FLOWGATE_DEV_OUTBOX: 'false',
    });

    expect(configErrorOf(env).message).toContain('SENDGRID_API_KEY');
  });

  it('keeps mail in the outbox when production asks for it explicitly', () => {
    const env = productionEnv({ SENDGRID_API_KEY: undefined, FLOWGATE_DEV_OUTBOX: 'true' });

    expect(loadConfig(env).email.outboxEnabled).toBe(true);
  });

  it('turns the outbox on by default in dev mode without SendGrid', () => {
    const env = productionEnv({ FLOWGATE_MODE: 'dev', SENDGRID_API_KEY: undefined });

    const config = loadConfig(env);

    expect(config.mode).toBe('dev');
    expect(config.email.outboxEnabled).toBe(true);
  });

  it('leaves the outbox off in dev mode when SendGrid is configured', () => {
    expect(loadConfig(productionEnv({ FLOWGATE_MODE: 'dev' })).email.outboxEnabled).toBe(false);
  });

  it('rejects an unknown mode', () => {
    expect(configErrorOf(productionEnv({ FLOWGATE_MODE: 'staging' })).message).toContain(
      'FLOWGATE_MODE',
    );
  });

  it('reads the email code lifetime as a duration', () => {
    const config = loadConfig(productionEnv({ FLOWGATE_EMAIL_CODE_TTL: '90s' }));

    expect(config.email.codeTtlMs).toBe(90_000);
  });

  it.each(['90', '1x', '0s', '-5s'])(
    'rejects the code lifetime %p and names the variable',
    (ttl) => {
      const error = configErrorOf(productionEnv({ FLOWGATE_EMAIL_CODE_TTL: ttl }));

      expect(error.message).toContain('FLOWGATE_EMAIL_CODE_TTL');
    },
  );

  it('rejects a code length below six characters', () => {
    const error = configErrorOf(productionEnv({ FLOWGATE_CODE_LENGTH: '4' }));

    expect(error.message).toContain('FLOWGATE_CODE_LENGTH');
  });

  it('rejects argon2 memory below the OWASP minimum', () => {
    const error = configErrorOf(productionEnv({ FLOWGATE_ARGON2_MEMORY_KIB: '1024' }));

    expect(error.message).toContain('FLOWGATE_ARGON2_MEMORY_KIB');
  });
});

describe('payload key list', () => {
  it('reads two keys and encrypts with the first', () => {
    const [fresh, old] = [randomBytes(32), randomBytes(32)];
    const env = productionEnv({
      FLOWGATE_PAYLOAD_KEYS: `new:${fresh.toString('base64')}, old:${old.toString('base64')}`,
    });

    const { payloadKeys } = loadConfig(env);

    expect(payloadKeys.map((k) => k.id)).toEqual(['new', 'old']);
    expect(payloadKeys[0].key.equals(fresh)).toBe(true);
    expect(payloadKeys[1].key.equals(old)).toBe(true);
  });

  it('rejects the same key id twice', () => {
    const env = productionEnv({ FLOWGATE_PAYLOAD_KEYS: `k1:${key32()},k1:${key32()}` });

    expect(configErrorOf(env).message).toContain('FLOWGATE_PAYLOAD_KEYS');
  });

  it('rejects a 16-byte key, which is not AES-256', () => {
    const env = productionEnv({
      FLOWGATE_PAYLOAD_KEYS: `k1:${randomBytes(16).toString('base64')}`,
    });

    expect(configErrorOf(env).message).toContain('FLOWGATE_PAYLOAD_KEYS');
  });

  it.each([
    ['a key without id', () => key32()],
    ['an entry with an extra colon', () => `k1:${key32()}:x`],
    ['text that is not base64', () => `k1:${'!'.repeat(44)}`],
  ])('rejects %s', (_name, keys) => {
    const env = productionEnv({ FLOWGATE_PAYLOAD_KEYS: keys() });

    expect(configErrorOf(env).message).toContain('FLOWGATE_PAYLOAD_KEYS');
  });
});

describe('withDevSecrets', () => {
  const folders: string[] = [];

  function freshFolder(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowgate-dev-secrets-'));
    folders.push(dir);
    return dir;
  }

  afterAll(() => {
    for (const dir of folders) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const SECRETS = [
    'FLOWGATE_ADMIN_TOKEN',
    'FLOWGATE_PAYLOAD_KEYS',
    'FLOWGATE_CODE_HMAC_KEY',
    'FLOWGATE_SECRET_KEYS',
  ];

  it('generates the missing secrets into a file only its owner can read', () => {
    const dir = freshFolder();

    const { env, generated } = withDevSecrets({ FLOWGATE_MODE: 'dev' }, dir);

    expect(generated.sort()).toEqual([...SECRETS].sort());
    const file = path.join(dir, 'dev-secrets.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    for (const name of SECRETS) {
      expect(env[name]).toBeTruthy();
    }
    expect(loadConfig(env).mode).toBe('dev');
  });

  it('reuses the stored secrets on the next start', () => {
    const dir = freshFolder();

    const first = withDevSecrets({ FLOWGATE_MODE: 'dev' }, dir).env;
    const second = withDevSecrets({ FLOWGATE_MODE: 'dev' }, dir).env;

    for (const name of SECRETS) {
      expect(second[name]).toBe(first[name]);
    }
  });

  it('adds a secret that a file from an older version lacks, keeping the others', () => {
    const dir = freshFolder();
    const file = path.join(dir, 'dev-secrets.json');
    const first = withDevSecrets({}, dir).env;
    const older = JSON.parse(fs.readFileSync(file, 'utf8'));
    delete older.FLOWGATE_SECRET_KEYS;
    fs.writeFileSync(file, JSON.stringify(older));

    const { env } = withDevSecrets({}, dir);

    expect(env.FLOWGATE_SECRET_KEYS).toMatch(/^dev1:/);
    expect(env.FLOWGATE_PAYLOAD_KEYS).toBe(first.FLOWGATE_PAYLOAD_KEYS);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).FLOWGATE_SECRET_KEYS).toBe(
      env.FLOWGATE_SECRET_KEYS,
    );
  });

  it('generates different secrets for different data folders', () => {
    const first = withDevSecrets({}, freshFolder()).env;
    const second = withDevSecrets({}, freshFolder()).env;

    expect(second.FLOWGATE_ADMIN_TOKEN).not.toBe(first.FLOWGATE_ADMIN_TOKEN);
  });

  it('lets secrets given in the environment win over stored ones', () => {
    const dir = freshFolder();
    const stored = withDevSecrets({}, dir).env;
    const token = randomBytes(24).toString('base64url');

    const { env, generated } = withDevSecrets({ FLOWGATE_ADMIN_TOKEN: token }, dir);

    expect(env.FLOWGATE_ADMIN_TOKEN).toBe(token);
    expect(env.FLOWGATE_PAYLOAD_KEYS).toBe(stored.FLOWGATE_PAYLOAD_KEYS);
    expect(generated).not.toContain('FLOWGATE_ADMIN_TOKEN');
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'dev-secrets.json'), 'utf8'));
    expect(file.FLOWGATE_ADMIN_TOKEN).toBe(stored.FLOWGATE_ADMIN_TOKEN);
  });

  it('creates a data folder that does not exist yet', () => {
    const dir = path.join(freshFolder(), 'nested', 'data');

    withDevSecrets({}, dir);

    expect(fs.existsSync(path.join(dir, 'dev-secrets.json'))).toBe(true);
  });
});

describe('password settings', () => {
  it('defaults to a one-hour reset code and the NIST policy without composition rules', () => {
    const { passwords } = loadConfig(productionEnv());
    expect(passwords).toEqual({
      resetCodeTtlMs: 3_600_000,
      policy: {
        minLength: 8,
        maxLength: 200,
        requireLower: false,
        requireUpper: false,
        requireNumber: false,
        requireSymbol: false,
      },
    });
  });

  it('switches composition rules on and reads the reset code lifetime', () => {
    const { passwords } = loadConfig(
      productionEnv({
        FLOWGATE_PASSWORD_RESET_CODE_TTL: '15m',
        FLOWGATE_PASSWORD_MIN_LENGTH: '12',
        FLOWGATE_PASSWORD_REQUIRE_UPPER: 'true',
        FLOWGATE_PASSWORD_REQUIRE_SYMBOL: 'on',
      }),
    );
    expect(passwords.resetCodeTtlMs).toBe(900_000);
    expect(passwords.policy).toMatchObject({
      minLength: 12,
      requireUpper: true,
      requireSymbol: true,
      requireLower: false,
    });
  });

  it.each([
    ['FLOWGATE_PASSWORD_MIN_LENGTH', '6'],
    ['FLOWGATE_PASSWORD_MIN_LENGTH', '201'],
    ['FLOWGATE_PASSWORD_REQUIRE_NUMBER', 'sometimes'],
    ['FLOWGATE_PASSWORD_RESET_CODE_TTL', '1 hour'],
  ])('rejects %s=%s', (name, value) => {
    expect(configErrorOf(productionEnv({ [name]: value })).message).toContain(name);
  });
});
