import { totpRegistrationWorkflowId } from '../../common/flows';
import { queryOne } from '../../store/sql';
import { newHumanUser } from '../support/fixtures';
import { codeNear } from '../support/rfc6238';
import { useStack } from '../support/stack';

const ctx = useStack({ env: { FLOWGATE_REGISTRATION_TTL: '3s' } });

describe('a TOTP registration past its lifetime', () => {
  it('expires by itself, drops its secret, and a right code then gets 404', async () => {
    const created = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }));
    const { userId } = created.body;
    const registered = await ctx.api.post(`/v2/users/${userId}/totp`, {});
    expect(registered.status).toBe(200);

    // The workflow's own timer ends it; the test waits for that outcome, not for the clock.
    const handle = ctx.stack.temporal.workflow.getHandle(totpRegistrationWorkflowId(userId));
    expect(await handle.result()).toEqual({ state: 'expired' });
    expect((await handle.describe()).searchAttributes.FlowState).toEqual(['expired']);
    const row = await queryOne<{ state: string; sealed_secret: string | null }>(
      ctx.stack.db,
      'SELECT state, sealed_secret FROM totp_registrations WHERE user_id = $1',
      [userId],
    );
    expect(row).toEqual({ state: 'expired', sealed_secret: null });

    const late = await ctx.api.post(`/v2/users/${userId}/totp/verify`, {
      code: codeNear(registered.body.secret),
    });
    expect(late.status).toBe(404);
    expect(late.body.details[0].id).toBe('Errors.User.MFA.OTP.NotExisting');
  });

  it('starts a fresh registration after the old one expired', async () => {
    const created = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }));
    const { userId } = created.body;
    await ctx.api.post(`/v2/users/${userId}/totp`, {});
    const handle = ctx.stack.temporal.workflow.getHandle(totpRegistrationWorkflowId(userId));
    await handle.result();

    const again = await ctx.api.post(`/v2/users/${userId}/totp`, {});
    expect(again.status).toBe(200);
    const verified = await ctx.api.post(`/v2/users/${userId}/totp/verify`, {
      code: codeNear(again.body.secret),
    });
    expect(verified.status).toBe(200);
  });
});
