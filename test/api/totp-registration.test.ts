import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { totpRegistrationWorkflowId } from '../../common/flows';
import { totpStatusQuery } from '../../common/totp-messages';
import { AesGcmPayloadCodec } from '../../infra/payload-codec';
import { SecretBox } from '../../infra/secret-box';
import { acceptTOTPTimeStep } from '../../store/totp-store';
import { queryOne } from '../../store/sql';
import { dumpAllTables, eventTypes } from '../support/db-probes';
import { newHumanUser } from '../support/fixtures';
import { awayFromStepEdge, base32Decode, codeNear, stepAt, totpAtStep } from '../support/rfc6238';
import { useStack } from '../support/stack';

const ctx = useStack({ env: { FLOWGATE_TOTP_ISSUER: 'Flowgate Test' } });

async function newUser(extra = {}): Promise<string> {
  const created = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }, extra));
  expect(created.status).toBe(200);
  return created.body.userId;
}

async function register(userId: string) {
  const registered = await ctx.api.post(`/v2/users/${userId}/totp`, {});
  expect(registered.status).toBe(200);
  return registered.body as { uri: string; secret: string; details: { sequence: string } };
}

const verify = (userId: string, code: string) =>
  ctx.api.post(`/v2/users/${userId}/totp/verify`, { code });

function credentialRow(userId: string) {
  return queryOne<{ sealed_secret: string; last_time_step: string | null; imported: boolean }>(
    ctx.stack.db,
    'SELECT sealed_secret, last_time_step, imported FROM totp_credentials WHERE user_id = $1',
    [userId],
  );
}

/** Every payload of a history, decoded with the stack's payload keys. */
async function decodedPayloads(history: temporal.api.history.v1.IHistory): Promise<string> {
  const found: Payload[] = [];
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) {
      return;
    }
    const record = value as Record<string, unknown>;
    if (record.metadata && record.data instanceof Uint8Array) {
      found.push(record as Payload);
      return;
    }
    Object.values(record).forEach(walk);
  };
  walk(history);
  const decoded = await new AesGcmPayloadCodec(ctx.stack.config.payloadKeys).decode(found);
  return decoded.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');
}

