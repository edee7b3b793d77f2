import type { Migration } from './index';

const STATEMENTS = [
  // One row per registration run: the pending secret, sealed, until the run ends.
  `CREATE TABLE totp_registrations (
     run_id text PRIMARY KEY,
     workflow_id text NOT NULL,
     user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     state text NOT NULL,
     generation integer NOT NULL,
     sealed_secret text,
     attempts integer NOT NULL DEFAULT 0,
     expires_at timestamptz NOT NULL,
     created_at timestamptz NOT NULL,
     updated_at timestamptz NOT NULL,
     finished_at timestamptz,
     result_sequence bigint,
     result_change_date timestamptz
   )`,
  `CREATE INDEX totp_registrations_by_user ON totp_registrations (user_id, created_at DESC)`,
  // A user's verified TOTP: the sealed secret and the last time step accepted (RFC 6238 5.2).
  `CREATE TABLE totp_credentials (
     user_id text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
     sealed_secret text NOT NULL,
     last_time_step bigint,
     imported boolean NOT NULL DEFAULT false,
     created_at timestamptz NOT NULL,
     updated_at timestamptz NOT NULL
   )`,
];

export const totpSchema: Migration = {
  name: '0004-totp',
  async up(db, transaction) {
    for (const sql of STATEMENTS) {
      await db.query(sql, { transaction });
    }
  },
};
