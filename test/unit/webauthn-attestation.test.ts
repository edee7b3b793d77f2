/**
 * The attestation check against responses recorded from real (virtual) authenticators in
 * Chromium: scripts/record-webauthn-fixtures.ts wrote test/fixtures/webauthn/*.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkAttestation, type AttestationInput } from '../../activities/webauthn-attestation';

interface Fixture {
  credential: 'passkey' | 'u2f';
  rpId: string;
  origin: string;
  challenge: string;
  response: Record<string, any>;
}

const load = (name: string): Fixture =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, `../fixtures/webauthn/${name}.json`), 'utf8'));

const passkey = load('passkey-ctap2-internal');
const u2f = load('u2f-usb');

function inputFor(fixture: Fixture, overrides: Partial<AttestationInput> = {}): AttestationInput {
  return {
    response: fixture.response,
    challenge: fixture.challenge,
    origins: [fixture.origin],
    rpId: fixture.rpId,
    credential: fixture.credential,
    ...overrides,
  };
}

/** The response with its clientDataJSON rewritten by `change`. */
function withClientData(fixture: Fixture, change: (data: any) => void): Record<string, any> {
  const encoded = fixture.response.response.clientDataJSON;
  const data = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  change(data);
  const clientDataJSON = Buffer.from(JSON.stringify(data)).toString('base64url');
  return { ...fixture.response, response: { ...fixture.response.response, clientDataJSON } };
}

describe('checkAttestation with recorded authenticator responses', () => {
  it('accepts a platform passkey with user verification and a none attestation', async () => {
    const result = await checkAttestation(inputFor(passkey));

    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.info.fmt).toBe('none');
      expect(result.info.userVerified).toBe(true);
      expect(result.info.credential.id).toBe(passkey.response.id);
      expect(result.info.rpID).toBe('localhost');
      expect(result.info.origin).toBe(passkey.origin);
    }
  });

  it('accepts a U2F security key, which shows presence but cannot verify the user', async () => {
    const result = await checkAttestation(inputFor(u2f));

    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.info.userVerified).toBe(false);
      expect(result.info.credential.transports).toEqual(['usb']);
    }
  });

  it('refuses the U2F response as a passkey: a passkey must verify the user', async () => {
    const result = await checkAttestation(inputFor(u2f, { credential: 'passkey' }));

    expect(result).toEqual({ ok: false, message: expect.stringMatching(/user verification/i) });
  });

  it('refuses an origin that is not allowed and names it', async () => {
    const result = await checkAttestation(
      inputFor(passkey, { origins: ['https://login.flowgate.test'] }),
    );

    expect(result).toEqual({ ok: false, message: expect.stringContaining(passkey.origin) });
  });

  it('refuses another RP ID', async () => {
    const result = await checkAttestation(inputFor(passkey, { rpId: 'login.flowgate.test' }));

    expect(result).toEqual({ ok: false, message: expect.stringMatching(/RP ID/i) });
  });

  it('refuses another challenge without repeating the expected one', async () => {
    const expected = Buffer.from('another challenge entirely').toString('base64url');
    const result = await checkAttestation(inputFor(passkey, { challenge: expected }));

    expect(result).toEqual({
      ok: false,
      message: 'the credential does not answer the pending challenge',
    });
  });

  it('refuses an assertion passed off as a registration', async () => {
    const response = withClientData(passkey, (data) => {
      data.type = 'webauthn.get';
    });

    const result = await checkAttestation(inputFor(passkey, { response }));

    expect(result).toEqual({ ok: false, message: expect.stringMatching(/type/i) });
  });

  it('refuses authenticator data that shows no user presence', async () => {
    const attestation = Buffer.from(passkey.response.response.attestationObject, 'base64url');
    const authData = Buffer.from(passkey.response.response.authenticatorData, 'base64url');
    // The flags byte follows the 32-byte RP ID hash (WebAuthn L3 6.1): clear UP and UV.
    const flags = attestation.indexOf(authData) + 32;
    attestation[flags] &= ~0x05;
    const response = {
      ...passkey.response,
      response: {
        ...passkey.response.response,
        attestationObject: attestation.toString('base64url'),
      },
    };

    const result = await checkAttestation(inputFor(passkey, { response }));

    expect(result).toEqual({ ok: false, message: expect.stringMatching(/presence/i) });
  });
});
