import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../infra/database';

/** Runs a parameterised statement and returns its rows (also for `... RETURNING`). */
export async function queryRows<T extends object>(
  db: Database,
  sql: string,
  bind: unknown[],
  transaction?: Transaction,
): Promise<T[]> {
  return db.query<T>(sql, { bind, transaction, type: QueryTypes.SELECT });
}

export async function queryOne<T extends object>(
  db: Database,
  sql: string,
  bind: unknown[],
  transaction?: Transaction,
): Promise<T | undefined> {
  const rows = await queryRows<T>(db, sql, bind, transaction);
  return rows[0];
}
