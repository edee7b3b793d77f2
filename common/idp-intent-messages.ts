/**
 * Messages of the identity-provider intent workflow. Pure definitions, safe to import from
 * workflow code.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export interface IdpIntentInput {
  intentId: string;
  idpId: string;
  successUrl: string;
  failureUrl: string;
  /** How long the intent waits for its callback, and lives after success. */
  ttlMs: number;
}

export type IdpIntentState = 'started' | 'succeeded' | 'failed' | 'expired';

export interface BeginIntentResult {
  authUrl: string;
}

/** The query string the provider sent to the callback (code and state, or error). */
export interface CallbackRequest {
  query: string;
}

/** Longest callback query string the workflow accepts. */
export const MAX_CALLBACK_QUERY_LENGTH = 8192;

/**
 * Where the browser goes next. `token` is the only copy of the success token: PostgreSQL keeps
 * its keyed hash. `refused`: the intent was no longer waiting for a callback.
 */
export type CallbackResult =
  | { outcome: 'succeeded'; token: string; userId?: string }
  | { outcome: 'failed'; error: string; errorDescription?: string }
  | { outcome: 'refused' };

export const beginIntentUpdate = defineUpdate<BeginIntentResult, []>('beginIntent');
export const callbackUpdate = defineUpdate<CallbackResult, [CallbackRequest]>('callback');
export const intentStateQuery = defineQuery<IdpIntentState>('intentState');

/** The error a failed code exchange reports to `failureUrl` (contract section 5). */
export const LOGIN_FAILED_ERROR = {
  error: 'IDP-JdD3g',
  errorDescription: 'Errors.User.ExternalIDP.LoginFailed',
} as const;
