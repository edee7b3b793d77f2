import { verificationWorkflowId } from '../../common/flows';
import { statusQuery } from '../../common/verification-messages';
import { latestFlowState } from '../support/db-probes';
import { eventually, newHumanUser } from '../support/fixtures';
import { useStack } from '../support/stack';

const ctx = useStack({ env: { FLOWGATE_EMAIL_CODE_TTL: '3s' } });

describe('a code past its lifetime', () => {
  it('expires by itself, is recorded in PostgreSQL, and verifies as Code.Expired', async () => {
    const created = await ctx.api.post('/v2/users/human', newHumanUser({ returnCode: {} }));
    const { userId, emailCode } = created.body;
    const handle = ctx.stack.temporal.workflow.getHandle(
      verificationWorkflowId('email-verification', userId),
    );

    // The workflow's own timer ends it; the test waits for that outcome, not for the clock.
    expect(await handle.result()).toEqual({ state: 'expired' });
    expect(await latestFlowState(ctx.stack.db, userId)).toBe('expired');
    expect((await handle.describe()).searchAttributes.FlowState).toEqual(['expired']);

    const late = await ctx.api.post(`/v2/users/${userId}/email/verify`, {
      verificationCode: emailCode,
    });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe(9);
    expect(late.body.details[0].id).toBe('Errors.User.Code.Expired');
  });

  it('restarts the lifetime when a new code replaces the old one', async () => {
    const created = await ctx.api.post('/v2/users/human', newHumanUser({ returnCode: {} }));
    const { userId } = created.body;
    const handle = ctx.stack.temporal.workflow.getHandle(
      verificationWorkflowId('email-verification', userId),
    );
    const before = await handle.query(statusQuery);

    const changed = await ctx.api.post(`/v2/users/${userId}/email`, {
      email: `renewed-${userId}@example.com`,
      returnCode: {},
    });
    const after = await handle.query(statusQuery);

    expect(after.generation).toBe(before.generation + 1);
    expect(Date.parse(after.expiresAt!)).toBeGreaterThan(Date.parse(before.expiresAt!));
    expect(after).not.toHaveProperty('code');
    const verified = await ctx.api.post(`/v2/users/${userId}/email/verify`, {
      verificationCode: changed.body.verificationCode,
    });
    expect(verified.status).toBe(200);
    expect(
      await eventually(async () => {
        const state = await latestFlowState(ctx.stack.db, userId);
        return state === 'verified' ? state : undefined;
      }),
    ).toBe('verified');
  });
});
