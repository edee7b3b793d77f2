/**
 * RegisterPasskey / VerifyPasskeyRegistration and RegisterU2F / VerifyU2FRegistration through
 * HTTP against the real Temporal server and PostgreSQL, with a software authenticator.
 */
import { registrationWorkflowId } from '../../common/flows';
import { registrationStatusQuery } from '../../common/webauthn-messages';
import { newHumanUser } from '../support/fixtures';
import { FLAGS, SoftAuthenticator } from '../support/soft-authenticator';
import { useStack } from '../support/stack';
import { credentialsOf, registrationState } from '../support/webauthn-probes';

const RP_ID = 'login.flowgate.test';
const ORIGIN = 'https://login.flowgate.test';

const ctx = useStack({
  env: {
    FLOWGATE_WEBAUTHN_RP_IDS: `${RP_ID},other.flowgate.test`,
    FLOWGATE_WEBAUTHN_ORIGINS: `${ORIGIN},https://app.flowgate.test`,
    FLOWGATE_WEBAUTHN_RP_NAME: 'Flowgate Test',
  },
});

const errorId = (body: Record<string, any>) => body.details?.[0]?.id;

async function newUser(): Promise<string> {
  const created = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }));
  expect(created.status).toBe(200);
  return created.body.userId;
}

async function startPasskey(userId: string, body: Record<string, unknown> = {}) {
  const started = await ctx.api.post(`/v2/users/${userId}/passkeys`, body);
  expect(started.status).toBe(200);
  const { passkeyId, publicKeyCredentialCreationOptions } = started.body;
  return { passkeyId, options: publicKeyCredentialCreationOptions.publicKey, body: started.body };
}

const verifyPasskey = (userId: string, passkeyId: string, credential: unknown, name = 'Laptop') =>
  ctx.api.post(`/v2/users/${userId}/passkeys/${passkeyId}`, {
    publicKeyCredential: credential,
    passkeyName: name,
  });

