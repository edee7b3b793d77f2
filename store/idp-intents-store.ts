/**
 * The durable record of identity-provider intents. The workflow drives the state; this table
 * holds what must not sit in cleartext history or outlive the intent: the sealed PKCE verifier
 * and nonce (cleared at the callback), the keyed hash of the success token, and the sealed
 * answer of the provider (cleared at expiry).
 */
import type { Database } from '../infra/database';
import { queryOne, queryRows } from './sql';

export type IdpIntentState = 'started' | 'succeeded' | 'failed' | 'expired';

export interface IdpIntentRow {
  id: string;
  idp_id: string;
  state: IdpIntentState;
  success_url: string;
  failure_url: string;
  secrets_sealed: string | null;
  token_hash: string | null;
  information_sealed: string | null;
  user_id: string | null;
  created_at: Date;
  succeeded_at: Date | null;
  expires_at: Date | null;
}

/** SecretBox context of an intent's sealed values. */
export function intentSecretContext(intentId: string, purpose: 'pkce' | 'information'): string {
  return `idp-intent:${intentId}:${purpose}`;
}

/** Scope of the success token's keyed hash (infra/codes.ts). */
export function intentTokenScope(intentId: string): string {
  return `idp-intent-token:${intentId}`;
}

export interface NewIdpIntent {
  id: string;
  idpId: string;
  successUrl: string;
  failureUrl: string;
  secretsSealed: string;
}

/** Records a started intent; repeated with the same id (an activity retry) it changes nothing. */
export async function insertIdpIntent(db: Database, intent: NewIdpIntent, at: Date) {
  await queryRows(
    db,
    `INSERT INTO idp_intents (id, idp_id, state, success_url, failure_url, secrets_sealed,
       created_at)
     VALUES ($1, $2, 'started', $3, $4, $5, $6)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [intent.id, intent.idpId, intent.successUrl, intent.failureUrl, intent.secretsSealed, at],
  );
}

export async function findIdpIntent(db: Database, id: string): Promise<IdpIntentRow | undefined> {
  return queryOne<IdpIntentRow>(db, 'SELECT * FROM idp_intents WHERE id = $1', [id]);
}

export interface IntentSuccess {
  tokenHash: string;
  informationSealed: string;
  userId?: string;
  expiresAt: Date;
}

/** Marks a started intent succeeded; the PKCE secrets are dropped in the same statement. */
export async function markIntentSucceeded(
  db: Database,
  id: string,
  success: IntentSuccess,
  at: Date,
): Promise<boolean> {
  const rows = await queryRows(
    db,
    `UPDATE idp_intents SET state = 'succeeded', secrets_sealed = NULL, token_hash = $2,
       information_sealed = $3, user_id = $4, succeeded_at = $5, expires_at = $6
     WHERE id = $1 AND state = 'started' RETURNING id`,
    [
      id,
      success.tokenHash,
      success.informationSealed,
      success.userId ?? null,
      at,
      success.expiresAt,
    ],
  );
  return rows.length === 1;
}

/**
 * Ends an intent as failed or expired and drops every secret it held; the token hash stays so
 * that a late retrieval with the right token learns the intent expired.
 */
export async function finishIntent(
  db: Database,
  id: string,
  state: 'failed' | 'expired',
  at: Date,
): Promise<void> {
  await queryRows(
    db,
    `UPDATE idp_intents SET state = $2, secrets_sealed = NULL, information_sealed = NULL,
       finished_at = $3
     WHERE id = $1 AND state IN ('started', 'succeeded') RETURNING id`,
    [id, state, at],
  );
}
