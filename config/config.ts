/**
 * The one typed configuration of Flowgate. Only this module reads the environment; every key
 * has a doc line, its variable and its default in CONFIG_KEYS (rendered in the README).
 * Secrets have no default outside dev mode: a missing one stops the process with a message
 * naming the variable.
 */
import path from 'node:path';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { parseDuration } from '../common/durations';

export type Mode = 'dev' | 'production';

export interface KeyEntry {
  id: string;
  key: Buffer;
}

export interface Config {
  mode: Mode;
  port: number;
  publicUrl: string;
  dataDir: string;
  cacheDir: string;
  logLevel: string;
  database: { url?: string };
  temporal: {
    address?: string;
    namespace: string;
    taskQueue: string;
    cliPath?: string;
    /** How long the API waits for a flow to answer before it gives up with a 504. */
    callTimeoutMs: number;
    /** A pre-built workflow bundle file; else the worker bundles the workflows at start. */
    workflowBundlePath?: string;
  };
  adminToken: string;
  /** Payload codec keys; the first encrypts, all decrypt (rotation). */
  payloadKeys: KeyEntry[];
  /** HMAC-SHA-256 key for code hashes. */
  codeHmacKey: Buffer;
  /** AES-256-GCM keys for secrets at rest (TOTP seeds, client secrets); the first encrypts. */
  secretKeys: KeyEntry[];
  email: {
    codeTtlMs: number;
    from: string;
    sendgridApiKey?: string;
    sendgridBaseUrl?: string;
    outboxEnabled: boolean;
  };
  codes: { maxAttempts: number; length: number };
  argon2: { memoryKiB: number; timeCost: number; parallelism: number };
  /** Lifetime of a pending TOTP, passkey or U2F registration. */
  registrationTtlMs: number;
  /** The issuer an authenticator app shows beside a TOTP account (RFC 6238 otpauth URI). */
  totp: { issuer: string };
  /** Identity-provider intents: how long one waits for its callback, and lives after success. */
  idp: { intentTtlMs: number };
  phone: {
    codeTtlMs: number;
    /** Region of numbers given without `+` (the contract: CH). */
    defaultRegion: CountryCode;
  };
  sms: SmsConfig;
  /** Code sends allowed per recipient and per user within one sliding window. */
  sendBudget: { perRecipient: number; perUser: number; windowMs: number };
  webauthn: WebAuthnConfig;
  /** Browser access, request limits and proxies in front of the API (issue 8). */
  http: {
    corsOrigins: string[];
    /** Requests per window and caller token, and per client address; 0 turns a limit off. */
    rateLimitPerToken: number;
    rateLimitPerAddress: number;
    rateLimitWindowMs: number;
    /** Proxy hops in front of the API whose X-Forwarded-For is believed (Express `trust proxy`). */
    trustProxyHops: number;
  };
  codec: {
    /** The Temporal Web UI's origin: the only one the codec server answers browsers from. */
    uiOrigin: string;
  };
  metrics: {
    /** host:port where the worker's Temporal runtime serves Prometheus metrics. */
    workerMetricsAddress?: string;
    /** The worker exporter's URL, appended to the API's GET /metrics. */
    workerMetricsUrl?: string;
  };
  passwords: { resetCodeTtlMs: number; policy: PasswordPolicy };
}

/** The relying party Flowgate acts as (WebAuthn Level 3, 5.4.2 and 13.4.9). */
export interface WebAuthnConfig {
  /** Display name shown by the authenticator. */
  rpName: string;
  /** RP IDs a registration may name as its `domain`; the first is the default. */
  rpIds: string[];
  /** Origins a browser may register from (compared exactly with clientDataJSON.origin). */
  origins: string[];
  /** Lifetime of a passkey registration link's code. */
  passkeyLinkTtlMs: number;
}

/** Where SMS go: Twilio, a signed webhook, the dev outbox, or nowhere (phone codes refused). */
export type SmsConfig =
  | {
      provider: 'twilio';
      accountSid: string;
      authToken: string;
      from: string;
      baseUrl?: string;
    }
  | { provider: 'webhook'; url: string; secret: string }
  | { provider: 'outbox' }
  | { provider: 'none' };

