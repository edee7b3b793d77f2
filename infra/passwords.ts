/**
 * Password hashing with argon2id at no less than OWASP's recommended parameters
 * (m=19 MiB, t=2, p=1; OWASP Password Storage Cheat Sheet, ASVS 5.0 V11.4). argon2 runs on the
 * libuv pool, off the event loop.
 */
import argon2 from 'argon2';

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

const IMPORTABLE_HASH = [
  /^\$argon2(id|i)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/,
  /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/,
];

/** Whether a hash given to AddHumanUser is in a format Flowgate can verify later. */
export function isImportableHash(hash: string): boolean {
  return IMPORTABLE_HASH.some((pattern) => pattern.test(hash));
}
