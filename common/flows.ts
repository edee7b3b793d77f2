/**
 * Flow kinds, states and naming shared by the API, the worker and the workflows.
 * Pure definitions, safe to import from workflow code.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** The verification kinds; later flows (phone, reset) add theirs here. */
export type VerificationKind = 'email-verification' | 'phone-verification' | 'password-reset';

/** Where a code is delivered. */
export type VerificationChannel = 'email' | 'phone';

/** Each kind's channel and the label operators read in its summary. */
export const VERIFICATIONS: Record<
  VerificationKind,
  {
    channel: VerificationChannel;
    label: string;
    /** The code authorises a new password instead of proving the address it went to. */
    resetsPassword?: boolean;
  }
> = {
  'email-verification': { channel: 'email', label: 'Email verification' },
  'phone-verification': { channel: 'phone', label: 'Phone verification' },
  'password-reset': { channel: 'email', label: 'Password reset', resetsPassword: true },
};

/**
 * A flow's life, after Ory Kratos' flow state machines: one pending state and the terminal
 * states an operator can filter on in the Temporal Web UI.
 */
export type FlowState = 'pending' | 'verified' | 'expired' | 'locked' | 'cancelled';

export const UserIdAttribute = defineSearchAttributeKey('UserId', SearchAttributeType.KEYWORD);
export const FlowKindAttribute = defineSearchAttributeKey('FlowKind', SearchAttributeType.KEYWORD);
export const FlowStateAttribute = defineSearchAttributeKey(
  'FlowState',
  SearchAttributeType.KEYWORD,
);

export const FLOW_SEARCH_ATTRIBUTES = [UserIdAttribute, FlowKindAttribute, FlowStateAttribute];

/**
 * Business-key workflow id: one flow per user and purpose, so a second request finds the
 * pending one instead of racing it.
 */
export function verificationWorkflowId(kind: VerificationKind, userId: string): string {
  return `${kind}:${userId}`;
}

/** The pending TOTP registration of a user: one workflow per user (RegisterTOTP). */
export const TOTP_REGISTRATION_KIND = 'totp-registration';

export function totpRegistrationWorkflowId(userId: string): string {
  return `${TOTP_REGISTRATION_KIND}:${userId}`;
}

/** Identity-provider intents (issue 7): one workflow per intent, ended by success or a timer. */
export const IDP_INTENT_KIND = 'idp-intent';

export function idpIntentWorkflowId(intentId: string): string {
  return `${IDP_INTENT_KIND}:${intentId}`;
}

/** What a WebAuthn registration adds: a passkey (first factor) or a U2F security key. */
export type CredentialKind = 'passkey' | 'u2f';

/** Pending WebAuthn registrations: one flow per user and credential kind. */
export type RegistrationKind = 'passkey-registration' | 'u2f-registration';

export const REGISTRATIONS: Record<
  RegistrationKind,
  { credential: CredentialKind; label: string }
> = {
  'passkey-registration': { credential: 'passkey', label: 'Passkey registration' },
  'u2f-registration': { credential: 'u2f', label: 'U2F registration' },
};

/** `<kind>:<userId>`: a new registration of the same kind finds and replaces the pending one. */
export function registrationWorkflowId(kind: RegistrationKind, userId: string): string {
  return `${kind}:${userId}`;
}
