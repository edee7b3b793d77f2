/**
 * pino with an allowlist mindset: callers log static messages plus named fields, and `redact`
 * removes anything that looks like a secret should one slip into a field.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.code',
  '*.verificationCode',
  '*.token',
  '*.secret',
  '*.hash',
  'password',
  'code',
  'verificationCode',
  'token',
  // Access model and operators (issue 8): bearer headers, tokens, codec payloads.
  'req.headers["x-zitadel-orgid"]',
  '*.authorization',
  'authorization',
  '*.accessToken',
  '*.tokenHash',
  '*.token_hash',
  '*.payloads',
  '*.apiKey',
];

/** A logger writing JSON lines to stdout, or to `destination` (tests read it back). */
export function createLogger(
  level: string,
  name = 'flowgate',
  destination?: DestinationStream,
): Logger {
  const options = { name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
