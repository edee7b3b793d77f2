/**
 * Fifty wrong codes fired at one pending verification at once: the attempt limit holds under
 * concurrency (NIST SP 800-63B 5.2.2, rate limiting), the flow locks, and the right code is
 * refused afterwards.
 */
import { queryOne } from '../../store/sql';
import { newHumanUser } from '../support/fixtures';
import { useStack } from '../support/stack';

const ctx = useStack();
const STORM = 50;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A wrong code of the right shape: every character shifted by 1 to 35 places. */
function wrongCode(code: string, index: number): string {
  const shift = 1 + (index % (ALPHABET.length - 1));
  const size = ALPHABET.length;
  const shifted = (c: string) => ALPHABET[(ALPHABET.indexOf(c) + shift) % size];
  return [...code].map(shifted).join('');
}

describe('concurrent wrong codes against one verification', () => {
  it('counts at most the limit, locks the flow, then refuses the right code', async () => {
    const created = await ctx.api.post('/v2/users/human', newHumanUser({ returnCode: {} }));
    expect(created.status).toBe(200);
    const { userId, emailCode } = created.body;

    const answers = await Promise.all(
      Array.from({ length: STORM }, (_, i) =>
        ctx.api.post(`/v2/users/${userId}/email/verify`, {
          verificationCode: wrongCode(emailCode, i),
        }),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(STORM).fill(400));
    const flow = await queryOne<{ attempts: number; state: string }>(
      ctx.stack.db,
      'SELECT attempts, state FROM verification_flows WHERE user_id = $1',
      [userId],
    );
    expect(flow?.attempts).toBeLessThanOrEqual(ctx.stack.config.codes.maxAttempts);
    expect(flow?.state).toBe('locked');

    const late = await ctx.api.post(`/v2/users/${userId}/email/verify`, {
      verificationCode: emailCode,
    });
    expect(late.status).not.toBe(200);
    const user = await queryOne<{ email_verified: boolean }>(
      ctx.stack.db,
      'SELECT email_verified FROM users WHERE id = $1',
      [userId],
    );
    expect(user?.email_verified).toBe(false);
  });
});
