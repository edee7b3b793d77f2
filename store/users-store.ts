/**
 * Users and their append-only change record. Every write appends a user event and bumps the
 * user's sequence in the same statement, so `details.sequence` and `changeDate` are real.
 */
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Details } from '../common/verification-messages';
import { Errors, FlowgateError } from '../common/errors';
import type { Database } from '../infra/database';
import { toDetails, type SequenceRow } from './details';
import { queryOne, queryRows } from './sql';

export interface UserRow {
  id: string;
  org_id: string;
  username: string;
  email: string;
  email_verified: boolean;
  phone: string | null;
  phone_verified: boolean;
  password_hash: string | null;
  state: string;
  sequence: string;
}

export interface NewUser {
  id: string;
  orgId: string;
  username: string;
  givenName: string;
  familyName: string;
  nickName?: string;
  displayName: string;
  preferredLanguage?: string;
  gender?: string;
  email: string;
  emailVerified: boolean;
  phone?: string;
  phoneVerified: boolean;
  passwordHash?: string;
  passwordChangeRequired: boolean;
  metadata: { key: string; value: Buffer }[];
}

/** Inserts a user with its metadata; a taken id or username is a FlowgateError. */
export async function insertUser(
  db: Database,
  user: NewUser,
  at: Date,
  transaction: Transaction,
): Promise<void> {
  try {
    await queryRows(
      db,
      `INSERT INTO users (id, org_id, username, given_name, family_name, nick_name, display_name,
         preferred_language, gender, email, email_verified, phone, phone_verified, password_hash,
         password_change_required, created_at, change_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
       RETURNING id`,
      [
        user.id,
        user.orgId,
        user.username,
        user.givenName,
        user.familyName,
        user.nickName ?? null,
        user.displayName,
        user.preferredLanguage ?? null,
        user.gender ?? null,
        user.email,
        user.emailVerified,
        user.phone ?? null,
        user.phoneVerified,
        user.passwordHash ?? null,
        user.passwordChangeRequired,
        at,
      ],
      transaction,
    );
  } catch (error) {
    throw translateUniqueViolation(error);
  }

  for (const entry of user.metadata) {
    await queryRows(
      db,
      'INSERT INTO user_metadata (user_id, key, value) VALUES ($1, $2, $3) RETURNING key',
      [user.id, entry.key, entry.value],
      transaction,
    );
  }
}

function translateUniqueViolation(error: unknown): unknown {
  if (!(error instanceof UniqueConstraintError)) {
    return error;
  }
  const constraint = (error.parent as { constraint?: string } | undefined)?.constraint;
  return constraint === 'users_pkey'
    ? new FlowgateError(Errors.userIdTaken)
    : new FlowgateError(Errors.userAlreadyExists);
}

/**
 * Appends an event to the user's record and returns the new `details`. The event payload must
 * never hold a secret: it is a readable audit trail.
 */
export async function appendUserEvent(
  db: Database,
  userId: string,
  type: string,
  payload: Record<string, unknown>,
  at: Date,
  transaction: Transaction,
): Promise<Details> {
  const row = await queryOne<SequenceRow>(
    db,
    `UPDATE users SET sequence = sequence + 1, change_date = $2 WHERE id = $1
     RETURNING sequence, change_date, org_id`,
    [userId, at],
    transaction,
  );
  if (!row) {
    throw new FlowgateError(Errors.userNotFound);
  }

  await queryRows(
    db,
    `INSERT INTO user_events (user_id, sequence, type, payload, created_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING sequence`,
    [userId, row.sequence, type, JSON.stringify(payload), at],
    transaction,
  );
  return toDetails(row);
}

export async function findUser(
  db: Database,
  userId: string,
  transaction?: Transaction,
): Promise<UserRow | undefined> {
  return queryOne<UserRow>(
    db,
    `SELECT id, org_id, username, email, email_verified, phone, phone_verified, password_hash,
       state, sequence FROM users WHERE id = $1`,
    [userId],
    transaction,
  );
}

/** Sets the email address and its verified flag; any change resets verification. */
export async function updateEmail(
  db: Database,
  userId: string,
  email: string,
  verified: boolean,
  transaction: Transaction,
): Promise<void> {
  await queryRows(
    db,
    'UPDATE users SET email = $2, email_verified = $3 WHERE id = $1 RETURNING id',
    [userId, email, verified],
    transaction,
  );
}

/**
 * Marks the email verified only while it is still the address the code was sent to; false
 * when the user has since changed it.
 */
export async function markEmailVerified(
  db: Database,
  userId: string,
  email: string,
  transaction: Transaction,
): Promise<boolean> {
  const rows = await queryRows(
    db,
    'UPDATE users SET email_verified = true WHERE id = $1 AND email = $2 RETURNING id',
    [userId, email],
    transaction,
  );
  return rows.length === 1;
}

/** Removes a user created moments ago whose first flow could not be started. */
export async function deleteUser(db: Database, userId: string): Promise<void> {
  await queryRows(db, 'DELETE FROM users WHERE id = $1 RETURNING id', [userId]);
}

/** Sets the phone number (E.164) and its verified flag; any change resets verification. */
export async function updatePhone(
  db: Database,
  userId: string,
  phone: string,
  verified: boolean,
  transaction: Transaction,
): Promise<void> {
  await queryRows(
    db,
    'UPDATE users SET phone = $2, phone_verified = $3 WHERE id = $1 RETURNING id',
    [userId, phone, verified],
    transaction,
  );
}

/** Marks the phone verified only while it is still the number the code was sent to. */
export async function markPhoneVerified(
  db: Database,
  userId: string,
  phone: string,
  transaction: Transaction,
): Promise<boolean> {
  const rows = await queryRows(
    db,
    'UPDATE users SET phone_verified = true WHERE id = $1 AND phone = $2 RETURNING id',
    [userId, phone],
    transaction,
  );
  return rows.length === 1;
}
