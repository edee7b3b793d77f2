/**
 * Records real authenticator responses for the unit tests (test/fixtures/webauthn/*.json):
 * Chromium's virtual authenticators (DevTools WebAuthn domain) answer
 * navigator.credentials.create on http://localhost with a fixed challenge.
 * Run with `npx tsx scripts/record-webauthn-fixtures.ts`; needs Debian's chromium.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ensureChromium } from '../test/support/chromium';

const OUT = path.resolve(__dirname, '../test/fixtures/webauthn');
const CHALLENGE = Buffer.from('flowgate recorded registration challenge').toString('base64url');

const RECORDINGS = [
  {
    name: 'passkey-ctap2-internal',
    credential: 'passkey',
    authenticator: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
    selection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
  },
  {
    name: 'u2f-usb',
    credential: 'u2f',
    authenticator: { protocol: 'u2f', transport: 'usb', automaticPresenceSimulation: true },
    selection: { residentKey: 'discouraged', userVerification: 'discouraged' },
  },
];

// Runs in the page, as source text: the project compiles without the DOM library, and tsx's
// helpers do not exist there.
const CREATE_IN_PAGE = `async (selection) => {
  const bytes = (text) =>
    Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const created = await navigator.credentials.create({
    publicKey: {
      challenge: bytes('${CHALLENGE}'),
      rp: { id: 'localhost', name: 'Flowgate' },
      user: { id: bytes('dXNlci0x'), name: 'ada', displayName: 'Ada Lovelace' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      authenticatorSelection: selection,
      attestation: 'none',
    },
  });
  return created.toJSON();
}`;

async function main(): Promise<void> {
  const server = http.createServer((_req, res) => res.end('<!doctype html><title>rec</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: ensureChromium() });
  fs.mkdirSync(OUT, { recursive: true });

  for (const recording of RECORDINGS) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: recording.authenticator as never,
    });
    await page.goto(origin);

    const response = await page.evaluate(
      `(${CREATE_IN_PAGE})(${JSON.stringify(recording.selection)})`,
    );

    const fixture = {
      recordedWith: `Chromium ${browser.version()} virtual authenticator`,
      authenticator: recording.authenticator,
      credential: recording.credential,
      rpId: 'localhost',
      origin,
      challenge: CHALLENGE,
      response,
    };
    const file = path.join(OUT, `${recording.name}.json`);
    fs.writeFileSync(file, `${JSON.stringify(fixture, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
    await context.close();
  }

  await browser.close();
  server.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
