import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import type { KeyEntry } from '../../config/config';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from '../../infra/payload-codec';

const SECRET = '{"verificationCode":"XTA6BC","email":"ada@example.com"}';

const keyEntry = (id: string): KeyEntry => ({ id, key: randomBytes(32) });

function jsonPayload(json: string): Payload {
  return {
    metadata: { encoding: Buffer.from('json/plain') },
    data: Buffer.from(json),
  };
}

const textOf = (bytes: Uint8Array | null | undefined): string =>
  Buffer.from(bytes ?? []).toString();

describe('AesGcmPayloadCodec', () => {
  const keyA = keyEntry('a');
  const keyB = keyEntry('b');

  it('decodes what it encoded', async () => {
    const codec = new AesGcmPayloadCodec([keyA]);

    const [encoded] = await codec.encode([jsonPayload(SECRET)]);
    const [decoded] = await codec.decode([encoded]);

    expect(textOf(decoded.data)).toBe(SECRET);
    expect(textOf(decoded.metadata?.encoding)).toBe('json/plain');
  });

  it('leaves no plaintext in the encoded payload', async () => {
    const [encoded] = await new AesGcmPayloadCodec([keyA]).encode([jsonPayload(SECRET)]);

    const data = Buffer.from(encoded.data!);
    expect(data.includes('XTA6BC')).toBe(false);
    expect(data.includes('ada@example.com')).toBe(false);
    expect(data.includes('json/plain')).toBe(false);
    expect(textOf(encoded.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
  });

  it('encrypts the same payload differently each time', async () => {
    const codec = new AesGcmPayloadCodec([keyA]);

    const [first, second] = await codec.encode([jsonPayload(SECRET), jsonPayload(SECRET)]);

    expect(Buffer.from(first.data!).equals(Buffer.from(second.data!))).toBe(false);
  });

  it('decodes a payload of a retired key that is still in the list', async () => {
    const [encoded] = await new AesGcmPayloadCodec([keyA]).encode([jsonPayload(SECRET)]);

    const rotated = new AesGcmPayloadCodec([keyB, keyA]);
    const [decoded] = await rotated.decode([encoded]);

    expect(textOf(decoded.data)).toBe(SECRET);
  });

  it('encrypts with the first key of the list', async () => {
    const [encoded] = await new AesGcmPayloadCodec([keyB, keyA]).encode([jsonPayload(SECRET)]);

    await expect(new AesGcmPayloadCodec([keyA]).decode([encoded])).rejects.toThrow('"b"');
    const [decoded] = await new AesGcmPayloadCodec([keyB]).decode([encoded]);
    expect(textOf(decoded.data)).toBe(SECRET);
  });

  it('rejects a payload with one byte changed', async () => {
    const codec = new AesGcmPayloadCodec([keyA]);
    const [encoded] = await codec.encode([jsonPayload(SECRET)]);
    const data = Buffer.from(encoded.data!);
    data[20] ^= 0x01;

    await expect(codec.decode([{ ...encoded, data }])).rejects.toThrow();
  });

  it('rejects a payload whose authentication tag was changed', async () => {
    const codec = new AesGcmPayloadCodec([keyA]);
    const [encoded] = await codec.encode([jsonPayload(SECRET)]);
    const data = Buffer.from(encoded.data!);
    data[data.length - 1] ^= 0x80;

    await expect(codec.decode([{ ...encoded, data }])).rejects.toThrow();
  });

  it('rejects a payload encrypted with a key of the same id but other bytes', async () => {
    const [encoded] = await new AesGcmPayloadCodec([keyA]).encode([jsonPayload(SECRET)]);

    const impostor = new AesGcmPayloadCodec([{ id: 'a', key: randomBytes(32) }]);

    await expect(impostor.decode([encoded])).rejects.toThrow();
  });

  it('rejects a payload of an unknown key id', async () => {
    const [encoded] = await new AesGcmPayloadCodec([keyA]).encode([jsonPayload(SECRET)]);

    await expect(new AesGcmPayloadCodec([keyB]).decode([encoded])).rejects.toThrow(
      'no payload key with id "a"',
    );
  });

  it('passes payloads through that it did not encrypt', async () => {
    const plain = jsonPayload('{"hello":1}');

    const [decoded] = await new AesGcmPayloadCodec([keyA]).decode([plain]);

    expect(textOf(decoded.data)).toBe('{"hello":1}');
  });

  it('refuses to be built without a key', () => {
    expect(() => new AesGcmPayloadCodec([])).toThrow();
  });
});
