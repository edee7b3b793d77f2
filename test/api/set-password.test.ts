import argon2 from 'argon2';
import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { argon2i, argon2id } from 'hash-wasm';
import { eventTypes } from '../support/db-probes';
import { createUser, errorId, storedPassword } from '../support/passwords';
import { useStack } from '../support/stack';

const ctx = useStack();

const CURRENT = 'my current passphrase';
const NEXT = 'my next passphrase';

const setPassword = (userId: string, body: Record<string, unknown>) =>
  ctx.api.post(`/v2/users/${userId}/password`, body);

const change = (userId: string, current: string, next = NEXT) =>
  setPassword(userId, { newPassword: { password: next }, currentPassword: current });

async function expectArgon2idOf(userId: string, password: string): Promise<void> {
  const stored = await storedPassword(ctx.stack.db, userId);
  expect(stored!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(await argon2.verify(stored!.password_hash!, password)).toBe(true);
}

describe('changing a password with the current one', () => {
  it('sets the new password and records the change', async () => {
    const { userId } = await createUser(ctx.api, { password: { password: CURRENT } });
    const changed = await setPassword(userId, {
      newPassword: { password: NEXT, changeRequired: true },
      currentPassword: CURRENT,
    });

    expect(changed.status).toBe(200);
    expect(changed.body.details.sequence).toMatch(/^\d+$/);
    await expectArgon2idOf(userId, NEXT);
    expect((await storedPassword(ctx.stack.db, userId))!.password_change_required).toBe(true);
    expect(await eventTypes(ctx.stack.db, userId)).toContain('user.human.password.changed');
  });

  it('rejects a wrong current password as Password.Invalid and keeps the old one', async () => {
    const { userId } = await createUser(ctx.api, { password: { password: CURRENT } });
    const rejected = await change(userId, 'not my passphrase');

    expect(rejected.status).toBe(400);
    expect(rejected.body.code).toBe(3);
    expect(errorId(rejected.body)).toBe('Errors.User.Password.Invalid');
    await expectArgon2idOf(userId, CURRENT);
  });

  it('rejects any current password of a user who has none as Password.Invalid', async () => {
    const { userId } = await createUser(ctx.api);
    const rejected = await change(userId, 'whatever it may be');
    expect(rejected.status).toBe(400);
    expect(errorId(rejected.body)).toBe('Errors.User.Password.Invalid');
    expect((await storedPassword(ctx.stack.db, userId))!.password_hash).toBeNull();
  });

  it('rejects the current password as the new one with Password.NotChanged', async () => {
    const { userId } = await createUser(ctx.api, { password: { password: CURRENT } });
    const rejected = await change(userId, CURRENT, CURRENT);
    expect(rejected.status).toBe(400);
    expect(rejected.body.code).toBe(9);
    expect(errorId(rejected.body)).toBe('Errors.User.Password.NotChanged');
  });

  it('ends a pending reset, so its code cannot set another password', async () => {
    const { userId } = await createUser(ctx.api, { password: { password: CURRENT } });
    const reset = await ctx.api.post(`/v2/users/${userId}/password_reset`, { returnCode: {} });
    expect((await change(userId, CURRENT)).status).toBe(200);

    const late = await setPassword(userId, {
      newPassword: { password: 'a third passphrase' },
      verificationCode: reset.body.verificationCode,
    });
    expect(late.status).toBe(400);
    expect(errorId(late.body)).toBe('Errors.User.Code.NotFound');
    await expectArgon2idOf(userId, NEXT);
  });

  it('answers Password.NotFound for an unknown user', async () => {
    const response = await change('no-such-user', CURRENT);
    expect(response.status).toBe(400);
    expect(errorId(response.body)).toBe('Errors.User.Password.NotFound');
  });
});

describe('setting a password as an administrator', () => {
  it('needs neither the current password nor a code', async () => {
    const { userId } = await createUser(ctx.api, { password: { password: CURRENT } });
    const set = await setPassword(userId, { newPassword: { password: NEXT } });
    expect(set.status).toBe(200);
    await expectArgon2idOf(userId, NEXT);
  });

  it('sets a first password for a user who has none', async () => {
    const { userId } = await createUser(ctx.api);
    expect((await setPassword(userId, { newPassword: { password: NEXT } })).status).toBe(200);
    await expectArgon2idOf(userId, NEXT);
  });

  it('still rejects the current password as the new one', async () => {
    const { userId } = await createUser(ctx.api, { password: { password: CURRENT } });
    const rejected = await setPassword(userId, { newPassword: { password: CURRENT } });
    expect(errorId(rejected.body)).toBe('Errors.User.Password.NotChanged');
  });

  it('rejects a request without the new password', async () => {
    const { userId } = await createUser(ctx.api);
    const rejected = await setPassword(userId, { currentPassword: CURRENT });
    expect(rejected.status).toBe(400);
    expect(rejected.body.message).toBe('invalid SetPasswordRequest.NewPassword: value is required');
  });

  it('rejects currentPassword and verificationCode together', async () => {
    const { userId } = await createUser(ctx.api);
    const rejected = await setPassword(userId, {
      newPassword: { password: NEXT },
      currentPassword: CURRENT,
      verificationCode: 'ABCDEF',
    });
    expect(rejected.status).toBe(400);
    expect(rejected.body.code).toBe(3);
  });
});

/** Hashes made by tools independent of Flowgate's own verifiers. */
const salt = () => randomBytes(16);
const IMPORTED: [string, (password: string) => Promise<string>][] = [
  ['bcrypt $2b$ (bcryptjs)', async (p) => bcrypt.hash(p, 8)],
  ['bcrypt $2a$ (bcryptjs)', async (p) => (await bcrypt.hash(p, 8)).replace(/^\$2b\$/, '$2a$')],
  ['bcrypt $2y$ (bcryptjs)', async (p) => (await bcrypt.hash(p, 8)).replace(/^\$2b\$/, '$2y$')],
  [
    'argon2id with weaker parameters (hash-wasm)',
    (p) =>
      argon2id({
        password: p,
        salt: salt(),
        parallelism: 1,
        iterations: 1,
        memorySize: 4096,
        hashLength: 32,
        outputType: 'encoded',
      }),
  ],
  [
    'argon2i (hash-wasm)',
    (p) =>
      argon2i({
        password: p,
        salt: salt(),
        parallelism: 1,
        iterations: 3,
        memorySize: 8192,
        hashLength: 32,
        outputType: 'encoded',
      }),
  ],
];

describe('imported password hashes', () => {
  it.each(IMPORTED)('accepts %s, checks it, and replaces it by argon2id', async (_, make) => {
    const hash = await make(CURRENT);
    const { userId } = await createUser(ctx.api, { hashedPassword: { hash } });
    expect((await storedPassword(ctx.stack.db, userId))!.password_hash).toBe(hash);

    expect(errorId((await change(userId, 'not the imported one')).body)).toBe(
      'Errors.User.Password.Invalid',
    );
    expect((await change(userId, CURRENT)).status).toBe(200);
    await expectArgon2idOf(userId, NEXT);
  });

  it('upgrades an imported hash on a successful check that changes nothing', async () => {
    const hash = await bcrypt.hash(CURRENT, 8);
    const { userId } = await createUser(ctx.api, { hashedPassword: { hash } });

    const unchanged = await change(userId, CURRENT, CURRENT);
    expect(errorId(unchanged.body)).toBe('Errors.User.Password.NotChanged');
    await expectArgon2idOf(userId, CURRENT);
    expect(await eventTypes(ctx.stack.db, userId)).toContain('user.human.password.hash.updated');
  });

  it.each([
    ['a plain SHA-256 hex digest', 'a'.repeat(64)],
    [
      'scrypt',
      '$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD',
    ],
    ['md5-crypt', '$1$saltsalt$2vnaRpHa6Jxjz5n83ok8Z0'],
  ])('rejects %s as Password.NotSupported', async (_, hash) => {
    const created = await ctx.api.post('/v2/users/human', {
      profile: { givenName: 'Ada', familyName: 'Lovelace' },
      email: { email: `ada-${randomBytes(5).toString('hex')}@example.com`, isVerified: true },
      hashedPassword: { hash },
    });
    expect(created.status).toBe(400);
    expect(errorId(created.body)).toBe('Errors.User.Password.NotSupported');
  });
});
