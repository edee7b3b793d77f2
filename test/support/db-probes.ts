/** Reads of PostgreSQL that tests use to check what the service stored. */
import type { Database } from '../../infra/database';
import { queryOne, queryRows } from '../../store/sql';

export async function userRow(db: Database, userId: string) {
  return queryOne<{ email: string; email_verified: boolean; sequence: string }>(
    db,
    'SELECT email, email_verified, sequence FROM users WHERE id = $1',
    [userId],
  );
}

export async function latestFlowState(db: Database, userId: string): Promise<string | undefined> {
  const row = await queryOne<{ state: string }>(
    db,
    `SELECT state FROM verification_flows WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
    [userId],
  );
  return row?.state;
}

export async function eventTypes(db: Database, userId: string): Promise<string[]> {
  const rows = await queryRows<{ type: string }>(
    db,
    'SELECT type FROM user_events WHERE user_id = $1 ORDER BY sequence',
    [userId],
  );
  return rows.map((r) => r.type);
}

/** Every row of every table in the public schema, as text, to search for leaked secrets. */
export async function dumpAllTables(db: Database): Promise<string> {
  const tables = await queryRows<{ tablename: string }>(
    db,
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    [],
  );
  const parts: string[] = [];
  for (const { tablename } of tables) {
    const rows = await queryRows(db, `SELECT * FROM "${tablename}"`, []);
    parts.push(JSON.stringify(rows));
  }
  return parts.join('\n');
}