/**
 * NIST SP 800-63B 5.1.1.2: a length range and a check against common passwords by default;
 * composition rules only when an operator switches them on.
 */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  requireLower: boolean;
  requireUpper: boolean;
  requireNumber: boolean;
  requireSymbol: boolean;
}

type Env = Record<string, string | undefined>;

/** The contract's limit on every password field (`Password.password` 1..200). */
const MAX_PASSWORD_LENGTH = 200;

/** Every variable Flowgate reads, with its default and meaning (the README renders this). */
export const CONFIG_KEYS: ReadonlyArray<{ name: string; fallback: string; doc: string }> = [
  {
    name: 'FLOWGATE_MODE',
    fallback: 'production',
    doc: '`dev` generates secrets and uses the outbox',
  },
  { name: 'PORT', fallback: '8080', doc: 'HTTP port of the API' },
  { name: 'FLOWGATE_PUBLIC_URL', fallback: 'http://localhost:<PORT>', doc: 'origin used in links' },
  {
    name: 'FLOWGATE_DATA_DIR',
    fallback: './.data',
    doc: 'dev-mode state: PostgreSQL, Temporal DB, secrets',
  },
  { name: 'FLOWGATE_CACHE_DIR', fallback: './.cache', doc: 'where the built Temporal CLI is kept' },
  { name: 'LOG_LEVEL', fallback: 'info', doc: 'pino log level' },
  { name: 'DATABASE_URL', fallback: '(embedded PostgreSQL)', doc: 'PostgreSQL connection URL' },
  { name: 'TEMPORAL_ADDRESS', fallback: '(dev server)', doc: 'Temporal frontend host:port' },
  { name: 'TEMPORAL_NAMESPACE', fallback: 'default', doc: 'Temporal namespace' },
  { name: 'FLOWGATE_TASK_QUEUE', fallback: 'flowgate', doc: 'task queue of the worker' },
  { name: 'TEMPORAL_CLI_PATH', fallback: '(resolved)', doc: 'Temporal CLI binary to run' },
  {
    name: 'FLOWGATE_FLOW_CALL_TIMEOUT',
    fallback: '30s',
    doc: 'how long a request waits for its flow (no worker, database down) before a 504',
  },
  {
    name: 'FLOWGATE_WORKFLOW_BUNDLE',
    fallback: '(bundled at start)',
    doc: 'pre-built workflow bundle for the worker',
  },
  {
    name: 'FLOWGATE_ADMIN_TOKEN',
    fallback: '(required; dev: generated)',
    doc: 'administrator bearer token',
  },
  {
    name: 'FLOWGATE_PAYLOAD_KEYS',
    fallback: '(required; dev: generated)',
    doc: '`id:base64key,...` AES-256 keys of the payload codec, first one encrypts',
  },
  {
    name: 'FLOWGATE_CODE_HMAC_KEY',
    fallback: '(required; dev: generated)',
    doc: 'base64 key (32+ bytes) of the code hashes',
  },
  {
    name: 'FLOWGATE_SECRET_KEYS',
    fallback: '(required; dev: generated)',
    doc: '`id:base64key,...` AES-256 keys for secrets at rest, first one encrypts',
  },
  {
    name: 'FLOWGATE_EMAIL_CODE_TTL',
    fallback: '1h',
    doc: 'lifetime of an email code (`90s`, `1h`)',
  },
  { name: 'FLOWGATE_CODE_MAX_ATTEMPTS', fallback: '5', doc: 'wrong codes before a flow is locked' },
  {
    name: 'FLOWGATE_CODE_LENGTH',
    fallback: '6',
    doc: 'characters of a verification code (A-Z0-9)',
  },
  { name: 'FLOWGATE_MAIL_FROM', fallback: 'no-reply@flowgate.localhost', doc: 'sender address' },
  { name: 'SENDGRID_API_KEY', fallback: '(unset)', doc: 'send mail through SendGrid' },
  { name: 'SENDGRID_BASE_URL', fallback: 'https://api.sendgrid.com', doc: 'SendGrid API origin' },
  {
    name: 'FLOWGATE_DEV_OUTBOX',
    fallback: 'dev: on without SendGrid; else off',
    doc: 'keep messages in PostgreSQL and list them at GET /dev/outbox',
  },
  { name: 'FLOWGATE_ARGON2_MEMORY_KIB', fallback: '19456', doc: 'argon2id memory (OWASP minimum)' },
  { name: 'FLOWGATE_ARGON2_TIME_COST', fallback: '2', doc: 'argon2id iterations' },
  { name: 'FLOWGATE_ARGON2_PARALLELISM', fallback: '1', doc: 'argon2id lanes' },
  {
    name: 'FLOWGATE_REGISTRATION_TTL',
    fallback: '10m',
    doc: 'lifetime of a pending TOTP, passkey or U2F registration',
  },
  {
    name: 'FLOWGATE_TOTP_ISSUER',
    fallback: 'Flowgate',
    doc: 'issuer named in the `otpauth://` URI of a TOTP registration',
  },
  {
    name: 'FLOWGATE_IDP_INTENT_TTL',
    fallback: '1h',
    doc: 'how long an identity-provider intent waits for its callback, and lives after success',
  },
  {
    name: 'FLOWGATE_WEBAUTHN_RP_NAME',
    fallback: 'Flowgate',
    doc: 'relying party name an authenticator shows for passkeys and security keys',
  },
  {
    name: 'FLOWGATE_WEBAUTHN_RP_IDS',
    fallback: 'localhost',
    doc: 'comma-separated RP IDs (domains) a registration may use; the first is the default',
  },
  {
    name: 'FLOWGATE_WEBAUTHN_ORIGINS',
    fallback: '(FLOWGATE_PUBLIC_URL)',
    doc: 'comma-separated origins a browser may register a passkey or security key from',
  },
  {
    name: 'FLOWGATE_PASSKEY_LINK_TTL',
    fallback: '1h',
    doc: 'lifetime of a passkey registration link code',
  },
  {
    name: 'FLOWGATE_PHONE_CODE_TTL',
    fallback: '1h',
    doc: 'lifetime of a phone verification code (`90s`, `1h`)',
  },
  {
    name: 'FLOWGATE_PHONE_DEFAULT_REGION',
    fallback: 'CH',
    doc: 'region (ISO 3166 alpha-2) of phone numbers given without `+`',
  },
  { name: 'TWILIO_ACCOUNT_SID', fallback: '(unset)', doc: 'send SMS through Twilio' },
  { name: 'TWILIO_AUTH_TOKEN', fallback: '(required with Twilio)', doc: 'Twilio auth token' },
  {
    name: 'TWILIO_FROM_NUMBER',
    fallback: '(required with Twilio)',
    doc: 'sender number (E.164) or messaging service SID (`MG...`)',
  },
  { name: 'TWILIO_BASE_URL', fallback: 'https://api.twilio.com', doc: 'Twilio API origin' },
  {
    name: 'FLOWGATE_SMS_WEBHOOK_URL',
    fallback: '(unset)',
    doc: 'send SMS as a signed JSON POST to this URL',
  },
  {
    name: 'FLOWGATE_SMS_WEBHOOK_SECRET',
    fallback: '(required with the webhook)',
    doc: 'HMAC-SHA-256 key (32+ characters) signing each webhook request',
  },
  {
    name: 'FLOWGATE_SEND_BUDGET',
    fallback: '5',
    doc: 'codes sent to one address (email or phone) per window; over it: 429',
  },
  {
    name: 'FLOWGATE_SEND_BUDGET_PER_USER',
    fallback: '10',
    doc: 'codes made for one user (sent or returned) per window; over it: 429',
  },
  { name: 'FLOWGATE_SEND_BUDGET_WINDOW', fallback: '10m', doc: 'sliding window of the budgets' },
  {
    name: 'FLOWGATE_CORS_ORIGINS',
    fallback: '(none)',
    doc: 'comma-separated origins browsers may call the API from (`*` is refused)',
  },
  {
    name: 'FLOWGATE_RATE_LIMIT_PER_TOKEN',
    fallback: '600',
    doc: 'requests per window and token, in each API process (0: off)',
  },
  {
    name: 'FLOWGATE_RATE_LIMIT_PER_ADDRESS',
    fallback: '1200',
    doc: 'requests per window and client address, in each API process (0: off)',
  },
  { name: 'FLOWGATE_RATE_LIMIT_WINDOW', fallback: '1m', doc: 'window of the rate limits' },
  {
    name: 'FLOWGATE_TRUST_PROXY_HOPS',
    fallback: '0',
    doc: 'reverse proxies in front of the API whose `X-Forwarded-For` names the client',
  },
  {
    name: 'FLOWGATE_WORKER_METRICS_ADDRESS',
    fallback: '(off; dev: 127.0.0.1:9464)',
    doc: "host:port of the worker's Prometheus exporter (Temporal runtime and message metrics)",
  },
  {
    name: 'FLOWGATE_WORKER_METRICS_URL',
    fallback: '(off; dev: the worker exporter)',
    doc: "the worker exporter's URL, appended to the API's `GET /metrics`",
  },
  {
    name: 'FLOWGATE_CODEC_UI_ORIGIN',
    fallback: 'http://localhost:8233',
    doc: 'origin of the Temporal Web UI allowed to call the codec server',
  },
  {
    name: 'FLOWGATE_PASSWORD_RESET_CODE_TTL',
    fallback: '1h',
    doc: 'lifetime of a password reset code (`90s`, `1h`)',
  },
  {
    name: 'FLOWGATE_PASSWORD_MIN_LENGTH',
    fallback: '8',
    doc: 'shortest password accepted (8 to 200; the longest is 200)',
  },
  {
    name: 'FLOWGATE_PASSWORD_REQUIRE_LOWER',
    fallback: 'false',
    doc: 'passwords must contain a lower case letter',
  },
  {
    name: 'FLOWGATE_PASSWORD_REQUIRE_UPPER',
    fallback: 'false',
    doc: 'passwords must contain an upper case letter',
  },
  {
    name: 'FLOWGATE_PASSWORD_REQUIRE_NUMBER',
    fallback: 'false',
    doc: 'passwords must contain a digit',
  },
  {
    name: 'FLOWGATE_PASSWORD_REQUIRE_SYMBOL',
    fallback: 'false',
    doc: 'passwords must contain a symbol (neither letter, digit nor space)',
  },
];

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function duration(env: Env, name: string, fallback: string): number {
  const raw = env[name] || fallback;
  const ms = parseDuration(raw);
  if (ms === undefined) {
    throw new ConfigError(`${name} must be a duration such as 90s, 10m or 1h, got "${raw}"`);
  }
  return ms;
}

