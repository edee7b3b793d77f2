import { z } from 'zod';
import type { AuthenticatorAttachment } from '../../common/webauthn-messages';
import { atMostOne, idString, runes } from '../validation';

/** PasskeyAuthenticator by name or number (protojson accepts both). */
const AUTHENTICATORS: Record<string, AuthenticatorAttachment | undefined> = {
  PASSKEY_AUTHENTICATOR_UNSPECIFIED: undefined,
  PASSKEY_AUTHENTICATOR_PLATFORM: 'platform',
  PASSKEY_AUTHENTICATOR_CROSS_PLATFORM: 'cross-platform',
  0: undefined,
  1: 'platform',
  2: 'cross-platform',
};

const authenticator = z
  .union([z.string(), z.number()])
  .refine((value) => String(value) in AUTHENTICATORS, 'value must be a PasskeyAuthenticator')
  .transform((value) => AUTHENTICATORS[String(value)]);

export const passkeyRegistrationCode = z.object({ id: idString, code: runes(1, 200) });

/** A WebAuthn PublicKeyCredential as JSON; the flow checks its shape and size. */
const publicKeyCredential = z.record(z.unknown());

export const createPasskeyLinkRequest = z
  .object({
    userId: idString,
    sendLink: z.object({ urlTemplate: runes(1, 200).optional() }).optional(),
    returnCode: z.object({}).optional(),
  })
  .superRefine(atMostOne(['sendLink', 'returnCode']));

export const registerPasskeyRequest = z.object({
  userId: idString,
  code: passkeyRegistrationCode.optional(),
  authenticator: authenticator.optional(),
  domain: runes(1, 200).optional(),
});

export const verifyPasskeyRegistrationRequest = z.object({
  userId: idString,
  passkeyId: idString,
  publicKeyCredential,
  passkeyName: runes(1, 200),
});

export const registerU2FRequest = z.object({
  userId: idString,
  domain: runes(1, 200).optional(),
});

export const verifyU2FRegistrationRequest = z.object({
  userId: idString,
  u2fId: idString,
  publicKeyCredential,
  tokenName: runes(1, 200),
});

/** The self-service page's calls: the link's code is the proof (no bearer token). */
export const pageStartRequest = z.object({
  userId: idString,
  code: passkeyRegistrationCode,
  kind: z.enum(['passkey', 'u2f']),
});

export const pageFinishRequest = z.object({
  userId: idString,
  code: passkeyRegistrationCode,
  registrationId: idString,
  publicKeyCredential,
  name: runes(1, 200),
});

export type CreatePasskeyLinkRequest = z.infer<typeof createPasskeyLinkRequest>;
export type RegisterPasskeyRequest = z.infer<typeof registerPasskeyRequest>;