describe('registering a passkey', () => {
  it('returns the contract creation options and stores the verified credential', async () => {
    const userId = await newUser();
    const { passkeyId, options, body } = await startPasskey(userId, {
      authenticator: 'PASSKEY_AUTHENTICATOR_PLATFORM',
    });

    expect(body.details.sequence).toMatch(/^\d+$/);
    expect(passkeyId).toEqual(expect.any(String));
    expect(options.rp).toEqual({ id: RP_ID, name: 'Flowgate Test' });
    expect(options.user.id).toBe(Buffer.from(userId).toString('base64url'));
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(options.attestation).toBe('none');
    expect(options.excludeCredentials).toEqual([]);
    expect(options.authenticatorSelection).toEqual({
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'required',
      authenticatorAttachment: 'platform',
    });

    const authenticator = new SoftAuthenticator();
    const credential = authenticator.create({
      challenge: options.challenge,
      origin: ORIGIN,
      rpId: RP_ID,
    });
    const verified = await verifyPasskey(userId, passkeyId, credential, 'My laptop');

    expect(verified.status).toBe(200);
    expect(BigInt(verified.body.details.sequence)).toBeGreaterThan(BigInt(body.details.sequence));
    expect(await credentialsOf(ctx.stack.db, userId)).toEqual([
      {
        id: passkeyId,
        kind: 'passkey',
        credential_id: authenticator.id,
        name: 'My laptop',
        rp_id: RP_ID,
        user_verified: true,
      },
    ]);
    expect(await registrationState(ctx.stack.db, passkeyId)).toBe('verified');
  });

  it('excludes existing passkeys and builds each call its own selection', async () => {
    const userId = await newUser();
    const first = await startPasskey(userId);
    const authenticator = new SoftAuthenticator();
    const credential = authenticator.create({
      challenge: first.options.challenge,
      origin: ORIGIN,
      rpId: RP_ID,
    });
    expect((await verifyPasskey(userId, first.passkeyId, credential)).status).toBe(200);

    // A platform-only call before must not leak its attachment into the next call's options.
    await startPasskey(await newUser(), { authenticator: 'PASSKEY_AUTHENTICATOR_CROSS_PLATFORM' });
    const second = await startPasskey(userId, { domain: 'other.flowgate.test' });

    expect(second.options.excludeCredentials).toEqual([
      { id: authenticator.id, type: 'public-key', transports: ['internal'] },
    ]);
    expect(second.options.authenticatorSelection).not.toHaveProperty('authenticatorAttachment');
    expect(second.options.rp.id).toBe('other.flowgate.test');
  });

  it('refuses a credential for another origin, says why, and ends the registration', async () => {
    const userId = await newUser();
    const { passkeyId, options } = await startPasskey(userId);
    const authenticator = new SoftAuthenticator();
    const evil = authenticator.create({
      challenge: options.challenge,
      origin: 'https://evil.example',
      rpId: RP_ID,
    });

    const refused = await verifyPasskey(userId, passkeyId, evil);

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe(3);
    expect(errorId(refused.body)).toBe('Errors.User.WebAuthN.CreateCredentialFailed');
    expect(refused.body.message).toMatch(/origin/i);
    expect(await credentialsOf(ctx.stack.db, userId)).toEqual([]);

    // The challenge answered once: even a good credential now finds nothing pending.
    const good = authenticator.create({
      challenge: options.challenge,
      origin: ORIGIN,
      rpId: RP_ID,
    });
    const late = await verifyPasskey(userId, passkeyId, good);
    expect(late.status).toBe(404);
    expect(errorId(late.body)).toBe('Errors.User.WebAuthN.NotFound');
    expect(await registrationState(ctx.stack.db, passkeyId)).toBe('failed');
  });

  it('refuses a credential scoped to another RP ID', async () => {
    const userId = await newUser();
    const { passkeyId, options } = await startPasskey(userId);
    const credential = new SoftAuthenticator().create({
      challenge: options.challenge,
      origin: ORIGIN,
      rpId: 'evil.example',
    });

    const refused = await verifyPasskey(userId, passkeyId, credential);

    expect(refused.status).toBe(400);
    expect(errorId(refused.body)).toBe('Errors.User.WebAuthN.CreateCredentialFailed');
    expect(refused.body.message).toMatch(/RP ID/i);
  });

  it('refuses a passkey whose authenticator did not verify the user', async () => {
    const userId = await newUser();
    const { passkeyId, options } = await startPasskey(userId);
    const credential = new SoftAuthenticator().create({
      challenge: options.challenge,
      origin: ORIGIN,
      rpId: RP_ID,
      flags: FLAGS.UP | FLAGS.AT,
    });

    const refused = await verifyPasskey(userId, passkeyId, credential);

    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/verif/i);
  });

  it('refuses a domain that is not a configured RP ID', async () => {
    const userId = await newUser();
    const started = await ctx.api.post(`/v2/users/${userId}/passkeys`, { domain: 'evil.example' });

    expect(started.status).toBe(400);
    expect(started.body.code).toBe(3);
    expect(errorId(started.body)).toBe('Errors.User.WebAuthN.DomainNotAllowed');
  });

  it('answers a replayed challenge with 404 and an old challenge with 400', async () => {
    const userId = await newUser();
    const first = await startPasskey(userId);
    const authenticator = new SoftAuthenticator();
    const answer = authenticator.create({
      challenge: first.options.challenge,
      origin: ORIGIN,
      rpId: RP_ID,
    });
    expect((await verifyPasskey(userId, first.passkeyId, answer)).status).toBe(200);

    const replayed = await verifyPasskey(userId, first.passkeyId, answer);
    expect(replayed.status).toBe(404);
    expect(errorId(replayed.body)).toBe('Errors.User.WebAuthN.NotFound');

    // A new registration: the old signed challenge is worthless for it.
    const second = await startPasskey(userId);
    const stale = new SoftAuthenticator().create({
      challenge: first.options.challenge,
      origin: ORIGIN,
      rpId: RP_ID,
    });
    const refused = await verifyPasskey(userId, second.passkeyId, stale);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/challenge/i);
    expect(refused.body.message).not.toContain(second.options.challenge);
  });

  it('replaces a pending registration, and the path id must name the pending one', async () => {
    const userId = await newUser();
    const first = await startPasskey(userId);
    const second = await startPasskey(userId);
    expect(second.passkeyId).not.toBe(first.passkeyId);
    expect(second.options.challenge).not.toBe(first.options.challenge);
    expect(await registrationState(ctx.stack.db, first.passkeyId)).toBe('replaced');

    const authenticator = new SoftAuthenticator();
    const answer = authenticator.create({
      challenge: second.options.challenge,
      origin: 'https://app.flowgate.test',
      rpId: RP_ID,
    });
    const wrongId = await verifyPasskey(userId, first.passkeyId, answer);
    expect(wrongId.status).toBe(404);

    const handle = ctx.stack.temporal.workflow.getHandle(
      registrationWorkflowId('passkey-registration', userId),
    );
    const status = await handle.query(registrationStatusQuery);
    expect(status).toMatchObject({ state: 'pending', registrationId: second.passkeyId });
    expect(JSON.stringify(status)).not.toContain(second.options.challenge);

    expect((await verifyPasskey(userId, second.passkeyId, answer)).status).toBe(200);
    expect(await handle.result()).toEqual({ state: 'verified' });
  });

  it('answers 404 when nothing is pending, and for an unknown user', async () => {
    const userId = await newUser();
    const credential = new SoftAuthenticator().create({
      challenge: 'AAAA',
      origin: ORIGIN,
      rpId: RP_ID,
    });

    const none = await verifyPasskey(userId, 'no-such-registration', credential);
    expect(none.status).toBe(404);
    expect(none.body.code).toBe(5);
    expect(errorId(none.body)).toBe('Errors.User.WebAuthN.NotFound');

    const unknown = await ctx.api.post('/v2/users/no-such-user/passkeys', {});
    expect(unknown.status).toBe(404);
    expect(errorId(unknown.body)).toBe('Errors.User.NotFound');
  });

  it('rejects malformed requests with the contract validation message', async () => {
    const userId = await newUser();
    const { passkeyId } = await startPasskey(userId);

    const noName = await ctx.api.post(`/v2/users/${userId}/passkeys/${passkeyId}`, {
      publicKeyCredential: { id: 'x' },
    });
    expect(noName.status).toBe(400);
    expect(noName.body).toEqual({
      code: 3,
      message: 'invalid VerifyPasskeyRegistrationRequest.PasskeyName: value is required',
    });

    const noCredential = await ctx.api.post(`/v2/users/${userId}/passkeys/${passkeyId}`, {
      passkeyName: 'x',
    });
    expect(noCredential.status).toBe(400);
    expect(noCredential.body.message).toContain('PublicKeyCredential');

    const badAuthenticator = await ctx.api.post(`/v2/users/${userId}/passkeys`, {
      authenticator: 'PASSKEY_AUTHENTICATOR_TOASTER',
    });
    expect(badAuthenticator.status).toBe(400);
    expect(badAuthenticator.body.message).toContain('RegisterPasskeyRequest.Authenticator');

    // A credential that is no credential fails in the flow, not with a 500.
    const garbage = await verifyPasskey(userId, passkeyId, { id: 'x', response: {} });
    expect(garbage.status).toBe(400);
    expect(errorId(garbage.body)).toBe('Errors.User.WebAuthN.CreateCredentialFailed');
  });
});

