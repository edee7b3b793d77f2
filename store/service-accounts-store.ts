/**
 * Service accounts and their personal access tokens. A token is stored only as its keyed hash;
 * looking one up is an equality search on that hash.
 */
import type { Database } from '../infra/database';
import { queryOne, queryRows } from './sql';

export interface ServiceAccountRow {
  id: string;
  org_id: string;
  name: string;
  roles: string[];
  created_at: Date;
}

export interface AccessTokenRow {
  id: string;
  service_account_id: string;
  expires_at: Date;
  revoked_at: Date | null;
  created_at: Date;
}

/** A live token with the account it speaks for. */
export interface TokenHolder {
  token_id: string;
  service_account_id: string;
  org_id: string;
  roles: string[];
}

export async function insertServiceAccount(
  db: Database,
  account: { id: string; orgId: string; name: string; roles: string[] },
  at: Date,
): Promise<ServiceAccountRow> {
  const row = await queryOne<ServiceAccountRow>(
    db,
    `INSERT INTO service_accounts (id, org_id, name, roles, created_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [account.id, account.orgId, account.name, account.roles, at],
  );
  return row!;
}

export async function findServiceAccount(
  db: Database,
  id: string,
): Promise<ServiceAccountRow | undefined> {
  return queryOne<ServiceAccountRow>(db, 'SELECT * FROM service_accounts WHERE id = $1', [id]);
}

export async function insertAccessToken(
  db: Database,
  token: { id: string; serviceAccountId: string; tokenHash: string; expiresAt: Date },
  at: Date,
): Promise<AccessTokenRow> {
  const row = await queryOne<AccessTokenRow>(
    db,
    `INSERT INTO access_tokens (id, service_account_id, token_hash, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5)
     RETURNING id, service_account_id, expires_at, revoked_at, created_at`,
    [token.id, token.serviceAccountId, token.tokenHash, token.expiresAt, at],
  );
  return row!;
}

/** The holder of an unrevoked token that has not expired at `now`, if any. */
export async function findLiveToken(
  db: Database,
  tokenHash: string,
  now: Date,
): Promise<TokenHolder | undefined> {
  return queryOne<TokenHolder>(
    db,
    `SELECT t.id AS token_id, a.id AS service_account_id, a.org_id, a.roles
     FROM access_tokens t JOIN service_accounts a ON a.id = t.service_account_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2`,
    [tokenHash, now],
  );
}

export async function listAccessTokens(
  db: Database,
  serviceAccountId: string,
): Promise<AccessTokenRow[]> {
  return queryRows<AccessTokenRow>(
    db,
    `SELECT id, service_account_id, expires_at, revoked_at, created_at FROM access_tokens
     WHERE service_account_id = $1 ORDER BY created_at, id`,
    [serviceAccountId],
  );
}

/** Revokes a token of the account; false when the account has no such token. */
export async function revokeAccessToken(
  db: Database,
  serviceAccountId: string,
  tokenId: string,
  at: Date,
): Promise<boolean> {
  const rows = await queryRows(
    db,
    `UPDATE access_tokens SET revoked_at = COALESCE(revoked_at, $3)
     WHERE service_account_id = $1 AND id = $2 RETURNING id`,
    [serviceAccountId, tokenId, at],
  );
  return rows.length === 1;
}
