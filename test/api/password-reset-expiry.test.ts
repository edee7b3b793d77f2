import { verificationWorkflowId } from '../../common/flows';
import { latestFlowState } from '../support/db-probes';
import { createUser, errorId } from '../support/passwords';
import { useStack } from '../support/stack';

const ctx = useStack({ env: { FLOWGATE_PASSWORD_RESET_CODE_TTL: '3s' } });

describe('a reset code past its lifetime', () => {
  it('ends the reset on its own timer and answers Code.Expired', async () => {
    const { userId } = await createUser(ctx.api);
    const requested = await ctx.api.post(`/v2/users/${userId}/password_reset`, {
      returnCode: {},
    });
    const handle = ctx.stack.temporal.workflow.getHandle(
      verificationWorkflowId('password-reset', userId),
    );

    // The workflow's own timer ends it; the test waits for that outcome, not for the clock.
    expect(await handle.result()).toEqual({ state: 'expired' });
    expect(await latestFlowState(ctx.stack.db, userId)).toBe('expired');

    const late = await ctx.api.post(`/v2/users/${userId}/password`, {
      newPassword: { password: 'a late passphrase' },
      verificationCode: requested.body.verificationCode,
    });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe(9);
    expect(errorId(late.body)).toBe('Errors.User.Code.Expired');
  });
});
