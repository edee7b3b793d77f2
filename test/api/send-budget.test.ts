import { verificationWorkflowId } from '../../common/flows';
import { statusQuery } from '../../common/verification-messages';
import { newHumanUser } from '../support/fixtures';
import { newPhone } from '../support/phone-fixtures';
import { useStack } from '../support/stack';

// The defaults: 5 sends per recipient and 10 codes per user in 10 minutes.
const ctx = useStack();

const errorId = (body: Record<string, any>) => body.details?.[0]?.id;

async function newUser(): Promise<string> {
  const created = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }));
  expect(created.status).toBe(200);
  return created.body.userId;
}

async function outboxCount(recipient: string): Promise<number> {
  const outbox = await ctx.api.get(`/dev/outbox?recipient=${encodeURIComponent(recipient)}`);
  return outbox.body.messages.length;
}

function expectExhausted(response: { status: number; body: any; headers: Headers }): void {
  expect(response.status).toBe(429);
  expect(response.body.code).toBe(8);
  expect(errorId(response.body)).toBe('Errors.Notification.BudgetExhausted');
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
}

describe('the send budget', () => {
  it('sends 5 SMS to one number, then refuses with 429 before a code is made', async () => {
    const userId = await newUser();
    const { e164 } = newPhone();
    for (let i = 0; i < 5; i += 1) {
      expect((await ctx.api.post(`/v2/users/${userId}/phone`, { phone: e164 })).status).toBe(200);
    }
    const handle = ctx.stack.temporal.workflow.getHandle(
      verificationWorkflowId('phone-verification', userId),
    );
    const before = await handle.query(statusQuery);

    const refused = await ctx.api.post(`/v2/users/${userId}/phone`, { phone: e164 });

    expectExhausted(refused);
    expect((await handle.query(statusQuery)).generation).toBe(before.generation);
    expect(before.generation).toBe(5);
  });

  it('counts per recipient across users, so one number cannot be bombed from many', async () => {
    const { e164 } = newPhone();
    for (let i = 0; i < 5; i += 1) {
      const userId = await newUser();
      expect((await ctx.api.post(`/v2/users/${userId}/phone`, { phone: e164 })).status).toBe(200);
    }

    const userId = await newUser();
    expectExhausted(await ctx.api.post(`/v2/users/${userId}/phone`, { phone: e164 }));
    // Another number is not affected.
    expect(
      (await ctx.api.post(`/v2/users/${userId}/phone`, { phone: newPhone().e164 })).status,
    ).toBe(200);
  });

  it('covers email codes too: SetEmail and AddHumanUser', async () => {
    const body = newHumanUser({});
    const email = body.email.email;
    const created = await ctx.api.post('/v2/users/human', body);
    expect(created.status).toBe(200);
    for (let i = 0; i < 4; i += 1) {
      const resend = await ctx.api.post(`/v2/users/${created.body.userId}/email`, { email });
      expect(resend.status).toBe(200);
    }

    expectExhausted(await ctx.api.post(`/v2/users/${created.body.userId}/email`, { email }));

    // A new user with the same address is refused too, and is not left behind.
    const second = newHumanUser({});
    const again = await ctx.api.post('/v2/users/human', {
      ...second,
      email: { ...second.email, email },
    });
    expectExhausted(again);
    const retried = await ctx.api.post('/v2/users/human', {
      ...second,
      email: { email, isVerified: true },
    });
    expect(retried.status).toBe(200);
  });

  it('limits the codes made for one user, returned codes included', async () => {
    const userId = await newUser();
    for (let i = 0; i < 10; i += 1) {
      const phone = newPhone().e164;
      const set = await ctx.api.post(`/v2/users/${userId}/phone`, { phone, returnCode: {} });
      expect(set.status).toBe(200);
    }

    const phone = newPhone().e164;
    expectExhausted(await ctx.api.post(`/v2/users/${userId}/phone`, { phone }));
    expect(await outboxCount(phone)).toBe(0);
  });

  it('does not count returned codes against the recipient', async () => {
    const { e164 } = newPhone();
    for (let i = 0; i < 6; i += 1) {
      const userId = await newUser();
      const set = await ctx.api.post(`/v2/users/${userId}/phone`, { phone: e164, returnCode: {} });
      expect(set.status).toBe(200);
    }
  });
});
