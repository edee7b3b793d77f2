import type { Migration } from './index';

const STATEMENTS = [
  `CREATE TABLE service_accounts (
     id text PRIMARY KEY,
     org_id text NOT NULL REFERENCES organizations(id),
     name text NOT NULL,
     roles text[] NOT NULL,
     created_at timestamptz NOT NULL
   )`,
  // Only a keyed hash of each token is kept (OWASP ASVS 5.0 V2); the plain token is shown once.
  `CREATE TABLE access_tokens (
     id text PRIMARY KEY,
     service_account_id text NOT NULL REFERENCES service_accounts(id) ON DELETE CASCADE,
     token_hash text NOT NULL UNIQUE,
     expires_at timestamptz NOT NULL,
     revoked_at timestamptz,
     created_at timestamptz NOT NULL
   )`,
  `CREATE INDEX access_tokens_by_account ON access_tokens (service_account_id, created_at)`,
];

export const accessModel: Migration = {
  name: '0007-access-model',
  async up(db, transaction) {
    for (const sql of STATEMENTS) {
      await db.query(sql, { transaction });
    }
  },
};
