import type { Migration } from './index';

const STATEMENTS = [
  // One row per configured provider; the client secret only ever sealed (infra/secret-box.ts).
  `CREATE TABLE idp_configs (
     id text PRIMARY KEY,
     org_id text NOT NULL REFERENCES organizations(id),
     kind text NOT NULL CHECK (kind IN ('generic_oidc', 'oauth')),
     name text NOT NULL,
     client_id text NOT NULL,
     client_secret_sealed text NOT NULL,
     scopes jsonb NOT NULL DEFAULT '[]'::jsonb,
     issuer text,
     is_id_token_mapping boolean NOT NULL DEFAULT false,
     authorization_endpoint text,
     token_endpoint text,
     user_endpoint text,
     id_attribute text,
     sequence bigint NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL,
     change_date timestamptz NOT NULL
   )`,
  // An external identity belongs to at most one user (contract: AddIDPLink, 409 when taken).
  `CREATE TABLE idp_links (
     idp_id text NOT NULL REFERENCES idp_configs(id) ON DELETE CASCADE,
     external_user_id text NOT NULL,
     user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     user_name text NOT NULL,
     created_at timestamptz NOT NULL,
     PRIMARY KEY (idp_id, external_user_id)
   )`,
  `CREATE INDEX idp_links_by_user ON idp_links (user_id)`,
  // The intent's durable record: the PKCE verifier, nonce and the provider's answer are sealed;
  // the success token is kept only as a keyed hash.
  `CREATE TABLE idp_intents (
     id text PRIMARY KEY,
     idp_id text NOT NULL,
     state text NOT NULL,
     success_url text NOT NULL,
     failure_url text NOT NULL,
     secrets_sealed text,
     token_hash text,
     information_sealed text,
     user_id text,
     created_at timestamptz NOT NULL,
     succeeded_at timestamptz,
     expires_at timestamptz,
     finished_at timestamptz
   )`,
];

export const identityProviders: Migration = {
  name: '0006-identity-providers',
  async up(db, transaction) {
    for (const sql of STATEMENTS) {
      await db.query(sql, { transaction });
    }
  },
};