function flag(env: Env, name: string): boolean | undefined {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') {
    return undefined;
  }
  if (['1', 'true', 'yes', 'on'].includes(raw)) {
    return true;
  }
  if (['0', 'false', 'no', 'off'].includes(raw)) {
    return false;
  }
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) {
    throw new ConfigError(`${name} is required outside dev mode (see README, Configuration)`);
  }
  return value;
}

function base64Key(name: string, text: string, minBytes: number): Buffer {
  const key = Buffer.from(text, 'base64');
  if (
    key.length < minBytes ||
    key.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')
  ) {
    throw new ConfigError(`${name} must be base64 of at least ${minBytes} bytes`);
  }
  return key;
}

/** Parses `id:base64,id2:base64` into AES-256 keys; ids must be unique. */
export function parseKeyList(name: string, text: string): KeyEntry[] {
  const entries = text.split(',').map((part) => {
    const [id, key, extra] = part.trim().split(':');
    if (!id || !key || extra !== undefined || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new ConfigError(`${name} must look like "keyid:base64key,keyid2:base64key"`);
    }
    const bytes = base64Key(name, key, 32);
    if (bytes.length !== 32) {
      throw new ConfigError(`${name} keys must be exactly 32 bytes (AES-256)`);
    }
    return { id, key: bytes };
  });
  if (new Set(entries.map((e) => e.id)).size !== entries.length) {
    throw new ConfigError(`${name} has a key id twice`);
  }
  return entries;
}

