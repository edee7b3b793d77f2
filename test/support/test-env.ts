/**
 * The environment of the test run. Test code reads the environment only through here, so the
 * services global setup started (or the ones the caller named) reach every test file.
 */
import { randomBytes } from 'node:crypto';

export type Env = Record<string, string | undefined>;

export function testEnv(): Env {
  return { ...process.env };
}

/** A complete, valid configuration for one test stack, with fresh secrets and task queue. */
export function stackEnv(overrides: Env = {}): Env {
  const base = testEnv();
  return {
    PATH: base.PATH,
    FLOWGATE_MODE: 'production',
    TEMPORAL_ADDRESS: base.TEMPORAL_ADDRESS,
    DATABASE_URL: base.DATABASE_URL,
    FLOWGATE_WORKFLOW_BUNDLE: base.FLOWGATE_WORKFLOW_BUNDLE,
    FLOWGATE_TASK_QUEUE: `test-${randomBytes(6).toString('hex')}`,
    FLOWGATE_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    FLOWGATE_PAYLOAD_KEYS: `test1:${randomBytes(32).toString('base64')}`,
    FLOWGATE_SECRET_KEYS: `test1:${randomBytes(32).toString('base64')}`,
    FLOWGATE_CODE_HMAC_KEY: randomBytes(32).toString('base64'),
    FLOWGATE_DEV_OUTBOX: 'true',
    LOG_LEVEL: 'warn',
    // Test files send bursts from one address and token; the limits have tests of their own.
    FLOWGATE_RATE_LIMIT_PER_TOKEN: '0',
    FLOWGATE_RATE_LIMIT_PER_ADDRESS: '0',
    ...overrides,
  };
}