describe('RegisterTOTP', () => {
  it('returns a 20-byte base32 secret and its otpauth URI', async () => {
    const userId = await newUser();
    const { uri, secret, details } = await register(userId);

    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(details.sequence).toMatch(/^\d+$/);
    const username = (await queryOne<{ username: string }>(
      ctx.stack.db,
      'SELECT username FROM users WHERE id = $1',
      [userId],
    ))!.username;
    expect(uri).toBe(
      `otpauth://totp/Flowgate%20Test:${username}?algorithm=SHA1&digits=6` +
        `&issuer=Flowgate%20Test&period=30&secret=${secret}`,
    );
  });

  it('answers 404 for an unknown user', async () => {
    const registered = await ctx.api.post('/v2/users/no-such-user/totp', {});
    expect(registered.status).toBe(404);
    expect(registered.body.details[0].id).toBe('Errors.User.NotFound');
  });

  it('replaces the pending secret: the old one no longer verifies, the new one does', async () => {
    const userId = await newUser();
    const first = await register(userId);
    const second = await register(userId);
    expect(second.secret).not.toBe(first.secret);

    const handle = ctx.stack.temporal.workflow.getHandle(totpRegistrationWorkflowId(userId));
    const status = await handle.query(totpStatusQuery);
    expect(status).toMatchObject({ state: 'pending', generation: 2, attempts: 0 });
    expect(status).not.toHaveProperty('secret');

    await awayFromStepEdge();
    const old = await verify(userId, codeNear(first.secret));
    expect(old.status).toBe(400);
    expect(old.body.details[0].id).toBe('Errors.User.MFA.OTP.InvalidCode');
    expect((await verify(userId, codeNear(second.secret))).status).toBe(200);
  });

  it('answers 409 when the user already has a verified TOTP', async () => {
    const userId = await newUser();
    const { secret } = await register(userId);
    await awayFromStepEdge();
    expect((await verify(userId, codeNear(secret))).status).toBe(200);

    const again = await ctx.api.post(`/v2/users/${userId}/totp`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(6);
    expect(again.body.details[0].id).toBe('Errors.User.MFA.OTP.AlreadyReady');
  });
});

describe('VerifyTOTPRegistration', () => {
  it('stores the credential, sealed, with the accepted time step', async () => {
    const userId = await newUser();
    const { secret, details } = await register(userId);
    await awayFromStepEdge();
    const step = stepAt(Date.now() / 1000);

    const verified = await verify(userId, totpAtStep(base32Decode(secret), step));
    expect(verified.status).toBe(200);
    expect(Number(verified.body.details.sequence)).toBeGreaterThan(Number(details.sequence));

    const row = (await credentialRow(userId))!;
    expect(row.sealed_secret).toMatch(/^v1:test1:/);
    expect(row.sealed_secret).not.toContain(secret);
    const box = new SecretBox(ctx.stack.config.secretKeys);
    expect(box.open(row.sealed_secret, `totp:${userId}`)).toBe(secret);
    expect(Number(row.last_time_step)).toBe(step);
    expect(row.imported).toBe(false);
    expect(await eventTypes(ctx.stack.db, userId)).toEqual(
      expect.arrayContaining(['user.human.mfa.otp.added', 'user.human.mfa.otp.verified']),
    );
    const methods = await ctx.api.get(`/v2/users/${userId}/authentication_methods`);
    expect(methods.body.authMethodTypes).toContain('AUTHENTICATION_METHOD_TYPE_TOTP');

    const handle = ctx.stack.temporal.workflow.getHandle(totpRegistrationWorkflowId(userId));
    expect(await handle.result()).toEqual({ state: 'verified' });
  });

  it.each([-1, 1])('accepts a code %i step away', async (offset) => {
    const userId = await newUser();
    const { secret } = await register(userId);
    await awayFromStepEdge();
    expect((await verify(userId, codeNear(secret, offset))).status).toBe(200);
  });

  it.each([-2, 2])('refuses a code %i steps away', async (offset) => {
    const userId = await newUser();
    const { secret } = await register(userId);
    await awayFromStepEdge();
    const refused = await verify(userId, codeNear(secret, offset));
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe(3);
    expect(refused.body.details[0].id).toBe('Errors.User.MFA.OTP.InvalidCode');
    expect(await credentialRow(userId)).toBeUndefined();
  });

  it('refuses the accepted code a second time', async () => {
    const userId = await newUser();
    const { secret } = await register(userId);
    await awayFromStepEdge();
    const code = codeNear(secret);
    expect((await verify(userId, code)).status).toBe(200);

    const replayed = await verify(userId, code);
    expect(replayed.status).toBe(400);
    expect(replayed.body.details[0].id).toBe('Errors.Users.MFA.OTP.AlreadyReady');
  });

  it('ends the registration after five wrong codes', async () => {
    const userId = await newUser();
    const { secret } = await register(userId);
    await awayFromStepEdge();
    const right = codeNear(secret);
    const wrong = right === '000000' ? '000001' : '000000';

    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const refused = await verify(userId, wrong);
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].id).toBe('Errors.User.MFA.OTP.InvalidCode');
    }
    const handle = ctx.stack.temporal.workflow.getHandle(totpRegistrationWorkflowId(userId));
    expect(await handle.result()).toEqual({ state: 'locked' });

    const late = await verify(userId, right);
    expect(late.status).toBe(404);
    expect(late.body.details[0].id).toBe('Errors.User.MFA.OTP.NotExisting');
    const row = await queryOne<{ state: string; sealed_secret: string | null; attempts: number }>(
      ctx.stack.db,
      'SELECT state, sealed_secret, attempts FROM totp_registrations WHERE user_id = $1',
      [userId],
    );
    expect(row).toEqual({ state: 'locked', sealed_secret: null, attempts: 5 });
  });

  it('answers 404 without a pending registration', async () => {
    const userId = await newUser();
    const missing = await verify(userId, '123456');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(5);
    expect(missing.body.details[0].id).toBe('Errors.User.MFA.OTP.NotExisting');
  });

  it('rejects a missing or overlong code with a 400', async () => {
    const userId = await newUser();
    const empty = await ctx.api.post(`/v2/users/${userId}/totp/verify`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('VerifyTOTPRegistrationRequest.Code');
    const long = await verify(userId, '1'.repeat(201));
    expect(long.status).toBe(400);
  });
});

