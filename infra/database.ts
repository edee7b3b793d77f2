/**
 * PostgreSQL through Sequelize. The schema is versioned by umzug migrations run at start;
 * never `sequelize.sync()`.
 */
import { Sequelize } from 'sequelize';
import { Umzug, type UmzugStorage } from 'umzug';
import type { Transaction } from 'sequelize';
import type { Logger } from './logger';
import { migrations } from './migrations';

export type Database = Sequelize;

export function connectDatabase(url: string, poolMax = 10): Database {
  return new Sequelize(url, {
    dialect: 'postgres',
    // SQL with parameters never reaches a log line (STYLE.md 13).
    logging: false,
    pool: { max: poolMax, min: 0, idle: 10_000, acquire: 15_000 },
  });
}

/** Applies pending migrations; safe to run from several processes at once. */
export async function migrate(db: Database, logger?: Logger): Promise<void> {
  // One migrator at a time across processes (api and worker may start together).
  await db.transaction(async (transaction) => {
    await db.query('SELECT pg_advisory_xact_lock(724190)', { transaction });
    await db.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations
         (name text PRIMARY KEY, applied_at timestamptz)`,
      { transaction },
    );
    const umzug = new Umzug({
      migrations: migrations.map((m) => ({
        name: m.name,
        up: () => m.up(db, transaction),
      })),
      context: db,
      storage: transactionalStorage(db, transaction),
      logger: undefined,
    });
    const applied = await umzug.up();
    if (applied.length > 0) {
      logger?.info({ migrations: applied.map((m) => m.name) }, 'database migrated');
    }
  });
}

/** Records applied migrations in the same transaction as the migrations themselves. */
function transactionalStorage(db: Database, transaction: Transaction): UmzugStorage {
  return {
    async executed() {
      const [rows] = await db.query('SELECT name FROM schema_migrations', { transaction });
      return (rows as { name: string }[]).map((r) => r.name);
    },
    async logMigration({ name }) {
      await db.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, now())', {
        bind: [name],
        transaction,
      });
    },
    async unlogMigration({ name }) {
      await db.query('DELETE FROM schema_migrations WHERE name = $1', {
        bind: [name],
        transaction,
      });
    },
  };
}

/** Whether the database answers a trivial query within `timeoutMs`. */
export async function databaseIsReachable(db: Database, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const probe = db.query('SELECT 1').then(() => true);
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  return Promise.race([probe, timeout])
    .catch(() => false)
    .finally(() => clearTimeout(timer));
}
