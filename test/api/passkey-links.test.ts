/**
 * CreatePasskeyRegistrationLink and RegisterPasskey with its code: the code's shape, single
 * use, three wrong tries, lifetime, another user's code, sending the link, and the hash-only
 * storage.
 */
import { newHumanUser, eventually } from '../support/fixtures';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { useStack } from '../support/stack';
import { dumpAllTables } from '../support/db-probes';
import { credentialsOf, linkRow } from '../support/webauthn-probes';

const RP_ID = 'login.flowgate.test';
const ORIGIN = 'https://login.flowgate.test';

const ctx = useStack({
  env: {
    FLOWGATE_WEBAUTHN_RP_IDS: RP_ID,
    FLOWGATE_WEBAUTHN_ORIGINS: ORIGIN,
    FLOWGATE_PUBLIC_URL: 'https://id.flowgate.test',
  },
});

const errorId = (body: Record<string, any>) => body.details?.[0]?.id;

async function newUser(): Promise<{ userId: string; email: string }> {
  const body = newHumanUser({ isVerified: true });
  const created = await ctx.api.post('/v2/users/human', body);
  expect(created.status).toBe(200);
  return { userId: created.body.userId, email: body.email.email };
}

async function returnedCode(userId: string): Promise<{ id: string; code: string }> {
  const link = await ctx.api.post(`/v2/users/${userId}/passkeys/registration_link`, {
    returnCode: {},
  });
  expect(link.status).toBe(200);
  return link.body.code;
}

const registerWith = (userId: string, code: { id: string; code: string }) =>
  ctx.api.post(`/v2/users/${userId}/passkeys`, { code });

/** A code of the same shape that is certainly not `code`. */
const wrong = (code: string) => (code === 'aaaaaaaaaaaa' ? 'bbbbbbbbbbbb' : 'aaaaaaaaaaaa');