/** A comma-separated list; each entry trimmed, empty entries dropped. */
function list(env: Env, name: string, fallback: string): string[] {
  const entries = (env[name] || fallback)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) {
    throw new ConfigError(`${name} must name at least one entry`);
  }
  return entries;
}

function webauthn(env: Env, publicUrl: string): WebAuthnConfig {
  const rpIds = list(env, 'FLOWGATE_WEBAUTHN_RP_IDS', 'localhost').map((id) => id.toLowerCase());
  const bad = rpIds.find((id) => !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(id));
  if (bad) {
    throw new ConfigError(`FLOWGATE_WEBAUTHN_RP_IDS must hold domain names, got "${bad}"`);
  }

  // The public URL may carry a path; the default is its origin alone.
  const ownOrigin = URL.canParse(publicUrl) ? new URL(publicUrl).origin : publicUrl;
  const origins = list(env, 'FLOWGATE_WEBAUTHN_ORIGINS', ownOrigin).map((origin) => {
    // An origin is scheme, host and port only (WebAuthn L3 5.8.1: clientDataJSON.origin).
    const parsed = URL.canParse(origin) ? new URL(origin) : undefined;
    if (!parsed || parsed.origin !== origin.replace(/\/+$/, '')) {
      throw new ConfigError(`FLOWGATE_WEBAUTHN_ORIGINS must hold origins, got "${origin}"`);
    }
    return parsed.origin;
  });

  return {
    rpName: env.FLOWGATE_WEBAUTHN_RP_NAME || 'Flowgate',
    rpIds,
    origins,
    passkeyLinkTtlMs: duration(env, 'FLOWGATE_PASSKEY_LINK_TTL', '1h'),
  };
}

