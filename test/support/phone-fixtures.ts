/** Phone numbers and phone-flow reads for the phone, OTP and budget tests. */
import { randomInt } from 'node:crypto';
import type { VerificationKind } from '../../common/flows';
import type { Database } from '../../infra/database';
import { queryOne } from '../../store/sql';

/** A fresh, valid Swiss mobile number: E.164 and the national form a person would type. */
export function newPhone(): { e164: string; national: string } {
  const digits = String(randomInt(10_000_000)).padStart(7, '0');
  return {
    e164: `+4179${digits}`,
    national: `079 ${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`,
  };
}

export async function phoneRow(db: Database, userId: string) {
  return queryOne<{ phone: string | null; phone_verified: boolean }>(
    db,
    'SELECT phone, phone_verified FROM users WHERE id = $1',
    [userId],
  );
}

/** The state of the user's latest flow of `kind` in PostgreSQL. */
export async function flowState(
  db: Database,
  userId: string,
  kind: VerificationKind,
): Promise<string | undefined> {
  const row = await queryOne<{ state: string }>(
    db,
    `SELECT state FROM verification_flows WHERE user_id = $1 AND kind = $2
     ORDER BY created_at DESC LIMIT 1`,
    [userId, kind],
  );
  return row?.state;
}

/** The code in the newest SMS the outbox kept for `phone`. */
export function codeInSms(text: string): string {
  const match = /code is ([A-Z0-9]+)\./.exec(text);
  if (!match) {
    throw new Error('no code in the SMS');
  }
  return match[1];
}
