/**
 * An independent RFC 6238 reference for the tests (node:crypto's HMAC, RFC 4648 base32), so
 * the codes the API is checked with do not come from the library it uses.
 */
import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const PERIOD_SECONDS = 30;

export function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const index = BASE32.indexOf(char);
    if (index < 0) {
      throw new Error(`not base32: ${char}`);
    }
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 6238 with HMAC-SHA-1: the code of time step `step` with `digits` digits. */
export function totpAtStep(key: Buffer, step: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  // RFC 4226 5.3: dynamic truncation.
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function stepAt(unixSeconds: number): number {
  return Math.floor(unixSeconds / PERIOD_SECONDS);
}

/** The code of a base32 secret `offset` steps away from now. */
export function codeNear(secret: string, offset = 0): string {
  return totpAtStep(base32Decode(secret), stepAt(Date.now() / 1000) + offset);
}

/**
 * Waits, if needed, until the current step has at least `marginMs` left, so a code made for a
 * neighbouring step still has that offset when the server checks it.
 */
export async function awayFromStepEdge(marginMs = 4000): Promise<void> {
  const intoStep = Date.now() % (PERIOD_SECONDS * 1000);
  const left = PERIOD_SECONDS * 1000 - intoStep;
  if (left < marginMs) {
    await new Promise((resolve) => setTimeout(resolve, left + 50));
  }
}
