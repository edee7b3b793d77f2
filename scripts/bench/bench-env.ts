/**
 * The configuration of the benchmark's Flowgate, built as test/support/test-env.ts builds one:
 * production mode, fresh secrets and a task queue of its own, mail and SMS kept in the outbox.
 * The API's port is chosen first, so FLOWGATE_PUBLIC_URL (the IdP callback) can name it.
 */
import { randomBytes } from 'node:crypto';
import type { BenchServices, Env } from './services';

/** The relying party the passkey flow's software authenticator answers for. */
export const BENCH_WEBAUTHN = {
  rpId: 'bench.flowgate.test',
  origin: 'https://bench.flowgate.test',
};

export function benchEnv(base: Env, services: BenchServices, apiPort: number): Env {
  return {
    PATH: base.PATH,
    FLOWGATE_MODE: 'production',
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_NAMESPACE: base.TEMPORAL_NAMESPACE,
    DATABASE_URL: services.databaseUrl,
    FLOWGATE_TASK_QUEUE: `bench-${randomBytes(6).toString('hex')}`,
    FLOWGATE_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    FLOWGATE_PAYLOAD_KEYS: `bench1:${randomBytes(32).toString('base64')}`,
    FLOWGATE_SECRET_KEYS: `bench1:${randomBytes(32).toString('base64')}`,
    FLOWGATE_CODE_HMAC_KEY: randomBytes(32).toString('base64'),
    FLOWGATE_DEV_OUTBOX: 'true',
    PORT: String(apiPort),
    FLOWGATE_PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    FLOWGATE_WEBAUTHN_RP_IDS: BENCH_WEBAUTHN.rpId,
    FLOWGATE_WEBAUTHN_ORIGINS: BENCH_WEBAUTHN.origin,
    LOG_LEVEL: 'warn',
    // The load comes from one address and one token, far above what a client should send.
    FLOWGATE_RATE_LIMIT_PER_TOKEN: '0',
    FLOWGATE_RATE_LIMIT_PER_ADDRESS: '0',
  };
}
