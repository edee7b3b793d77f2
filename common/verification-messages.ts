/**
 * Messages of the verification workflow. Updates answer the caller; the query returns the
 * client's view without secrets.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { FlowState, VerificationChannel, VerificationKind } from './flows';

/** The contract's `details` object, sequence as a string (uint64 in protojson). */
export interface Details {
  sequence: string;
  changeDate: string;
  resourceOwner: string;
}

export interface VerificationInput {
  kind: VerificationKind;
  channel: VerificationChannel;
  userId: string;
  orgId: string;
  ttlMs: number;
  maxAttempts: number;
}

export type CodeDelivery = { type: 'send'; urlTemplate?: string } | { type: 'return' };

export interface IssueCodeRequest {
  /** The address the code proves: an email address for the email channel. */
  target: string;
  delivery: CodeDelivery;
  /** Where this code goes when not the flow's own channel: a password reset by SMS. */
  channel?: VerificationChannel;
}

export interface IssueCodeResult {
  /** Present only for `return` delivery: the one response that carries the plain code. */
  verificationCode?: string;
  details: Details;
}

/**
 * What a right password reset code sets. The API hashes the new password first, so the
 * cleartext never enters history; `unchanged` says it equals the current one, which is told
 * only to a caller whose code is right.
 */
export interface NewPasswordHash {
  hash: string;
  changeRequired: boolean;
  unchanged: boolean;
}

export interface SubmitCodeRequest {
  code: string;
  /** Required by a password reset, ignored by the other kinds. */
  password?: NewPasswordHash;
}

/**
 * `closed`: the flow was verified or cancelled and is finishing; nothing is pending.
 * `unchanged`: a right reset code with the current password as the new one; the code lives on.
 */
export type SubmitCodeRejection =
  'invalid' | 'locked' | 'expired' | 'stale' | 'closed' | 'unchanged';

export type SubmitCodeResult =
  { ok: true; details: Details } | { ok: false; reason: SubmitCodeRejection };

export interface VerificationStatus {
  state: FlowState;
  generation: number;
  attempts: number;
  expiresAt?: string;
}

export const issueCodeUpdate = defineUpdate<IssueCodeResult, [IssueCodeRequest]>('issueCode');
export const submitCodeUpdate = defineUpdate<SubmitCodeResult, [SubmitCodeRequest]>('submitCode');
export const cancelSignal = defineSignal<[]>('cancel');
export const statusQuery = defineQuery<VerificationStatus>('status');

/** Longest code a caller may submit (contract: verificationCode 1..20). */
export const MAX_SUBMITTED_CODE_LENGTH = 20;
