/** Lifetimes: a pending registration and a registration link's code run out by themselves. */
import { registrationWorkflowId } from '../../common/flows';
import { newHumanUser } from '../support/fixtures';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { useStack } from '../support/stack';
import { registrationState } from '../support/webauthn-probes';

const RP_ID = 'login.flowgate.test';
const ORIGIN = 'https://login.flowgate.test';

const ctx = useStack({
  env: {
    FLOWGATE_WEBAUTHN_RP_IDS: RP_ID,
    FLOWGATE_WEBAUTHN_ORIGINS: ORIGIN,
    FLOWGATE_REGISTRATION_TTL: '2s',
    FLOWGATE_PASSKEY_LINK_TTL: '1s',
  },
});

const errorId = (body: Record<string, any>) => body.details?.[0]?.id;

async function newUser(): Promise<string> {
  const created = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }));
  return created.body.userId;
}

describe('lifetimes', () => {
  it('expires a pending registration, records it, and answers a late credential 404', async () => {
    const userId = await newUser();
    const started = await ctx.api.post(`/v2/users/${userId}/passkeys`, {});
    const { passkeyId, publicKeyCredentialCreationOptions } = started.body;
    const options = publicKeyCredentialCreationOptions.publicKey;
    expect(options.timeout).toBe(2000);
    const handle = ctx.stack.temporal.workflow.getHandle(
      registrationWorkflowId('passkey-registration', userId),
    );

    // The workflow's own timer ends it; the test waits for that outcome, not for the clock.
    expect(await handle.result()).toEqual({ state: 'expired' });
    expect(await registrationState(ctx.stack.db, passkeyId)).toBe('expired');
    expect((await handle.describe()).searchAttributes.FlowState).toEqual(['expired']);

    const credential = new SoftAuthenticator().create({
      challenge: options.challenge,
      origin: ORIGIN,
      rpId: RP_ID,
    });
    const late = await ctx.api.post(`/v2/users/${userId}/passkeys/${passkeyId}`, {
      publicKeyCredential: credential,
      passkeyName: 'late',
    });
    expect(late.status).toBe(404);
    expect(errorId(late.body)).toBe('Errors.User.WebAuthN.NotFound');
    expect(late.body.message).toContain('expired');
  });

  it('refuses a link code after its lifetime', async () => {
    const userId = await newUser();
    const link = await ctx.api.post(`/v2/users/${userId}/passkeys/registration_link`, {
      returnCode: {},
    });
    // The code's lifetime is checked against PostgreSQL's record; no event marks its end.
    await new Promise((resolve) => setTimeout(resolve, 1200));

    const started = await ctx.api.post(`/v2/users/${userId}/passkeys`, { code: link.body.code });
    expect(started.status).toBe(400);
    expect(errorId(started.body)).toBe('Errors.User.Code.Invalid');
  });
});
