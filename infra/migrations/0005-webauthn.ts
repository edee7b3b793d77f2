import type { Migration } from './index';

const STATEMENTS = [
  // Registered passkeys and U2F security keys (WebAuthn L3 7.1 step 27: the credential record).
  `CREATE TABLE webauthn_credentials (
     id text PRIMARY KEY,
     user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     kind text NOT NULL CHECK (kind IN ('passkey', 'u2f')),
     credential_id text NOT NULL UNIQUE,
     public_key bytea NOT NULL,
     sign_count bigint NOT NULL DEFAULT 0,
     transports text[] NOT NULL DEFAULT '{}',
     name text NOT NULL,
     rp_id text NOT NULL,
     aaguid text NOT NULL,
     device_type text NOT NULL,
     backed_up boolean NOT NULL,
     user_verified boolean NOT NULL,
     created_at timestamptz NOT NULL
   )`,
  `CREATE INDEX webauthn_credentials_by_user ON webauthn_credentials (user_id, kind)`,
  // Each registration a flow started, and how it ended; the challenge stays in the workflow.
  `CREATE TABLE webauthn_registrations (
     id text PRIMARY KEY,
     workflow_id text NOT NULL,
     run_id text NOT NULL,
     kind text NOT NULL CHECK (kind IN ('passkey', 'u2f')),
     user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     rp_id text NOT NULL,
     state text NOT NULL,
     link_code_id text,
     expires_at timestamptz NOT NULL,
     created_at timestamptz NOT NULL,
     finished_at timestamptz,
     result_sequence bigint,
     result_change_date timestamptz
   )`,
  `CREATE INDEX webauthn_registrations_by_user
     ON webauthn_registrations (user_id, kind, created_at DESC)`,
  // Passkey registration link codes: only a keyed hash, a counter of wrong tries, single use.
  `CREATE TABLE passkey_registration_links (
     id text PRIMARY KEY,
     user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     code_hash text NOT NULL,
     attempts integer NOT NULL DEFAULT 0,
     expires_at timestamptz NOT NULL,
     created_at timestamptz NOT NULL,
     used_at timestamptz,
     registration_id text
   )`,
];

export const webauthnSchema: Migration = {
  name: '0005-webauthn',
  async up(db, transaction) {
    for (const sql of STATEMENTS) {
      await db.query(sql, { transaction });
    }
  },
};
