/**
 * The one typed configuration of Flowgate. Only this module reads the environment; every key
 * has a doc line, its variable and its default in CONFIG_KEYS (rendered in the README).
 * Secrets have no default outside dev mode: a missing one stops the process with a message
 * naming the variable.
 */
import path from 'node:path';
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
}

type Env = Record<string, string | undefined>;

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

  return {
    mode: currentMode,
    port,
    publicUrl: (env.FLOWGATE_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
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
  };
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