function mode(env: Env): Mode {
  const raw = env.FLOWGATE_MODE || 'production';
  if (raw !== 'dev' && raw !== 'production') {
    throw new ConfigError(`FLOWGATE_MODE must be dev or production, got "${raw}"`);
  }
  return raw;
}

/**
 * Reads and validates the configuration. In dev mode the caller first fills missing secrets
 * (config/dev-secrets.ts); here a missing secret is always an error.
 */
export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const sendgridApiKey = env.SENDGRID_API_KEY || undefined;
  const currentMode = mode(env);
  const outboxFlag = flag(env, 'FLOWGATE_DEV_OUTBOX');
  const outboxEnabled = outboxFlag ?? (currentMode === 'dev' && !sendgridApiKey);

  if (!sendgridApiKey && !outboxEnabled) {
    throw new ConfigError(
      'No mail provider: set SENDGRID_API_KEY, or FLOWGATE_DEV_OUTBOX=true to keep mail in the ' +
        'database outbox (stores codes readably; for development only)',
    );
  }

  const publicUrl = (env.FLOWGATE_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');

  return {
    mode: currentMode,
    port,
    publicUrl,
    dataDir: path.resolve(env.FLOWGATE_DATA_DIR || '.data'),
    cacheDir: path.resolve(env.FLOWGATE_CACHE_DIR || '.cache'),
    logLevel: env.LOG_LEVEL || 'info',
    database: { url: env.DATABASE_URL || undefined },
    temporal: {
      address: env.TEMPORAL_ADDRESS || undefined,
      namespace: env.TEMPORAL_NAMESPACE || 'default',
      taskQueue: env.FLOWGATE_TASK_QUEUE || 'flowgate',
      cliPath: env.TEMPORAL_CLI_PATH || undefined,
      callTimeoutMs: duration(env, 'FLOWGATE_FLOW_CALL_TIMEOUT', '30s'),
      workflowBundlePath: env.FLOWGATE_WORKFLOW_BUNDLE || undefined,
    },
    adminToken: adminToken(env),
    payloadKeys: parseKeyList('FLOWGATE_PAYLOAD_KEYS', required(env, 'FLOWGATE_PAYLOAD_KEYS')),
    codeHmacKey: base64Key('FLOWGATE_CODE_HMAC_KEY', required(env, 'FLOWGATE_CODE_HMAC_KEY'), 32),
    secretKeys: parseKeyList('FLOWGATE_SECRET_KEYS', required(env, 'FLOWGATE_SECRET_KEYS')),
    email: {
      codeTtlMs: duration(env, 'FLOWGATE_EMAIL_CODE_TTL', '1h'),
      from: env.FLOWGATE_MAIL_FROM || 'no-reply@flowgate.localhost',
      sendgridApiKey,
      sendgridBaseUrl: env.SENDGRID_BASE_URL || undefined,
      outboxEnabled,
    },
    codes: {
      maxAttempts: integer(env, 'FLOWGATE_CODE_MAX_ATTEMPTS', 5, 1, 100),
      length: integer(env, 'FLOWGATE_CODE_LENGTH', 6, 6, 20),
    },
    argon2: {
      memoryKiB: integer(env, 'FLOWGATE_ARGON2_MEMORY_KIB', 19456, 19456, 4_194_304),
      timeCost: integer(env, 'FLOWGATE_ARGON2_TIME_COST', 2, 2, 20),
      parallelism: integer(env, 'FLOWGATE_ARGON2_PARALLELISM', 1, 1, 16),
    },
    registrationTtlMs: duration(env, 'FLOWGATE_REGISTRATION_TTL', '10m'),
    totp: { issuer: env.FLOWGATE_TOTP_ISSUER || 'Flowgate' },
    idp: { intentTtlMs: duration(env, 'FLOWGATE_IDP_INTENT_TTL', '1h') },
    webauthn: webauthn(env, publicUrl),
    phone: {
      codeTtlMs: duration(env, 'FLOWGATE_PHONE_CODE_TTL', '1h'),
      defaultRegion: phoneRegion(env),
    },
    sms: smsConfig(env, outboxEnabled),
    sendBudget: {
      perRecipient: integer(env, 'FLOWGATE_SEND_BUDGET', 5, 1, 10_000),
      perUser: integer(env, 'FLOWGATE_SEND_BUDGET_PER_USER', 10, 1, 10_000),
      windowMs: duration(env, 'FLOWGATE_SEND_BUDGET_WINDOW', '10m'),
    },
    http: {
      corsOrigins: originList(env, 'FLOWGATE_CORS_ORIGINS'),
      rateLimitPerToken: integer(env, 'FLOWGATE_RATE_LIMIT_PER_TOKEN', 600, 0, 1_000_000),
      rateLimitPerAddress: integer(env, 'FLOWGATE_RATE_LIMIT_PER_ADDRESS', 1200, 0, 1_000_000),
      rateLimitWindowMs: duration(env, 'FLOWGATE_RATE_LIMIT_WINDOW', '1m'),
      trustProxyHops: integer(env, 'FLOWGATE_TRUST_PROXY_HOPS', 0, 0, 10),
    },
    metrics: metricsSettings(env, currentMode),
    codec: {
      uiOrigin: originList(env, 'FLOWGATE_CODEC_UI_ORIGIN')[0] ?? 'http://localhost:8233',
    },
    passwords: {
      resetCodeTtlMs: duration(env, 'FLOWGATE_PASSWORD_RESET_CODE_TTL', '1h'),
      policy: passwordPolicy(env),
    },
  };
}

