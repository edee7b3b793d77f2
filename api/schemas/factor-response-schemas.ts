/**
 * The answers of the phone, OTP, TOTP and WebAuthn operations (contract operations 8 to 14 and
 * 17 to 22), documented in GET /openapi.json and checked by the tests.
 */
import { z } from 'zod';
import { detailsResponse } from './response-schemas';

/** SetPhone: the code only with `returnCode`. */
export const setPhoneResponse = z.object({
  details: detailsResponse,
  verificationCode: z.string().optional(),
});

/** RegisterTOTP: the otpauth URI and the base32 secret, shown in this answer only. */
export const registerTOTPResponse = z.object({
  details: detailsResponse,
  uri: z.string().startsWith('otpauth://totp/'),
  secret: z.string().regex(/^[A-Z2-7]+$/),
});

/** CreatePasskeyRegistrationLink: the code only with `returnCode`. */
export const createPasskeyLinkResponse = z.object({
  details: detailsResponse,
  code: z.object({ id: z.string(), code: z.string() }).optional(),
});

const credentialDescriptor = z.object({
  id: z.string(),
  type: z.literal('public-key'),
  transports: z.array(z.string()).optional(),
});

/** PublicKeyCredentialCreationOptionsJSON, binary fields base64url (WebAuthn Level 3, 5.4). */
export const creationOptions = z.object({
  rp: z.object({ id: z.string().optional(), name: z.string() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  challenge: z.string(),
  pubKeyCredParams: z.array(z.object({ type: z.literal('public-key'), alg: z.number().int() })),
  timeout: z.number().int().optional(),
  excludeCredentials: z.array(credentialDescriptor).optional(),
  authenticatorSelection: z
    .object({
      authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
      residentKey: z.enum(['discouraged', 'preferred', 'required']).optional(),
      requireResidentKey: z.boolean().optional(),
      userVerification: z.enum(['discouraged', 'preferred', 'required']).optional(),
    })
    .optional(),
  hints: z.array(z.string()).optional(),
  attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']).optional(),
  extensions: z.record(z.unknown()).optional(),
});

const creationOptionsStruct = z.object({ publicKey: creationOptions });

export const registerPasskeyResponse = z.object({
  details: detailsResponse,
  passkeyId: z.string(),
  publicKeyCredentialCreationOptions: creationOptionsStruct,
});

export const registerU2FResponse = z.object({
  details: detailsResponse,
  u2fId: z.string(),
  publicKeyCredentialCreationOptions: creationOptionsStruct,
});

/** The passkey page's start call: the registration and the options for the browser. */
export const passkeyPageStartResponse = z.object({
  registrationId: z.string(),
  publicKey: creationOptions,
});
