/**
 * The codec server for the Temporal Web UI (POST /codec/decode and /codec/encode): an operator
 * reads a flow's encrypted payloads on purpose, everyone else sees ciphertext. Browsers may call
 * it only from the UI's origin; callers need `iam.admin`. In dev mode the local UI, which has no
 * way to send a bearer token, is let in by its origin alone.
 */
import express, { Router, type RequestHandler } from 'express';
import type { Payload } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../../infra/payload-codec';
import { authenticate } from '../access/caller';
import { requirePermission } from '../access/require-permission';
import type { ApiDeps } from '../deps';
import { corsAllowlist } from '../middleware/cors';
import { codecRequest, type CodecRequest } from '../schemas/codec-schemas';
import { parseRequest } from '../validation';
import { ValidationError } from '../../common/errors';

// The UI sends whole histories' payloads in one call.
const CODEC_BODY_LIMIT = '4mb';

const toBytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));
const toBase64 = (bytes: Uint8Array | null | undefined): string =>
  Buffer.from(bytes ?? []).toString('base64');

function fromJson(payloads: CodecRequest['payloads']): Payload[] {
  return payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, toBytes(v)])),
    data: toBytes(p.data ?? ''),
  }));
}

function toJson(payloads: Payload[]) {
  return payloads.map((p) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, toBase64(v)]),
    ),
    data: toBase64(p.data),
  }));
}

/** iam.admin tokens; in dev mode also the local UI without a token, recognised by its origin. */
function operatorOnly(deps: ApiDeps): RequestHandler {
  const identify = authenticate(deps);
  const admin = requirePermission('iam.admin');
  const devUi = deps.config.mode === 'dev' ? deps.config.codec.uiOrigin : undefined;

  return async (req, res, next) => {
    if (devUi && !req.get('authorization') && req.get('origin') === devUi) {
      next();
      return;
    }
    // Both throw their 401 / 403; the error handler renders them.
    await identify(req, res, () => undefined);
    admin(req, res, () => undefined);
    next();
  };
}

async function transform(run: () => Promise<Payload[]>): Promise<Payload[]> {
  try {
    return await run();
  } catch {
    // A payload sealed with an unknown key or altered: the caller's input, not our fault.
    throw new ValidationError('invalid CodecRequest.Payloads: a payload could not be decoded');
  }
}

export function codecRouter(deps: ApiDeps): Router {
  const router = Router();
  const codec = new AesGcmPayloadCodec(deps.config.payloadKeys);

  router.use(corsAllowlist([deps.config.codec.uiOrigin], 'POST'));
  router.use(operatorOnly(deps));
  router.use(express.json({ limit: CODEC_BODY_LIMIT, strict: true }));

  router.post('/decode', async (req, res) => {
    const request = parseRequest('CodecRequest', codecRequest, req.body);
    const decoded = await transform(() => codec.decode(fromJson(request.payloads)));
    res.json({ payloads: toJson(decoded) });
  });
  router.post('/encode', async (req, res) => {
    const request = parseRequest('CodecRequest', codecRequest, req.body);
    const encoded = await transform(() => codec.encode(fromJson(request.payloads)));
    res.json({ payloads: toJson(encoded) });
  });
  return router;
}
