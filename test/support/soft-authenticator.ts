/**
 * A software authenticator for API tests: a P-256 key from node:crypto, a `none` attestation
 * in CBOR, authenticator data with the flags and attested credential data of WebAuthn L3 6.1,
 * and the clientDataJSON a browser would send. Each field can be bent to test a refusal.
 */
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

type Cbor = number | string | Buffer | Cbor[] | Map<Cbor, Cbor> | { [key: string]: Cbor };

function head(major: number, length: number): Buffer {
  if (length < 24) {
    return Buffer.from([(major << 5) | length]);
  }
  if (length < 0x100) {
    return Buffer.from([(major << 5) | 24, length]);
  }
  if (length < 0x10000) {
    const buffer = Buffer.alloc(3);
    buffer[0] = (major << 5) | 25;
    buffer.writeUInt16BE(length, 1);
    return buffer;
  }
  const buffer = Buffer.alloc(5);
  buffer[0] = (major << 5) | 26;
  buffer.writeUInt32BE(length, 1);
  return buffer;
}

/** The CBOR subset attestation objects and COSE keys use (RFC 8949). */
export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') {
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, text.length), text]);
  }
  if (Buffer.isBuffer(value)) {
    return Buffer.concat([head(2, value.length), value]);
  }
  if (Array.isArray(value)) {
    return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  }
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([
    head(5, entries.length),
    ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)]),
  ]);
}

const b64url = (bytes: Buffer): string => bytes.toString('base64url');
const sha256 = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();

/** Authenticator data flags (WebAuthn L3 6.1). */
export const FLAGS = { UP: 0x01, UV: 0x04, AT: 0x40 } as const;

export interface CreateOptions {
  challenge: string;
  origin: string;
  rpId: string;
  /** Defaults to user present and verified, with attested credential data. */
  flags?: number;
  type?: string;
}

export class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  private readonly publicKey: KeyObject;

  constructor(private readonly transports: string[] = ['internal']) {
    this.publicKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  /** The COSE_Key of the credential: EC2, ES256, P-256 (RFC 9053). */
  private coseKey(): Buffer {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return cbor(
      new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
  }

  /** What navigator.credentials.create() would return, as RegistrationResponseJSON. */
  create(options: CreateOptions): Record<string, unknown> {
    const flags = options.flags ?? FLAGS.UP | FLAGS.UV | FLAGS.AT;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(options.rpId),
      Buffer.from([flags]),
      Buffer.alloc(4),
      Buffer.alloc(16),
      idLength,
      this.credentialId,
      this.coseKey(),
    ]);
    const attestationObject = cbor({ fmt: 'none', attStmt: {}, authData });
    const clientDataJSON = JSON.stringify({
      type: options.type ?? 'webauthn.create',
      challenge: options.challenge,
      origin: options.origin,
      crossOrigin: false,
    });

    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(Buffer.from(clientDataJSON)),
        attestationObject: b64url(attestationObject),
        transports: this.transports,
      },
      clientExtensionResults: {},
    };
  }
}
