/**
 * The dev outbox (messages kept in PostgreSQL instead of delivered) and the record of messages
 * a provider accepted, which makes a retried send a no-op.
 */
import type { Database } from '../infra/database';
import { queryOne, queryRows } from './sql';

export interface OutboxMessage {
  idempotencyKey: string;
  channel: 'email' | 'sms';
  recipient: string;
  /** SMS have none. */
  subject: string | null;
  body: string;
}

export interface OutboxRow {
  id: string;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  created_at: Date;
}

/** Keeps a message once per idempotency key. */
export async function insertOutboxMessage(
  db: Database,
  message: OutboxMessage,
  at: Date,
): Promise<void> {
  await queryRows(
    db,
    `INSERT INTO outbox_messages (idempotency_key, channel, recipient, subject, body, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [message.idempotencyKey, message.channel, message.recipient, message.subject, message.body, at],
  );
}

export async function listOutbox(
  db: Database,
  limit: number,
  recipient?: string,
): Promise<OutboxRow[]> {
  return queryRows<OutboxRow>(
    db,
    `SELECT id, channel, recipient, subject, body, created_at FROM outbox_messages
     WHERE ($2::text IS NULL OR lower(recipient) = lower($2))
     ORDER BY id DESC LIMIT $1`,
    [limit, recipient ?? null],
  );
}

export async function wasSent(db: Database, idempotencyKey: string): Promise<boolean> {
  const row = await queryOne(db, 'SELECT 1 AS sent FROM sent_messages WHERE idempotency_key = $1', [
    idempotencyKey,
  ]);
  return row !== undefined;
}

export async function recordSent(
  db: Database,
  idempotencyKey: string,
  provider: string,
  at: Date,
): Promise<void> {
  await queryRows(
    db,
    `INSERT INTO sent_messages (idempotency_key, provider, sent_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING idempotency_key`,
    [idempotencyKey, provider, at],
  );
}
