/**
 * The OTP second factors a user enabled: `user_otp_factors (user_id, type, created_at)`, one
 * row per user and type. A factor is usable only while its address is verified, which the
 * OTP probes of `authentication-methods.ts` apply.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../infra/database';
import { queryOne, queryRows } from './sql';

export type OtpFactorType = 'otp_email' | 'otp_sms';

/** The user's verified flags, with the row locked against a concurrent address change. */
export async function lockUserAddresses(
  db: Database,
  userId: string,
  transaction: Transaction,
): Promise<{ email_verified: boolean; phone_verified: boolean } | undefined> {
  return queryOne(
    db,
    'SELECT email_verified, phone_verified FROM users WHERE id = $1 FOR UPDATE',
    [userId],
    transaction,
  );
}

/** Adds the factor; false when the user has it already. */
export async function insertOtpFactor(
  db: Database,
  userId: string,
  type: OtpFactorType,
  at: Date,
  transaction: Transaction,
): Promise<boolean> {
  const rows = await queryRows(
    db,
    `INSERT INTO user_otp_factors (user_id, type, created_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING type`,
    [userId, type, at],
    transaction,
  );
  return rows.length === 1;
}

/** Removes the factor; false when the user did not have it. */
export async function deleteOtpFactor(
  db: Database,
  userId: string,
  type: OtpFactorType,
  transaction: Transaction,
): Promise<boolean> {
  const rows = await queryRows(
    db,
    'DELETE FROM user_otp_factors WHERE user_id = $1 AND type = $2 RETURNING type',
    [userId, type],
    transaction,
  );
  return rows.length === 1;
}
