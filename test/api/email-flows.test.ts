import { verificationWorkflowId } from '../../common/flows';
import { eventTypes, latestFlowState, userRow } from '../support/db-probes';
import { eventually, newHumanUser } from '../support/fixtures';
import { useStack } from '../support/stack';

const ctx = useStack();

async function createWithCode(): Promise<{ userId: string; code: string; email: string }> {
  const body = newHumanUser({ returnCode: {} });
  const created = await ctx.api.post('/v2/users/human', body);
  expect(created.status).toBe(200);
  return { userId: created.body.userId, code: created.body.emailCode, email: body.email.email };
}

const verify = (userId: string, code: string) =>
  ctx.api.post(`/v2/users/${userId}/email/verify`, { verificationCode: code });

/** A code of the same shape that is certainly not `code`. */
const wrong = (code: string) => (code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA');

const errorId = (body: Record<string, any>) => body.details?.[0]?.id;

describe('creating users with each email option', () => {
  it('sends a code by default and keeps it out of the response', async () => {
    const body = newHumanUser({});
    const created = await ctx.api.post('/v2/users/human', body);

    expect(created.status).toBe(200);
    expect(created.body).not.toHaveProperty('emailCode');
    const mail = await eventually(async () => {
      const outbox = await ctx.api.get(`/dev/outbox?recipient=${body.email.email}`);
      return outbox.body.messages[0];
    });
    expect(mail.subject).toBe('Verify your email address');
    expect(mail.text).toMatch(/code is [A-Z0-9]{6}/);
  });

  it('marks the email verified at once with isVerified true, and starts no flow', async () => {
    const created = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }));

    expect(created.status).toBe(200);
    expect(created.body).not.toHaveProperty('emailCode');
    expect((await userRow(ctx.stack.db, created.body.userId))?.email_verified).toBe(true);
    const pending = await verify(created.body.userId, 'ABCDEF');
    expect(pending.status).toBe(404);
  });

  it('sends nothing with isVerified false and leaves the email unverified', async () => {
    const body = newHumanUser({ isVerified: false });
    const created = await ctx.api.post('/v2/users/human', body);

    expect(created.status).toBe(200);
    expect((await userRow(ctx.stack.db, created.body.userId))?.email_verified).toBe(false);
    expect(await latestFlowState(ctx.stack.db, created.body.userId)).toBeUndefined();
    const outbox = await ctx.api.get(`/dev/outbox?recipient=${body.email.email}`);
    expect(outbox.body.messages).toHaveLength(0);
  });
});

describe('verifying an email', () => {
  it('rejects a wrong code and still accepts the right one', async () => {
    const { userId, code } = await createWithCode();

    const rejected = await verify(userId, wrong(code));
    expect(rejected.status).toBe(400);
    expect(rejected.body.code).toBe(3);
    expect(errorId(rejected.body)).toBe('Errors.User.Code.Invalid');

    const accepted = await verify(userId, code);
    expect(accepted.status).toBe(200);
    expect((await userRow(ctx.stack.db, userId))?.email_verified).toBe(true);
  });

  it('locks the flow after 5 wrong codes, after which the right code fails', async () => {
    const { userId, code } = await createWithCode();

    for (let i = 0; i < 5; i += 1) {
      const rejected = await verify(userId, wrong(code));
      expect(rejected.status).toBe(400);
      expect(errorId(rejected.body)).toBe('Errors.User.Code.Invalid');
    }

    const late = await verify(userId, code);
    expect(late.status).toBe(400);
    expect(errorId(late.body)).toBe('Errors.User.Code.Invalid');
    expect(
      await eventually(async () => {
        const state = await latestFlowState(ctx.stack.db, userId);
        return state === 'locked' ? state : undefined;
      }),
    ).toBe('locked');
    expect((await userRow(ctx.stack.db, userId))?.email_verified).toBe(false);

    // A new address starts a fresh flow, even while the locked one is still closing.
    const changed = await ctx.api.post(`/v2/users/${userId}/email`, {
      email: `after-lock-${userId}@example.com`,
      returnCode: {},
    });
    expect(changed.status).toBe(200);
    expect((await verify(userId, changed.body.verificationCode)).status).toBe(200);
  });

  it('verifies exactly once: a second verify finds no pending flow', async () => {
    const { userId, code } = await createWithCode();

    expect((await verify(userId, code)).status).toBe(200);
    const again = await verify(userId, code);

    expect(again.status).toBe(404);
    expect(again.body.code).toBe(5);
    const verifiedEvents = (await eventTypes(ctx.stack.db, userId)).filter(
      (t) => t === 'user.human.email.verified',
    );
    expect(verifiedEvents).toHaveLength(1);
  });

  it('answers 404 when no verification was ever started', async () => {
    const created = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: false }));
    const response = await verify(created.body.userId, 'ABC123');

    expect(response.status).toBe(404);
    expect(errorId(response.body)).toBe('Errors.User.Verification.NotFound');
  });
});

