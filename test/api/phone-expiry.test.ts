import { verificationWorkflowId } from '../../common/flows';
import { newHumanUser } from '../support/fixtures';
import { flowState, newPhone } from '../support/phone-fixtures';
import { useStack } from '../support/stack';

const ctx = useStack({ env: { FLOWGATE_PHONE_CODE_TTL: '3s' } });

describe('a phone code past its lifetime', () => {
  it('expires after FLOWGATE_PHONE_CODE_TTL and verifies as Code.Expired', async () => {
    const created = await ctx.api.post(
      '/v2/users/human',
      newHumanUser({ returnCode: {} }, { phone: { phone: newPhone().e164, returnCode: {} } }),
    );
    const { userId, phoneCode, emailCode } = created.body;
    const handle = ctx.stack.temporal.workflow.getHandle(
      verificationWorkflowId('phone-verification', userId),
    );

    // The workflow's own timer ends it; the test waits for that outcome, not for the clock.
    expect(await handle.result()).toEqual({ state: 'expired' });
    expect(await flowState(ctx.stack.db, userId, 'phone-verification')).toBe('expired');

    const late = await ctx.api.post(`/v2/users/${userId}/phone/verify`, {
      verificationCode: phoneCode,
    });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe(9);
    expect(late.body.details[0].id).toBe('Errors.User.Code.Expired');

    // The email code has its own lifetime (1h by default) and is still good.
    const email = await ctx.api.post(`/v2/users/${userId}/email/verify`, {
      verificationCode: emailCode,
    });
    expect(email.status).toBe(200);
  });
});
