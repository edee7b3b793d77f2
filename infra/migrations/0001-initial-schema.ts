import type { Migration } from './index';

const STATEMENTS = [
  `CREATE TABLE organizations (
     id text PRIMARY KEY,
     name text NOT NULL,
     primary_domain text NOT NULL UNIQUE,
     is_default boolean NOT NULL DEFAULT false,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE UNIQUE INDEX organizations_single_default ON organizations (is_default) WHERE is_default`,
  `CREATE TABLE users (
     id text PRIMARY KEY,
     org_id text NOT NULL REFERENCES organizations(id),
     username text NOT NULL,
     given_name text NOT NULL,
     family_name text NOT NULL,
     nick_name text,
     display_name text NOT NULL,
     preferred_language text,
     gender text,
     email text NOT NULL,
     email_verified boolean NOT NULL DEFAULT false,
     phone text,
     phone_verified boolean NOT NULL DEFAULT false,
     password_hash text,
     password_change_required boolean NOT NULL DEFAULT false,
     state text NOT NULL DEFAULT 'active',
     sequence bigint NOT NULL DEFAULT 0,
     created_at timestamptz NOT NULL,
     change_date timestamptz NOT NULL
   )`,
  `CREATE UNIQUE INDEX users_username_unique ON users (lower(username))`,
  `CREATE TABLE user_metadata (
     user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     key text NOT NULL,
     value bytea NOT NULL,
     PRIMARY KEY (user_id, key)
   )`,
  `CREATE TABLE user_events (
     user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     sequence bigint NOT NULL,
     type text NOT NULL,
     payload jsonb NOT NULL DEFAULT '{}'::jsonb,
     created_at timestamptz NOT NULL,
     PRIMARY KEY (user_id, sequence)
   )`,
  `CREATE TABLE verification_flows (
     run_id text PRIMARY KEY,
     workflow_id text NOT NULL,
     kind text NOT NULL,
     user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     target text NOT NULL,
     state text NOT NULL,
     generation integer NOT NULL,
     code_hash text,
     attempts integer NOT NULL DEFAULT 0,
     expires_at timestamptz NOT NULL,
     created_at timestamptz NOT NULL,
     updated_at timestamptz NOT NULL,
     finished_at timestamptz,
     result_sequence bigint,
     result_change_date timestamptz
   )`,
  `CREATE INDEX verification_flows_by_user ON verification_flows (user_id, kind, created_at DESC)`,
  `CREATE TABLE outbox_messages (
     id bigserial PRIMARY KEY,
     idempotency_key text NOT NULL UNIQUE,
     channel text NOT NULL,
     recipient text NOT NULL,
     subject text,
     body text NOT NULL,
     created_at timestamptz NOT NULL
   )`,
  `CREATE TABLE sent_messages (
     idempotency_key text PRIMARY KEY,
     provider text NOT NULL,
     sent_at timestamptz NOT NULL
   )`,
];

export const initialSchema: Migration = {
  name: '0001-initial-schema',
  async up(db, transaction) {
    for (const sql of STATEMENTS) {
      await db.query(sql, { transaction });
    }
  },
};
