/**
 * The self-service page in headless Chromium (Debian's package, driven by playwright-core)
 * with virtual authenticators from the DevTools WebAuthn domain: a platform passkey and a
 * U2F-style USB security key, each registered from a registration link.
 */
import { chromium, type Browser, type BrowserContext, type CDPSession } from 'playwright-core';
import { freePort } from '../../infra/free-port';
import { CHROMIUM_INSTALL_TIMEOUT_MS, ensureChromium } from '../support/chromium';
import { newHumanUser } from '../support/fixtures';
import { useStack } from '../support/stack';
import { credentialsOf } from '../support/webauthn-probes';

let port = 0;
let browser: Browser | undefined;

beforeAll(async () => {
  const executablePath = ensureChromium();
  port = await freePort();
  browser = await chromium.launch({ executablePath, headless: true });
}, CHROMIUM_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
});

// RP ID `localhost` and the page's own origin: a secure context without TLS.
const ctx = useStack(() => ({
  port,
  env: {
    FLOWGATE_WEBAUTHN_RP_IDS: 'localhost',
    FLOWGATE_WEBAUTHN_ORIGINS: `http://localhost:${port}`,
  },
}));

type AuthenticatorOptions = Record<string, unknown>;

const PLATFORM_PASSKEY: AuthenticatorOptions = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
};

const U2F_SECURITY_KEY: AuthenticatorOptions = {
  protocol: 'u2f',
  transport: 'usb',
  automaticPresenceSimulation: true,
};

interface Session {
  context: BrowserContext;
  cdp: CDPSession;
  authenticatorId: string;
}

async function withAuthenticator(options: AuthenticatorOptions): Promise<Session> {
  const context = await browser!.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: options as never,
  });
  return { context, cdp, authenticatorId };
}

async function userWithLink(): Promise<{ userId: string; url: string; code: string }> {
  const created = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }));
  const userId = created.body.userId;
  const link = await ctx.api.post(`/v2/users/${userId}/passkeys/registration_link`, {
    returnCode: {},
  });
  const { id, code } = link.body.code;
  const query = new URLSearchParams({ userID: userId, codeID: id, code });
  return { userId, code, url: `http://localhost:${port}/ui/passkey?${query}` };
}

/** Base64 (as the DevTools protocol gives credential ids) to base64url (as stored). */
const toBase64Url = (base64: string) => Buffer.from(base64, 'base64').toString('base64url');

/** The user's methods as ListAuthenticationMethodTypes answers them. */
async function methodsOf(userId: string): Promise<string[] | undefined> {
  const listed = await ctx.api.get(`/v2/users/${userId}/authentication_methods`);
  return listed.body.authMethodTypes;
}

describe('the passkey page in a real browser', () => {
  it('registers a passkey from a registration link with a platform authenticator', async () => {
    const { userId, url, code } = await userWithLink();
    const session = await withAuthenticator(PLATFORM_PASSKEY);
    const page = session.context.pages()[0];

    await page.goto(url);
    await page.getByLabel('Name it, so you recognise it later').fill('Work laptop');
    await page.getByRole('button', { name: 'Register' }).click();

    const status = page.getByRole('status');
    await page.locator('#result[data-outcome=success]').waitFor({ timeout: 30_000 });
    expect(await status.textContent()).toBe(
      'Your passkey "Work laptop" is registered. You can close this page.',
    );
    expect(page.url()).not.toContain(code);

    const { credentials } = await session.cdp.send('WebAuthn.getCredentials', {
      authenticatorId: session.authenticatorId,
    });
    expect(credentials).toHaveLength(1);
    expect(credentials[0].isResidentCredential).toBe(true);
    expect(credentials[0].rpId).toBe('localhost');
    expect(await credentialsOf(ctx.stack.db, userId)).toEqual([
      expect.objectContaining({
        kind: 'passkey',
        credential_id: toBase64Url(credentials[0].credentialId),
        name: 'Work laptop',
        rp_id: 'localhost',
        user_verified: true,
      }),
    ]);
    expect(await methodsOf(userId)).toEqual(['AUTHENTICATION_METHOD_TYPE_PASSKEY']);
    await session.context.close();
  });

  it('registers a U2F-style USB security key as a second factor', async () => {
    const { userId, url } = await userWithLink();
    const session = await withAuthenticator(U2F_SECURITY_KEY);
    const page = session.context.pages()[0];

    await page.goto(url);
    await page.getByLabel('A security key as a second factor').check();
    await page.getByLabel('Name it, so you recognise it later').fill('Blue key');
    await page.getByRole('button', { name: 'Register' }).click();

    await page.locator('#result[data-outcome=success]').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('status').textContent()).toContain('security key "Blue key"');

    const { credentials } = await session.cdp.send('WebAuthn.getCredentials', {
      authenticatorId: session.authenticatorId,
    });
    expect(credentials).toHaveLength(1);
    expect(credentials[0].isResidentCredential).toBe(false);
    expect(await credentialsOf(ctx.stack.db, userId)).toEqual([
      expect.objectContaining({
        kind: 'u2f',
        credential_id: toBase64Url(credentials[0].credentialId),
        name: 'Blue key',
        user_verified: false,
      }),
    ]);
    expect(await methodsOf(userId)).toEqual(['AUTHENTICATION_METHOD_TYPE_U2F']);
    await session.context.close();
  });

  it('tells the person when the link was used already', async () => {
    const { userId, url } = await userWithLink();
    const first = await withAuthenticator(PLATFORM_PASSKEY);
    await first.context.pages()[0].goto(url);
    await first.context.pages()[0].getByRole('button', { name: 'Register' }).click();
    await first.context.pages()[0].locator('#result[data-outcome=success]').waitFor();
    await first.context.close();

    const second = await withAuthenticator(PLATFORM_PASSKEY);
    const page = second.context.pages()[0];
    await page.goto(url);
    await page.getByRole('button', { name: 'Register' }).click();

    await page.locator('#result[data-outcome=error]').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('status').textContent()).toContain('Code is invalid');
    expect(await credentialsOf(ctx.stack.db, userId)).toHaveLength(1);
    await second.context.close();
  });

  it('serves the page with headers that keep the link code to itself', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/ui/passkey`);

    expect(response.status).toBe(200);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
