/**
 * Flow kinds, states and naming shared by the API, the worker and the workflows.
 * Pure definitions, safe to import from workflow code.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** The verification kinds; later flows (phone, reset) add theirs here. */
export type VerificationKind = 'email-verification' | 'password-reset';

/** Where a code is delivered. */
export type VerificationChannel = 'email';

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