describe('passkey registration links', () => {
  it('returns a 12-character code that starts one registration, once', async () => {
    const { userId } = await newUser();
    const link = await ctx.api.post(`/v2/users/${userId}/passkeys/registration_link`, {
      returnCode: {},
    });

    expect(link.status).toBe(200);
    expect(link.body.details.sequence).toMatch(/^\d+$/);
    const { code } = link.body;
    expect(code.id).toEqual(expect.any(String));
    expect(code.code).toMatch(/^[a-zA-Z0-9]{12}$/);

    const started = await registerWith(userId, code);
    expect(started.status).toBe(200);
    const options = started.body.publicKeyCredentialCreationOptions.publicKey;
    const credential = new SoftAuthenticator().create({
      challenge: options.challenge,
      origin: ORIGIN,
      rpId: RP_ID,
    });
    const verified = await ctx.api.post(`/v2/users/${userId}/passkeys/${started.body.passkeyId}`, {
      publicKeyCredential: credential,
      passkeyName: 'Phone',
    });
    expect(verified.status).toBe(200);
    expect(await credentialsOf(ctx.stack.db, userId)).toHaveLength(1);

    const again = await registerWith(userId, code);
    expect(again.status).toBe(400);
    expect(errorId(again.body)).toBe('Errors.User.Code.Invalid');
  });

  it('kills the code after three wrong tries, counted in PostgreSQL', async () => {
    const { userId } = await newUser();
    const code = await returnedCode(userId);

    for (let i = 0; i < 3; i += 1) {
      const attempt = await registerWith(userId, { id: code.id, code: wrong(code.code) });
      expect(attempt.status).toBe(400);
      expect(attempt.body.code).toBe(3);
      expect(errorId(attempt.body)).toBe('Errors.User.Code.Invalid');
    }
    expect((await linkRow(ctx.stack.db, code.id))?.attempts).toBe(3);

    const right = await registerWith(userId, code);
    expect(right.status).toBe(400);
    expect(errorId(right.body)).toBe('Errors.User.Code.Invalid');
  });

  it('counts wrong tries sent at the same time atomically', async () => {
    const { userId } = await newUser();
    const code = await returnedCode(userId);

    const tries = await Promise.all(
      Array.from({ length: 5 }, () =>
        registerWith(userId, { id: code.id, code: wrong(code.code) }),
      ),
    );

    expect(tries.map((t) => t.status)).toEqual([400, 400, 400, 400, 400]);
    expect((await linkRow(ctx.stack.db, code.id))?.attempts).toBe(3);
    expect((await registerWith(userId, code)).status).toBe(400);
  });

  it("refuses another user's code and an unknown code id", async () => {
    const owner = await newUser();
    const other = await newUser();
    const code = await returnedCode(owner.userId);

    const stolen = await registerWith(other.userId, code);
    expect(stolen.status).toBe(400);
    expect(errorId(stolen.body)).toBe('Errors.User.Code.Invalid');

    const unknown = await registerWith(owner.userId, { id: 'no-such-code', code: code.code });
    expect(unknown.status).toBe(400);

    // Neither counted against the owner's code, which still works.
    expect((await registerWith(owner.userId, code)).status).toBe(200);
  });

  it('mails the link with the url template by default and returns no code', async () => {
    const { userId, email } = await newUser();
    const template =
      'https://app.example/passkey?u={{.UserID}}&o={{.OrgID}}&i={{.CodeID}}&c={{.Code}}';
    const link = await ctx.api.post(`/v2/users/${userId}/passkeys/registration_link`, {
      sendLink: { urlTemplate: template },
    });

    expect(link.status).toBe(200);
    expect(link.body).not.toHaveProperty('code');
    const mail = await eventually(async () => {
      const outbox = await ctx.api.get(`/dev/outbox?recipient=${email}`);
      return outbox.body.messages.find((m: any) => m.subject === 'Register a passkey');
    });
    const match =
      /https:\/\/app\.example\/passkey\?u=(\w+)&o=(\w+)&i=(\w+)&c=([a-zA-Z0-9]{12})/.exec(
        mail.text,
      );
    expect(match?.[1]).toBe(userId);

    const started = await registerWith(userId, { id: match![3], code: match![4] });
    expect(started.status).toBe(200);
  });

  it('sends the self-service page link when no template is given', async () => {
    const { userId, email } = await newUser();
    const link = await ctx.api.post(`/v2/users/${userId}/passkeys/registration_link`, {});

    expect(link.status).toBe(200);
    const mail = await eventually(async () => {
      const outbox = await ctx.api.get(`/dev/outbox?recipient=${email}`);
      return outbox.body.messages.find((m: any) => m.subject === 'Register a passkey');
    });
    expect(mail.text).toMatch(
      new RegExp(`https://id\\.flowgate\\.test/ui/passkey\\?userID=${userId}&orgID=\\w+&codeID=`),
    );
  });

  it('rejects a bad template, both media at once, and an unknown user', async () => {
    const { userId } = await newUser();
    const path = `/v2/users/${userId}/passkeys/registration_link`;

    const badTemplate = await ctx.api.post(path, {
      sendLink: { urlTemplate: 'https://x/{{.Secret}}' },
    });
    expect(badTemplate.status).toBe(400);
    expect(errorId(badTemplate.body)).toBe('Errors.User.InvalidURLTemplate');

    const both = await ctx.api.post(path, { sendLink: {}, returnCode: {} });
    expect(both.status).toBe(400);
    expect(both.body.code).toBe(3);

    const unknown = await ctx.api.post('/v2/users/nobody/passkeys/registration_link', {
      returnCode: {},
    });
    expect(unknown.status).toBe(404);
    expect(errorId(unknown.body)).toBe('Errors.User.NotFound');
  });

  it('keeps only a keyed hash of the code', async () => {
    const { userId } = await newUser();
    const code = await returnedCode(userId);

    const row = await linkRow(ctx.stack.db, code.id);
    expect(row?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await dumpAllTables(ctx.stack.db)).not.toContain(code.code);
  });
});
