/**
 * Verification codes: uniform over the whole alphabet from a CSPRNG, stored only as a keyed
 * hash (NIST SP 800-63B 5.1.1.2 / OWASP ASVS 5.0 V2: secrets from an approved random source,
 * verifiers keep a keyed hash, compare in constant time).
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A code of `length` characters; randomInt is unbiased, unlike `byte % n`. */
export function generateCode(length: number, alphabet: string = CODE_ALPHABET): string {
  let code = '';
  for (let i = 0; i < length; i += 1) {
    code += alphabet[randomInt(alphabet.length)];
  }
  return code;
}

/** HMAC-SHA-256 of the code, bound to the flow it was issued for. */
export function hashCode(key: Buffer, scope: string, code: string): string {
  return createHmac('sha256', key).update(scope).update('\0').update(code).digest('hex');
}

/**
 * Constant-time comparison of a submitted code with a stored hash. A stored hash that is not
 * one is a broken invariant, not a wrong code: it throws.
 */
export function codeMatches(key: Buffer, scope: string, code: string, storedHash: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(storedHash)) {
    throw new Error('stored code hash is malformed');
  }
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashCode(key, scope, code), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
