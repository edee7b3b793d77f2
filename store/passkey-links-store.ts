/**
 * Passkey registration link codes: a keyed hash per code id, a counter of wrong tries that
 * only ever grows, and the registration that used the code.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../infra/database';
import { queryOne, queryRows } from './sql';

/** The hash scope binds a code to its code id: it is worthless for any other link. */
export const linkScope = (codeId: string): string => `passkey-link:${codeId}`;

export interface LinkRow {
  id: string;
  user_id: string;
  code_hash: string;
  attempts: number;
  expires_at: Date;
  used_at: Date | null;
  registration_id: string | null;
}

/** Stores a link's code hash; a retry of the same issue replaces the hash it stored. */
export async function storeLink(
  db: Database,
  link: { id: string; userId: string; codeHash: string; expiresAt: Date },
  at: Date,
  transaction: Transaction,
): Promise<void> {
  await queryRows(
    db,
    `INSERT INTO passkey_registration_links (id, user_id, code_hash, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET code_hash = $3, expires_at = $4
       WHERE passkey_registration_links.used_at IS NULL
     RETURNING id`,
    [link.id, link.userId, link.codeHash, link.expiresAt, at],
    transaction,
  );
}

/** The link row, locked for the transaction that checks its code. */
export async function lockLink(
  db: Database,
  id: string,
  transaction: Transaction,
): Promise<LinkRow | undefined> {
  return queryOne<LinkRow>(
    db,
    'SELECT * FROM passkey_registration_links WHERE id = $1 FOR UPDATE',
    [id],
    transaction,
  );
}

/** Counts a wrong code in one statement and returns the new count. */
export async function countLinkFailure(
  db: Database,
  id: string,
  transaction: Transaction,
): Promise<number> {
  const row = await queryOne<{ attempts: number }>(
    db,
    `UPDATE passkey_registration_links SET attempts = attempts + 1 WHERE id = $1
     RETURNING attempts`,
    [id],
    transaction,
  );
  return row?.attempts ?? 0;
}

/** Marks the code used by a registration: it never opens another one. */
export async function consumeLink(
  db: Database,
  id: string,
  registrationId: string,
  at: Date,
  transaction: Transaction,
): Promise<void> {
  await queryRows(
    db,
    `UPDATE passkey_registration_links SET used_at = $3, registration_id = $2
     WHERE id = $1 RETURNING id`,
    [id, registrationId, at],
    transaction,
  );
}

export async function findLink(db: Database, id: string): Promise<LinkRow | undefined> {
  return queryOne<LinkRow>(db, 'SELECT * FROM passkey_registration_links WHERE id = $1', [id]);
}
