/**
 * TOTP as RFC 6238 defines it with the parameters every authenticator app supports: HMAC-SHA-1,
 * 6 digits, 30-second steps from the Unix epoch, one step of skew either way (RFC 6238 5.2).
 * otplib's functional API does the arithmetic; each call gets a fresh options object, so no
 * request shares state with another.
 */
import { randomBytes } from 'node:crypto';
import { ScureBase32Plugin, verify } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** RFC 4226 4 (R6): at least 128 bits of secret, 160 recommended; otplib accepts 16 to 64. */
export const TOTP_SECRET_BYTES = 20;
const MIN_SECRET_BYTES = 16;
const MAX_SECRET_BYTES = 64;
/** One step of skew either way, in seconds as otplib counts it. */
const SKEW_SECONDS = TOTP_PERIOD_SECONDS;

/** A new secret: 20 bytes from the CSPRNG, base32 without padding (32 characters). */
export function newTOTPSecret(): string {
  return new ScureBase32Plugin().encode(randomBytes(TOTP_SECRET_BYTES), { padding: false });
}

/**
 * Normalises an imported base32 secret (upper case, no padding) or returns undefined when it
 * is not canonical base32 of 16 to 64 bytes.
 */
export function normalizeTOTPSecret(text: string): string | undefined {
  const secret = text.toUpperCase().replace(/=+$/, '');
  if (!/^[A-Z2-7]+$/.test(secret)) {
    return undefined;
  }
  // A base32 text of n characters holds floor(5n / 8) bytes; lengths that leave more than
  // four spare bits (1, 3 or 6 characters past a block of 8) are not valid base32.
  const spare = (secret.length * 5) % 8;
  const bytes = Math.floor((secret.length * 5) / 8);
  if (spare > 4 || bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
    return undefined;
  }
  return secret;
}

/** The key URI authenticator apps scan, in the contract's (ZITADEL's) parameter order. */
export function totpURI(issuer: string, account: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = [
    'algorithm=SHA1',
    `digits=${TOTP_DIGITS}`,
    `issuer=${encodeURIComponent(issuer)}`,
    `period=${TOTP_PERIOD_SECONDS}`,
    `secret=${secret}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}

/** The RFC 6238 time step T of an instant. */
export function timeStepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export interface TOTPCheckInput {
  secret: string;
  code: string;
  at: Date;
  /** The last step accepted for this user; that step and every earlier one are refused. */
  lastTimeStep?: number;
}

/** `timeStep`: the step the code belonged to, to be stored as the user's last accepted one. */
export type TOTPCheck = { ok: true; timeStep: number } | { ok: false };

/**
 * Checks a code against the steps around `at`, never accepting a step at or before
 * `lastTimeStep`: a code once used cannot be replayed (unlike RFC 6238's allowance).
 */
export async function checkTOTP(input: TOTPCheckInput): Promise<TOTPCheck> {
  if (!/^\d{6}$/.test(input.code)) {
    return { ok: false };
  }

  const newest = timeStepAt(input.at) + 1;
  if (input.lastTimeStep !== undefined && input.lastTimeStep >= newest) {
    return { ok: false };
  }

  const result = await verify({
    secret: input.secret,
    token: input.code,
    algorithm: 'sha1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(input.at.getTime() / 1000),
    epochTolerance: SKEW_SECONDS,
    afterTimeStep: input.lastTimeStep,
  });
  // The functional API's result also covers HOTP; a TOTP result names its time step.
  return result.valid && 'timeStep' in result
    ? { ok: true, timeStep: result.timeStep }
    : { ok: false };
}
