/**
 * Messages of the TOTP registration workflow. No message carries the secret in cleartext: the
 * registration answers with the secret sealed by the secret box, which only the API opens.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { FlowState } from './flows';
import type { Details } from './verification-messages';

export interface TOTPRegistrationInput {
  userId: string;
  orgId: string;
  ttlMs: number;
  maxAttempts: number;
}

export interface StartTOTPResult {
  /** The new secret sealed for `totp:<userId>` (infra/secret-box.ts); never the plain one. */
  sealedSecret: string;
  details: Details;
  expiresAt: string;
}

export interface VerifyTOTPRequest {
  code: string;
}

/** `closed`: verified or cancelled and finishing; nothing is pending. */
export type VerifyTOTPRejection = 'invalid' | 'locked' | 'expired' | 'closed';

export type VerifyTOTPResult =
  { ok: true; details: Details } | { ok: false; reason: VerifyTOTPRejection };

export interface TOTPRegistrationStatus {
  state: FlowState;
  generation: number;
  attempts: number;
  expiresAt?: string;
}

/** Makes a new secret; a pending one is replaced and the lifetime starts again. */
export const startTOTPUpdate = defineUpdate<StartTOTPResult, []>('startTOTP');
export const verifyTOTPUpdate = defineUpdate<VerifyTOTPResult, [VerifyTOTPRequest]>('verifyTOTP');
export const totpStatusQuery = defineQuery<TOTPRegistrationStatus>('totpStatus');

/** Longest code a caller may submit (contract: code 1..200). */
export const MAX_TOTP_CODE_LENGTH = 200;