describe('changing the email', () => {
  it('replaces the pending code: the old one dies, the new one verifies', async () => {
    const { userId, code: oldCode } = await createWithCode();

    const changed = await ctx.api.post(`/v2/users/${userId}/email`, {
      email: `changed-${userId}@example.com`,
      returnCode: {},
    });
    expect(changed.status).toBe(200);
    expect(changed.body.verificationCode).toMatch(/^[A-Z0-9]{6}$/);

    if (changed.body.verificationCode !== oldCode) {
      const stale = await verify(userId, oldCode);
      expect(stale.status).toBe(400);
      expect(errorId(stale.body)).toBe('Errors.User.Code.Invalid');
    }
    const fresh = await verify(userId, changed.body.verificationCode);
    expect(fresh.status).toBe(200);
    const row = await userRow(ctx.stack.db, userId);
    expect(row).toMatchObject({ email: `changed-${userId}@example.com`, email_verified: true });
  });

  it('renders the url template into the mail with user, code and organization', async () => {
    const { userId } = await createWithCode();
    const email = `templated-${userId}@example.com`;

    const changed = await ctx.api.post(`/v2/users/${userId}/email`, {
      email,
      sendCode: {
        urlTemplate: 'https://app.example/verify?u={{.UserID}}&c={{.Code}}&o={{ .OrgID }}',
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).not.toHaveProperty('verificationCode');

    const mail = await eventually(async () => {
      const outbox = await ctx.api.get(`/dev/outbox?recipient=${email}`);
      return outbox.body.messages[0];
    });
    const link = /https:\/\/app\.example\/verify\?u=(\S+)&c=([A-Z0-9]{6})&o=(\d+)/.exec(mail.text);
    expect(link?.[1]).toBe(userId);
    expect(link?.[3]).toBe(changed.body.details.resourceOwner);
    expect((await verify(userId, link![2])).status).toBe(200);
  });

  it('sets a verified address directly and cancels the pending flow', async () => {
    const { userId, code } = await createWithCode();

    const changed = await ctx.api.post(`/v2/users/${userId}/email`, {
      email: `direct-${userId}@example.com`,
      isVerified: true,
    });
    expect(changed.status).toBe(200);
    expect((await userRow(ctx.stack.db, userId))?.email_verified).toBe(true);

    await eventually(async () =>
      (await latestFlowState(ctx.stack.db, userId)) === 'cancelled' ? true : undefined,
    );
    expect((await verify(userId, code)).status).toBe(404);
  });

  it('refuses the same address once it is verified', async () => {
    const body = newHumanUser({ isVerified: true });
    const created = await ctx.api.post('/v2/users/human', body);

    const again = await ctx.api.post(`/v2/users/${created.body.userId}/email`, {
      email: body.email.email,
    });
    expect(again.status).toBe(400);
    expect(errorId(again.body)).toBe('Errors.User.Email.NotChanged');
  });
});

describe('what operators see', () => {
  it('tags each flow with UserId, FlowKind and FlowState search attributes', async () => {
    const { userId, code } = await createWithCode();
    const handle = ctx.stack.temporal.workflow.getHandle(
      verificationWorkflowId('email-verification', userId),
    );

    const pending = await handle.describe();
    expect(pending.searchAttributes).toMatchObject({
      UserId: [userId],
      FlowKind: ['email-verification'],
      FlowState: ['pending'],
    });

    expect((await verify(userId, code)).status).toBe(200);
    await handle.result();
    const done = await handle.describe();
    expect(done.searchAttributes.FlowState).toEqual(['verified']);
  });

  it('lists the dev outbox newest first, for administrators only', async () => {
    const body = newHumanUser({});
    const created = await ctx.api.post('/v2/users/human', body);
    await ctx.api.post(`/v2/users/${created.body.userId}/email`, { email: body.email.email });

    const outbox = await eventually(async () => {
      const listed = await ctx.api.get(`/dev/outbox?recipient=${body.email.email}`);
      return listed.body.messages.length === 2 ? listed.body.messages : undefined;
    });
    expect(Date.parse(outbox[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(outbox[1].createdAt));
    expect(Number(outbox[0].id)).toBeGreaterThan(Number(outbox[1].id));

    const anonymous = await ctx.api.get('/dev/outbox', { token: null });
    expect(anonymous.status).toBe(401);
  });
});