function passwordPolicy(env: Env): PasswordPolicy {
  return {
    minLength: integer(env, 'FLOWGATE_PASSWORD_MIN_LENGTH', 8, 8, MAX_PASSWORD_LENGTH),
    maxLength: MAX_PASSWORD_LENGTH,
    requireLower: flag(env, 'FLOWGATE_PASSWORD_REQUIRE_LOWER') ?? false,
    requireUpper: flag(env, 'FLOWGATE_PASSWORD_REQUIRE_UPPER') ?? false,
    requireNumber: flag(env, 'FLOWGATE_PASSWORD_REQUIRE_NUMBER') ?? false,
    requireSymbol: flag(env, 'FLOWGATE_PASSWORD_REQUIRE_SYMBOL') ?? false,
  };
}

function phoneRegion(env: Env): CountryCode {
  const region = (env.FLOWGATE_PHONE_DEFAULT_REGION || 'CH').toUpperCase();
  if (!isSupportedCountry(region)) {
    throw new ConfigError(`FLOWGATE_PHONE_DEFAULT_REGION is not a known region: "${region}"`);
  }
  return region;
}

/** One SMS provider at most; without one, the outbox when it is on, else none. */
function smsConfig(env: Env, outboxEnabled: boolean): SmsConfig {
  const accountSid = env.TWILIO_ACCOUNT_SID || undefined;
  const webhookUrl = env.FLOWGATE_SMS_WEBHOOK_URL || undefined;
  if (accountSid && webhookUrl) {
    throw new ConfigError('Set TWILIO_ACCOUNT_SID or FLOWGATE_SMS_WEBHOOK_URL, not both');
  }

  if (accountSid) {
    return {
      provider: 'twilio',
      accountSid,
      authToken: requiredWith(env, 'TWILIO_AUTH_TOKEN', 'TWILIO_ACCOUNT_SID'),
      from: requiredWith(env, 'TWILIO_FROM_NUMBER', 'TWILIO_ACCOUNT_SID'),
      baseUrl: httpUrl(env, 'TWILIO_BASE_URL'),
    };
  }
  if (webhookUrl) {
    const secret = requiredWith(env, 'FLOWGATE_SMS_WEBHOOK_SECRET', 'FLOWGATE_SMS_WEBHOOK_URL');
    // OWASP ASVS 5.0 V11: a MAC key of at least 128 bits; 32 characters is ample.
    if (secret.length < 32) {
      throw new ConfigError('FLOWGATE_SMS_WEBHOOK_SECRET must be at least 32 characters');
    }
    return { provider: 'webhook', url: httpUrl(env, 'FLOWGATE_SMS_WEBHOOK_URL')!, secret };
  }
  return outboxEnabled ? { provider: 'outbox' } : { provider: 'none' };
}

