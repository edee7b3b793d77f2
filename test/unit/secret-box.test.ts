import { randomBytes } from 'node:crypto';
import { SecretBox } from '../../infra/secret-box';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('SecretBox', () => {
  it('opens what it sealed for the same context, and the text never shows the secret', () => {
    const box = new SecretBox([key('k1')]);
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:u1');

    expect(sealed).toMatch(/^v1:k1:/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'totp:u1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a value moved to another context', () => {
    const box = new SecretBox([key('k1')]);
    const sealed = box.seal('secret', 'totp:u1');

    expect(() => box.open(sealed, 'totp:u2')).toThrow();
  });

  it('refuses a tampered value', () => {
    const box = new SecretBox([key('k1')]);
    const sealed = box.seal('secret', 'ctx');
    const raw = Buffer.from(sealed.split(':')[2], 'base64');
    raw[14] ^= 1;

    expect(() => box.open(`v1:k1:${raw.toString('base64')}`, 'ctx')).toThrow();
  });

  it('still opens values sealed with an older key after rotation', () => {
    const old = key('k1');
    const sealed = new SecretBox([old]).seal('secret', 'ctx');
    const rotated = new SecretBox([key('k2'), old]);

    expect(rotated.open(sealed, 'ctx')).toBe('secret');
    expect(rotated.seal('x', 'ctx')).toMatch(/^v1:k2:/);
  });
});
