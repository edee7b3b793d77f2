import argon2 from 'argon2';
import bcrypt from 'bcryptjs';
import { dummyHash, isImportableHash, verifyPassword } from '../../infra/passwords';

const OWASP = { memoryKiB: 19456, timeCost: 2, parallelism: 1 };

describe('verifyPassword', () => {
  it('checks a user without a password against a dummy hash of the configured cost', async () => {
    const dummy = await dummyHash(OWASP);
    expect(dummy).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await dummyHash(OWASP)).toBe(dummy);

    const verify = jest.spyOn(argon2, 'verify');
    try {
      expect(await verifyPassword(null, 'anything at all', OWASP)).toEqual({ ok: false });
      expect(verify).toHaveBeenCalledWith(dummy, 'anything at all');
    } finally {
      verify.mockRestore();
    }
  });

  it('accepts the right password of a current argon2id hash, no rehash needed', async () => {
    const hash = await argon2.hash('right one', {
      type: argon2.argon2id,
      memoryCost: OWASP.memoryKiB,
      timeCost: 2,
      parallelism: 1,
    });
    expect(await verifyPassword(hash, 'right one', OWASP)).toEqual({
      ok: true,
      needsRehash: false,
    });
    expect(await verifyPassword(hash, 'wrong one', OWASP)).toEqual({ ok: false });
  });

  it('asks for a rehash of a bcrypt hash or one with weaker parameters', async () => {
    const bcryptHash = await bcrypt.hash('right one', 6);
    expect(await verifyPassword(bcryptHash, 'right one', OWASP)).toEqual({
      ok: true,
      needsRehash: true,
    });
    const weak = await argon2.hash('right one', { type: argon2.argon2id, memoryCost: 8192 });
    expect(await verifyPassword(weak, 'right one', OWASP)).toEqual({ ok: true, needsRehash: true });
  });

  it('throws on a stored value in no known format: not a wrong password', async () => {
    await expect(verifyPassword('$1$abc$def', 'x', OWASP)).rejects.toThrow(/unknown format/);
  });
});

describe('isImportableHash', () => {
  it('accepts PHC argon2id and argon2i and bcrypt $2a$, $2b$, $2y$ only', async () => {
    const bcryptHash = await bcrypt.hash('x', 4);
    for (const prefix of ['$2a$', '$2b$', '$2y$']) {
      expect(isImportableHash(bcryptHash.replace('$2b$', prefix))).toBe(true);
    }
    expect(isImportableHash(bcryptHash.replace('$2b$', '$2x$'))).toBe(false);
    expect(isImportableHash(await argon2.hash('x', { type: argon2.argon2i }))).toBe(true);
    expect(isImportableHash(await argon2.hash('x', { type: argon2.argon2d }))).toBe(false);
  });
});
