import argon2 from 'argon2';
import { verificationWorkflowId } from '../../common/flows';
import { eventTypes, latestFlowState } from '../support/db-probes';
import { eventually } from '../support/fixtures';
import { createUser, errorId, storedPassword } from '../support/passwords';
import { call } from '../support/http';
import { useStack } from '../support/stack';

const ctx = useStack();

const OLD_PASSWORD = 'an old passphrase of mine';
const NEW_PASSWORD = 'a brand new passphrase';

const reset = (userId: string, body: unknown) =>
  ctx.api.post(`/v2/users/${userId}/password_reset`, body);

const setWithCode = (userId: string, code: string, password = NEW_PASSWORD) =>
  ctx.api.post(`/v2/users/${userId}/password`, {
    newPassword: { password, changeRequired: true },
    verificationCode: code,
  });

/** A code of the same shape that is certainly not `code`. */
const wrong = (code: string) => (code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA');

async function returnedCode(userId: string): Promise<string> {
  const requested = await reset(userId, { returnCode: {} });
  expect(requested.status).toBe(200);
  expect(requested.body.verificationCode).toMatch(/^[A-Z0-9]{6}$/);
  return requested.body.verificationCode;
}

async function mailTo(email: string) {
  return eventually(async () => {
    const outbox = await ctx.api.get(`/dev/outbox?recipient=${email}`);
    return outbox.body.messages[0] as { subject: string; text: string } | undefined;
  });
}

describe('a password reset by returned code', () => {
  it('sets the new password with the code, stores changeRequired, and ends the flow', async () => {
    const { userId } = await createUser(ctx.api, { password: { password: OLD_PASSWORD } });
    const code = await returnedCode(userId);

    const set = await setWithCode(userId, code);
    expect(set.status).toBe(200);
    expect(set.body.details.sequence).toMatch(/^\d+$/);

    const stored = await storedPassword(ctx.stack.db, userId);
    expect(stored!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2.verify(stored!.password_hash!, NEW_PASSWORD)).toBe(true);
    expect(stored!.password_change_required).toBe(true);
    expect(await latestFlowState(ctx.stack.db, userId)).toBe('verified');
    expect(await eventTypes(ctx.stack.db, userId)).toEqual(
      expect.arrayContaining(['user.human.password.code.added', 'user.human.password.changed']),
    );
  });

  it('rejects a consumed code as Code.NotFound', async () => {
    const { userId } = await createUser(ctx.api);
    const code = await returnedCode(userId);
    expect((await setWithCode(userId, code)).status).toBe(200);

    const again = await setWithCode(userId, code, 'yet another passphrase');
    expect(again.status).toBe(400);
    expect(again.body.code).toBe(9);
    expect(errorId(again.body)).toBe('Errors.User.Code.NotFound');
    const stored = await storedPassword(ctx.stack.db, userId);
    expect(await argon2.verify(stored!.password_hash!, NEW_PASSWORD)).toBe(true);
  });

  it('answers Code.NotFound when no reset was requested', async () => {
    const { userId } = await createUser(ctx.api);
    const response = await setWithCode(userId, 'ABCDEF');
    expect(response.status).toBe(400);
    expect(errorId(response.body)).toBe('Errors.User.Code.NotFound');
  });

  it('counts wrong codes and locks the reset after the fifth', async () => {
    const { userId } = await createUser(ctx.api, { password: { password: OLD_PASSWORD } });
    const code = await returnedCode(userId);

    for (let i = 0; i < 4; i += 1) {
      const rejected = await setWithCode(userId, wrong(code));
      expect(rejected.status).toBe(400);
      expect(rejected.body.code).toBe(3);
      expect(errorId(rejected.body)).toBe('Errors.User.Code.Invalid');
    }
    const fifth = await setWithCode(userId, wrong(code));
    expect(errorId(fifth.body)).toBe('Errors.User.Code.Invalid');

    const right = await setWithCode(userId, code);
    expect(right.status).toBe(400);
    expect(errorId(right.body)).toBe('Errors.User.Code.Invalid');
    expect(await latestFlowState(ctx.stack.db, userId)).toBe('locked');
    const stored = await storedPassword(ctx.stack.db, userId);
    expect(await argon2.verify(stored!.password_hash!, OLD_PASSWORD)).toBe(true);
  });

  it('replaces the code of a pending reset with a new request', async () => {
    const { userId } = await createUser(ctx.api);
    const first = await returnedCode(userId);
    const second = await returnedCode(userId);

    if (first !== second) {
      const old = await setWithCode(userId, first);
      expect(errorId(old.body)).toBe('Errors.User.Code.Invalid');
    }
    expect((await setWithCode(userId, second)).status).toBe(200);
  });

  it('keeps the code alive when the new password breaks the policy or is unchanged', async () => {
    const { userId } = await createUser(ctx.api, { password: { password: OLD_PASSWORD } });
    const code = await returnedCode(userId);

    const common = await setWithCode(userId, code, 'password123');
    expect(errorId(common.body)).toBe('Errors.User.PasswordComplexityPolicy.Common');
    const unchanged = await setWithCode(userId, code, OLD_PASSWORD);
    expect(unchanged.status).toBe(400);
    expect(errorId(unchanged.body)).toBe('Errors.User.Password.NotChanged');

    expect((await setWithCode(userId, code)).status).toBe(200);
  });

  it('tells a caller with a wrong code nothing about the current password', async () => {
    const { userId } = await createUser(ctx.api, { password: { password: OLD_PASSWORD } });
    const code = await returnedCode(userId);

    const probe = await setWithCode(userId, wrong(code), OLD_PASSWORD);
    expect(errorId(probe.body)).toBe('Errors.User.Code.Invalid');
  });

  it('lets a code set the password of a user who has none', async () => {
    const { userId } = await createUser(ctx.api);
    const code = await returnedCode(userId);
    expect((await setWithCode(userId, code)).status).toBe(200);
    const stored = await storedPassword(ctx.stack.db, userId);
    expect(await argon2.verify(stored!.password_hash!, NEW_PASSWORD)).toBe(true);
  });
});

describe('a password reset by email', () => {
  it('mails a link rendered from the url template, whose code sets the password', async () => {
    const { userId, email, orgId } = await createUser(ctx.api);
    const urlTemplate =
      'https://app.example.com/reset?user={{.UserID}}&code={{.Code}}&org={{.OrgID}}';

    const requested = await reset(userId, {
      sendLink: { notificationType: 'NOTIFICATION_TYPE_Email', urlTemplate },
    });
    expect(requested.status).toBe(200);
    expect(requested.body).not.toHaveProperty('verificationCode');

    const mail = await mailTo(email);
    expect(mail.subject).toBe('Reset your password');
    const link = /https:\/\/app\.example\.com\/reset\?\S+/.exec(mail.text)![0];
    const url = new URL(link);
    expect(url.searchParams.get('user')).toBe(userId);
    expect(url.searchParams.get('org')).toBe(orgId);
    const code = url.searchParams.get('code')!;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    expect((await setWithCode(userId, code)).status).toBe(200);
  });

  it('mails the default link when the body is empty', async () => {
    const { userId, email } = await createUser(ctx.api);
    expect((await reset(userId, {})).status).toBe(200);

    const mail = await mailTo(email);
    const link = /http\S+\/ui\/login\/password\/init\?\S+/.exec(mail.text)![0];
    const code = new URL(link).searchParams.get('code')!;
    expect(new URL(link).searchParams.get('userID')).toBe(userId);
    expect((await setWithCode(userId, code)).status).toBe(200);
  });

  it('rejects an unknown template field before anything is sent', async () => {
    const { userId, email } = await createUser(ctx.api);
    const response = await reset(userId, { sendLink: { urlTemplate: 'https://x/{{.Foo}}' } });
    expect(response.status).toBe(400);
    expect(errorId(response.body)).toBe('Errors.User.InvalidURLTemplate');
    const outbox = await ctx.api.get(`/dev/outbox?recipient=${email}`);
    expect(outbox.body.messages).toHaveLength(0);
  });
});

describe('PasswordReset input', () => {
  it('needs the administrator token on both routes', async () => {
    const { userId } = await createUser(ctx.api);
    for (const path of ['password_reset', 'password']) {
      const anonymous = await call(ctx.stack.url, 'POST', `/v2/users/${userId}/${path}`, {});
      expect(anonymous.status).toBe(401);
    }
    const get = await ctx.api.get(`/v2/users/${userId}/password`);
    expect(get.status).toBe(405);
  });

  it('answers 404 User.NotFound for an unknown user', async () => {
    const response = await reset('no-such-user', { returnCode: {} });
    expect(response.status).toBe(404);
    expect(errorId(response.body)).toBe('Errors.User.NotFound');
  });

  it('rejects sendLink and returnCode together', async () => {
    const { userId } = await createUser(ctx.api);
    const response = await reset(userId, { sendLink: {}, returnCode: {} });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(3);
  });

  it('runs the reset as its own flow, apart from the email verification', async () => {
    const { userId } = await createUser(ctx.api);
    await returnedCode(userId);
    const handle = ctx.stack.temporal.workflow.getHandle(
      verificationWorkflowId('password-reset', userId),
    );
    const described = await handle.describe();
    expect(described.workflowId).toBe(`password-reset:${userId}`);
    expect(described.searchAttributes.FlowKind).toEqual(['password-reset']);
  });
});