function requiredWith(env: Env, name: string, because: string): string {
  const value = env[name];
  if (!value) {
    throw new ConfigError(`${name} is required when ${because} is set`);
  }
  return value;
}

function httpUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (!raw) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

/** Dev mode runs the worker beside the API, so its exporter gets a fixed local address. */
function metricsSettings(env: Env, currentMode: Mode): Config['metrics'] {
  const devAddress = currentMode === 'dev' ? '127.0.0.1:9464' : undefined;
  const workerMetricsAddress = env.FLOWGATE_WORKER_METRICS_ADDRESS || devAddress;
  const devUrl = currentMode === 'dev' ? `http://${workerMetricsAddress}/metrics` : undefined;
  return { workerMetricsAddress, workerMetricsUrl: env.FLOWGATE_WORKER_METRICS_URL || devUrl };
}

/**
 * A list of exact origins (`https://app.example.com`). `*` is refused: an identity API must
 * name the browser apps it serves (OWASP ASVS 5.0 V3.4).
 */
function originList(env: Env, name: string): string[] {
  const raw = env[name];
  if (!raw) {
    return [];
  }
  return raw.split(',').map((part) => {
    const text = part.trim();
    let origin: string | undefined;
    try {
      origin = new URL(text).origin;
    } catch {
      origin = undefined;
    }
    if (text === '*' || !origin || origin === 'null' || origin !== text.replace(/\/+$/, '')) {
      throw new ConfigError(`${name} must list origins such as https://app.example.com`);
    }
    return origin;
  });
}

function adminToken(env: Env): string {
  const token = required(env, 'FLOWGATE_ADMIN_TOKEN');
  // OWASP ASVS 5.0 V2: a bearer secret must be long enough to resist guessing.
  if (token.length < 24) {
    throw new ConfigError('FLOWGATE_ADMIN_TOKEN must be at least 24 characters');
  }
  return token;
}

/** What the CLI helper (`npm run temporal`) needs, without the service's secrets. */
export function loadToolSettings(env: Env = process.env): { cliPath?: string; cacheDir: string } {
  return {
    cliPath: env.TEMPORAL_CLI_PATH || undefined,
    cacheDir: path.resolve(env.FLOWGATE_CACHE_DIR || '.cache'),
  };
}
