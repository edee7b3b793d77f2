import type { Migration } from './index';

const STATEMENTS = [
  // The OTP second factors a user enabled (AddOTPEmail / AddOTPSMS): one row per user and type.
  `CREATE TABLE user_otp_factors (
     user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     type text NOT NULL CHECK (type IN ('otp_email', 'otp_sms')),
     created_at timestamptz NOT NULL,
     PRIMARY KEY (user_id, type)
   )`,
  // One row per code sent, by budget bucket (a keyed hash of recipient or user, never the
  // address itself); counted in a sliding window under a per-bucket advisory lock.
  `CREATE TABLE code_sends (
     id bigserial PRIMARY KEY,
     bucket text NOT NULL,
     sent_at timestamptz NOT NULL
   )`,
  `CREATE INDEX code_sends_by_bucket ON code_sends (bucket, sent_at)`,
  `CREATE INDEX code_sends_by_time ON code_sends (sent_at)`,
];

export const phoneAndOtpFactors: Migration = {
  name: '0002-phone-and-otp-factors',
  async up(db, transaction) {
    for (const sql of STATEMENTS) {
      await db.query(sql, { transaction });
    }
  },
};
