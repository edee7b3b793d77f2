/**
 * The attestation check of a registration (WebAuthn Level 3, 7.1 steps 5-26) as a value: the
 * credential to store, or the reason it was refused. Pure apart from SimpleWebAuthn, so it is
 * tested against recorded authenticator responses.
 */
import {
  verifyRegistrationResponse,
  type RegistrationResponseJSON,
  type VerifiedRegistrationResponse,
} from '@simplewebauthn/server';
import type { CredentialKind } from '../common/flows';

export type RegistrationInfo = NonNullable<VerifiedRegistrationResponse['registrationInfo']>;

export interface AttestationInput {
  response: Record<string, unknown>;
  challenge: string;
  origins: string[];
  rpId: string;
  credential: CredentialKind;
}

export type AttestationResult =
  { ok: true; info: RegistrationInfo } | { ok: false; message: string };

/** What a refused credential's 400 says; never the expected challenge. */
function describeRefusal(error: unknown): string {
  const message = error instanceof Error ? error.message : 'the credential could not be read';
  if (/challenge/i.test(message)) {
    return 'the credential does not answer the pending challenge';
  }
  return message.slice(0, 200);
}

/**
 * Checks the browser's credential against the challenge, the allowed origins and the RP ID. A
 * passkey must have verified the user (L3 7.1 step 17); a U2F key must only show presence.
 * SimpleWebAuthn throws for every malformed or mismatching response: each throw is a refusal
 * of this one credential, whose reason the caller passes on.
 */
export async function checkAttestation(input: AttestationInput): Promise<AttestationResult> {
  let verification: VerifiedRegistrationResponse;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response as unknown as RegistrationResponseJSON,
      expectedChallenge: input.challenge,
      expectedOrigin: input.origins,
      expectedRPID: input.rpId,
      requireUserVerification: input.credential === 'passkey',
    });
  } catch (error) {
    return { ok: false, message: describeRefusal(error) };
  }
  if (!verification.verified) {
    return { ok: false, message: 'the attestation could not be verified' };
  }
  return { ok: true, info: verification.registrationInfo };
}
