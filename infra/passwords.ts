/**
 * Password hashing with argon2id at no less than OWASP's recommended parameters
 * (m=19 MiB, t=2, p=1; OWASP Password Storage Cheat Sheet, ASVS 5.0 V11.4). argon2 and bcrypt
 * both run on the libuv pool, off the event loop (the npm scripts size the pool for them).
 */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { verify as bcryptVerify } from '@node-rs/bcrypt';

export interface Argon2Params {
  memoryKiB: number;
  timeCost: number;
  parallelism: number;
}

export function hashPassword(password: string, params: Argon2Params): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: params.memoryKiB,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
  });
}

const ARGON2_HASH = /^\$argon2(id|i)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;
const IMPORTABLE_HASH = [ARGON2_HASH, BCRYPT_HASH];

/** Whether a hash given to AddHumanUser is in a format Flowgate can verify later. */
export function isImportableHash(hash: string): boolean {
  return IMPORTABLE_HASH.some((pattern) => pattern.test(hash));
}

/**
 * `needsRehash`: the stored hash is an imported one (bcrypt, argon2i) or has weaker parameters
 * than configured, so it should be replaced by a fresh argon2id hash now that the password is
 * known (OWASP Password Storage Cheat Sheet, "upgrading legacy hashes").
 */
export type PasswordCheck = { ok: true; needsRehash: boolean } | { ok: false };

const dummyHashes = new Map<string, Promise<string>>();

/**
 * A fixed argon2id hash of a random password with the configured parameters, made once per
 * process: checking against it costs what checking a real password costs, so a wrong
 * password takes as long whether or not the user has one (no timing oracle).
 */
export function dummyHash(params: Argon2Params): Promise<string> {
  const key = `${params.memoryKiB}:${params.timeCost}:${params.parallelism}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword(randomBytes(24).toString('base64'), params);
    dummyHashes.set(key, hash);
  }
  return hash;
}

/**
 * Checks `candidate` against the stored hash, or against the dummy hash when there is none
 * (then always `ok: false`). A stored value in no known format is a broken invariant and
 * throws: it must not look like a wrong password.
 */
export async function verifyPassword(
  stored: string | null | undefined,
  candidate: string,
  params: Argon2Params,
): Promise<PasswordCheck> {
  if (!stored) {
    await argon2.verify(await dummyHash(params), candidate);
    return { ok: false };
  }

  if (ARGON2_HASH.test(stored)) {
    if (!(await argon2.verify(stored, candidate))) {
      return { ok: false };
    }
    const weaker = argon2.needsRehash(stored, {
      memoryCost: params.memoryKiB,
      timeCost: params.timeCost,
      parallelism: params.parallelism,
    });
    return { ok: true, needsRehash: weaker || !stored.startsWith('$argon2id$') };
  }

  if (BCRYPT_HASH.test(stored)) {
    return (await bcryptVerify(candidate, stored))
      ? { ok: true, needsRehash: true }
      : { ok: false };
  }
  throw new Error('stored password hash has an unknown format');
}
