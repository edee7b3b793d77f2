import { useStack } from '../support/stack';
import { newHumanUser } from '../support/fixtures';
import { queryOne } from '../../store/sql';

const ctx = useStack();

async function emailVerified(userId: string): Promise<boolean> {
  const row = await queryOne<{ email_verified: boolean }>(
    ctx.stack.db,
    'SELECT email_verified FROM users WHERE id = $1',
    [userId],
  );
  return row!.email_verified;
}

describe('email verification through HTTP', () => {
  it('creates a user with a returned code and verifies it', async () => {
    const created = await ctx.api.post('/v2/users/human', newHumanUser({ returnCode: {} }));
    expect(created.status).toBe(200);
    expect(created.body.emailCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(created.body.details.sequence).toMatch(/^\d+$/);

    const verified = await ctx.api.post(`/v2/users/${created.body.userId}/email/verify`, {
      verificationCode: created.body.emailCode,
    });
    expect(verified.status).toBe(200);
    expect(Number(verified.body.details.sequence)).toBeGreaterThan(
      Number(created.body.details.sequence),
    );
    expect(await emailVerified(created.body.userId)).toBe(true);
  });
});
