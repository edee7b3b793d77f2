/**
 * The user's password hash. Events about passwords carry no hash and no password: the user's
 * record is a readable audit trail.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../infra/database';
import { queryRows } from './sql';

export const PASSWORD_EVENTS = {
  changed: 'user.human.password.changed',
  codeAdded: 'user.human.password.code.added',
  hashUpgraded: 'user.human.password.hash.updated',
} as const;

/**
 * Stores a new password hash. With `expected`, only while the stored hash is still that one
 * (a change checked against the current password must not overwrite a concurrent one); returns
 * whether the row was written.
 */
export async function storePasswordHash(
  db: Database,
  change: { userId: string; hash: string; changeRequired: boolean; expected?: string | null },
  transaction: Transaction,
): Promise<boolean> {
  const guard = change.expected === undefined ? '' : ' AND password_hash IS NOT DISTINCT FROM $4';
  const bind: unknown[] = [change.userId, change.hash, change.changeRequired];
  if (change.expected !== undefined) {
    bind.push(change.expected);
  }
  const rows = await queryRows(
    db,
    `UPDATE users SET password_hash = $2, password_change_required = $3
     WHERE id = $1${guard} RETURNING id`,
    bind,
    transaction,
  );
  return rows.length === 1;
}

/** Replaces an imported or weaker hash of the same password; the change flag stays. */
export async function upgradePasswordHash(
  db: Database,
  userId: string,
  from: string,
  to: string,
  transaction: Transaction,
): Promise<boolean> {
  const rows = await queryRows(
    db,
    'UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2 RETURNING id',
    [userId, from, to],
    transaction,
  );
  return rows.length === 1;
}