describe('where the TOTP secret may not appear', () => {
  it('is absent from the decoded workflow history and from every database table', async () => {
    const userId = await newUser();
    const { secret } = await register(userId);
    await awayFromStepEdge();
    expect((await verify(userId, codeNear(secret))).status).toBe(200);

    const handle = ctx.stack.temporal.workflow.getHandle(totpRegistrationWorkflowId(userId));
    await handle.result();
    const history = await handle.fetchHistory();
    const raw = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    expect(raw.includes(Buffer.from(secret))).toBe(false);

    const decoded = await decodedPayloads(history);
    expect(decoded).toContain(userId);
    expect(decoded).toContain('sealedSecret');
    expect(decoded).not.toContain(secret);
    expect(decoded).not.toContain(secret.toLowerCase());

    const everything = await dumpAllTables(ctx.stack.db);
    expect(everything).toContain(userId);
    expect(everything).not.toContain(secret);
  });
});

describe('AddHumanUser with totpSecret', () => {
  const imported = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('imports a verified TOTP, so RegisterTOTP answers 409', async () => {
    const userId = await newUser({ totpSecret: imported.toLowerCase() });
    const row = (await credentialRow(userId))!;
    expect(row.imported).toBe(true);
    expect(row.last_time_step).toBeNull();
    expect(row.sealed_secret).not.toContain(imported);
    const box = new SecretBox(ctx.stack.config.secretKeys);
    expect(box.open(row.sealed_secret, `totp:${userId}`)).toBe(imported);

    const again = await ctx.api.post(`/v2/users/${userId}/totp`, {});
    expect(again.status).toBe(409);
  });

  it('refuses a secret that is not base32 of 16 to 64 bytes, creating no user', async () => {
    const body = newHumanUser({ isVerified: true }, { totpSecret: 'JBSWY3DPEHPK3PXP' });
    const refused = await ctx.api.post('/v2/users/human', body);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('AddHumanUserRequest.TotpSecret');
    const user = await queryOne(ctx.stack.db, 'SELECT id FROM users WHERE username = $1', [
      body.username,
    ]);
    expect(user).toBeUndefined();
  });
});

describe('the last accepted time step', () => {
  it('moves only forward: a step is accepted once, an earlier one never', async () => {
    const userId = await newUser({ totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' });
    const { db } = ctx.stack;
    const now = new Date();

    expect(await acceptTOTPTimeStep(db, userId, 1000, now)).toBe(true);
    expect(await acceptTOTPTimeStep(db, userId, 1000, now)).toBe(false);
    expect(await acceptTOTPTimeStep(db, userId, 999, now)).toBe(false);
    expect(await acceptTOTPTimeStep(db, userId, 1001, now)).toBe(true);

    const twice = await Promise.all([
      acceptTOTPTimeStep(db, userId, 1002, now),
      acceptTOTPTimeStep(db, userId, 1002, now),
    ]);
    expect(twice.filter(Boolean)).toHaveLength(1);
    expect(Number((await credentialRow(userId))!.last_time_step)).toBe(1002);
  });
});
