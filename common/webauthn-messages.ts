/**
 * Messages of the WebAuthn registration workflow and the passkey link workflow. The creation
 * options carry the challenge to the browser; the status query never does.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CredentialKind, RegistrationKind } from './flows';
import type { CodeDelivery, Details } from './verification-messages';

/** The contract's PasskeyAuthenticator, as the attachment the options ask for. */
export type AuthenticatorAttachment = 'platform' | 'cross-platform';

export interface RegistrationInput {
  kind: RegistrationKind;
  credential: CredentialKind;
  userId: string;
  orgId: string;
  ttlMs: number;
  /** The relying party's display name (WebAuthn L3 5.4.2). */
  rpName: string;
  /** Origins the browser may register from (WebAuthn L3 7.1 step 9). */
  origins: string[];
}

export interface LinkCode {
  id: string;
  code: string;
}

export interface BeginRegistrationRequest {
  /** The RP ID the credential is bound to (WebAuthn L3 5.4.2). */
  rpId: string;
  attachment?: AuthenticatorAttachment;
  /** A registration link's code; consumed together with this start. */
  linkCode?: LinkCode;
}

/** PublicKeyCredentialCreationOptions as JSON (base64url fields), ready for the browser. */
export type CreationOptionsJSON = Record<string, unknown> & { challenge: string };

export interface BeginRegistrationResult {
  registrationId: string;
  options: CreationOptionsJSON;
  details: Details;
}

export interface VerifyRegistrationRequest {
  /** The pending registration the caller means: `{passkeyId}` / `{u2fId}` of the path. */
  registrationId: string;
  /** The browser's PublicKeyCredential as JSON (RegistrationResponseJSON). */
  credential: Record<string, unknown>;
  name: string;
}

/** `not-found`: not the pending registration (or none); `failed`: the credential was refused. */
export type VerifyRegistrationResult =
  | { ok: true; details: Details }
  | { ok: false; reason: 'not-found' | 'expired' }
  | { ok: false; reason: 'failed'; message: string };

export type RegistrationState = 'pending' | 'verified' | 'expired' | 'failed' | 'cancelled';

export interface RegistrationStatus {
  state: RegistrationState;
  registrationId?: string;
  generation: number;
  expiresAt?: string;
}

export const beginRegistrationUpdate = defineUpdate<
  BeginRegistrationResult,
  [BeginRegistrationRequest]
>('beginRegistration');
export const verifyRegistrationUpdate = defineUpdate<
  VerifyRegistrationResult,
  [VerifyRegistrationRequest]
>('verifyRegistration');
export const registrationStatusQuery = defineQuery<RegistrationStatus>('registrationStatus');

/** Longest credential JSON a caller may submit (the contract's 1 MB). */
export const MAX_CREDENTIAL_JSON_LENGTH = 1_000_000;

export interface PasskeyLinkInput {
  codeId: string;
  userId: string;
  orgId: string;
  ttlMs: number;
  delivery: CodeDelivery;
}

export interface PasskeyLinkResult {
  details: Details;
  /** Only for `return` delivery: the one response that carries the plain code. */
  code?: LinkCode;
}

export const issueLinkUpdate = defineUpdate<PasskeyLinkResult, []>('issueLink');
