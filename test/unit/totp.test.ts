import {
  checkTOTP,
  newTOTPSecret,
  normalizeTOTPSecret,
  timeStepAt,
  totpURI,
} from '../../infra/totp';
import { base32Decode, totpAtStep } from '../support/rfc6238';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SEED = Buffer.from('12345678901234567890', 'ascii');
const RFC_SEED_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('the test reference implementation', () => {
  it.each(RFC_VECTORS)('gives the RFC 6238 SHA-1 code at %i s', (seconds, code) => {
    expect(totpAtStep(RFC_SEED, Math.floor(seconds / 30), 8)).toBe(code);
  });

  it('decodes base32 as RFC 4648 does', () => {
    expect(base32Decode(RFC_SEED_BASE32).equals(RFC_SEED)).toBe(true);
  });
});

describe('checkTOTP', () => {
  const at = new Date(1234567890 * 1000);
  const step = timeStepAt(at);
  const codeAt = (offset: number) => totpAtStep(RFC_SEED, step + offset);

  it.each(RFC_VECTORS)('accepts the six-digit RFC 6238 code at %i s', async (seconds, code) => {
    const check = await checkTOTP({
      secret: RFC_SEED_BASE32,
      code: code.slice(-6),
      at: new Date(seconds * 1000),
    });
    expect(check).toEqual({ ok: true, timeStep: Math.floor(seconds / 30) });
  });

  it.each([-1, 0, 1])('accepts a code %i steps away', async (offset) => {
    const check = await checkTOTP({ secret: RFC_SEED_BASE32, code: codeAt(offset), at });
    expect(check).toEqual({ ok: true, timeStep: step + offset });
  });

  it.each([-2, 2, -3, 3])('refuses a code %i steps away', async (offset) => {
    const check = await checkTOTP({ secret: RFC_SEED_BASE32, code: codeAt(offset), at });
    expect(check).toEqual({ ok: false });
  });

  it('never accepts the last accepted step or an earlier one again', async () => {
    const secret = RFC_SEED_BASE32;
    expect(await checkTOTP({ secret, code: codeAt(0), at, lastTimeStep: step })).toEqual({
      ok: false,
    });
    expect(await checkTOTP({ secret, code: codeAt(-1), at, lastTimeStep: step })).toEqual({
      ok: false,
    });
    expect(await checkTOTP({ secret, code: codeAt(1), at, lastTimeStep: step })).toEqual({
      ok: true,
      timeStep: step + 1,
    });
    expect(await checkTOTP({ secret, code: codeAt(1), at, lastTimeStep: step + 1 })).toEqual({
      ok: false,
    });
  });

  it.each(['', '12345', '1234567', 'abcdef', ' 123456'])(
    'refuses the malformed code "%s"',
    async (code) => {
      expect(await checkTOTP({ secret: RFC_SEED_BASE32, code, at })).toEqual({ ok: false });
    },
  );
});

describe('secrets and key URIs', () => {
  it('makes 20-byte base32 secrets, each different', () => {
    const a = newTOTPSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(newTOTPSecret()).not.toBe(a);
  });

  it('builds the contract key URI', () => {
    expect(totpURI('Flow gate', 'ada@example.com', 'ABC')).toBe(
      'otpauth://totp/Flow%20gate:ada%40example.com?algorithm=SHA1&digits=6' +
        '&issuer=Flow%20gate&period=30&secret=ABC',
    );
  });

  it('accepts imported secrets of 16 to 64 bytes, in either case', () => {
    expect(normalizeTOTPSecret(RFC_SEED_BASE32.toLowerCase())).toBe(RFC_SEED_BASE32);
    expect(normalizeTOTPSecret('JBSWY3DPEHPK3PXP')).toBeUndefined();
    expect(normalizeTOTPSecret('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1')).toBeUndefined();
    expect(normalizeTOTPSecret('A'.repeat(26))).toBe('A'.repeat(26));
    expect(normalizeTOTPSecret('A'.repeat(27))).toBeUndefined();
    expect(normalizeTOTPSecret(`${'A'.repeat(103)}=====`)).toBe('A'.repeat(103));
    expect(normalizeTOTPSecret('A'.repeat(104))).toBeUndefined();
  });
});