describe('registering a U2F security key', () => {
  it('asks for no resident key and accepts a key without user verification', async () => {
    const userId = await newUser();
    const started = await ctx.api.post(`/v2/users/${userId}/u2f`, { domain: RP_ID });
    expect(started.status).toBe(200);
    const { u2fId, publicKeyCredentialCreationOptions } = started.body;
    const options = publicKeyCredentialCreationOptions.publicKey;
    expect(options.authenticatorSelection).toEqual({
      residentKey: 'discouraged',
      requireResidentKey: false,
      userVerification: 'discouraged',
    });

    const key = new SoftAuthenticator(['usb']);
    const credential = key.create({
      challenge: options.challenge,
      origin: ORIGIN,
      rpId: RP_ID,
      flags: FLAGS.UP | FLAGS.AT,
    });
    const verified = await ctx.api.post(`/v2/users/${userId}/u2f/${u2fId}`, {
      publicKeyCredential: credential,
      tokenName: 'YubiKey',
    });

    expect(verified.status).toBe(200);
    expect(await credentialsOf(ctx.stack.db, userId)).toEqual([
      expect.objectContaining({ kind: 'u2f', name: 'YubiKey', credential_id: key.id }),
    ]);
    const methods = (query = '') =>
      ctx.api.get(`/v2/users/${userId}/authentication_methods${query}`);
    expect((await methods()).body.authMethodTypes).toEqual(['AUTHENTICATION_METHOD_TYPE_U2F']);
    expect((await methods(`?domainQuery.domain=${RP_ID}`)).body.authMethodTypes).toEqual([
      'AUTHENTICATION_METHOD_TYPE_U2F',
    ]);
    const elsewhere = await methods('?domainQuery.domain=other.flowgate.test');
    expect(elsewhere.body.authMethodTypes).toBeUndefined();

    // A passkey registration excludes passkeys only; the U2F key excludes itself next time.
    const passkey = await startPasskey(userId);
    expect(passkey.options.excludeCredentials).toEqual([]);
    const again = await ctx.api.post(`/v2/users/${userId}/u2f`, {});
    expect(again.body.publicKeyCredentialCreationOptions.publicKey.excludeCredentials).toEqual([
      { id: key.id, type: 'public-key', transports: ['usb'] },
    ]);
  });

  it('keeps passkey and U2F registrations apart', async () => {
    const userId = await newUser();
    const passkey = await startPasskey(userId);
    const u2f = await ctx.api.post(`/v2/users/${userId}/u2f`, {});
    const credential = new SoftAuthenticator().create({
      challenge: passkey.options.challenge,
      origin: ORIGIN,
      rpId: RP_ID,
    });

    const crossed = await ctx.api.post(`/v2/users/${userId}/u2f/${passkey.passkeyId}`, {
      publicKeyCredential: credential,
      tokenName: 'key',
    });
    expect(crossed.status).toBe(404);
    expect(await registrationState(ctx.stack.db, u2f.body.u2fId)).toBe('pending');
  });
});
