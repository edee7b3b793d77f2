/**
 * Personal access tokens: 256 bits from a CSPRNG, shown once, stored only as an HMAC-SHA-256
 * keyed with the code key (OWASP ASVS 5.0 V2: bearer secrets with enough entropy, verifiers
 * keep a keyed hash). The prefix lets secret scanners recognise a leaked token.
 */
import { randomBytes } from 'node:crypto';
import { hashCode } from './codes';

const PREFIX = 'fgp_';
const HASH_SCOPE = 'access-token';

export function generateAccessToken(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashAccessToken(key: Buffer, token: string): string {
  return hashCode(key, HASH_SCOPE, token);
}

export function looksLikeAccessToken(token: string): boolean {
  return token.startsWith(PREFIX) && token.length === PREFIX.length + 43;
}
