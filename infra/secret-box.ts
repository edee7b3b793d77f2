/**
 * Encryption of secrets at rest (TOTP seeds, identity-provider client secrets): AES-256-GCM with
 * a fresh 96-bit IV per value, the key id stored beside the ciphertext so keys can rotate, and a
 * context string bound as associated data so a sealed value cannot be moved to another row or
 * purpose (OWASP ASVS 5.0 V11, authenticated encryption; NIST SP 800-38D).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyEntry } from '../config/config';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  private readonly active: KeyEntry;

  constructor(keys: KeyEntry[]) {
    if (keys.length === 0) {
      throw new Error('the secret box needs at least one key');
    }
    this.active = keys[0];
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** Encrypts `plain` for `context` (for example `totp:<userId>`); returns printable text. */
  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.active.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
    return `${VERSION}:${this.active.id}:${sealed}`;
  }

  /** Decrypts a value `seal` made for the same context; throws when it was tampered with. */
  open(sealed: string, context: string): string {
    const [version, keyId, data] = sealed.split(':');
    const key = this.keys.get(keyId);
    if (version !== VERSION || !key || !data) {
      throw new Error(`sealed value with unknown format or key id "${keyId}"`);
    }

    const raw = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
