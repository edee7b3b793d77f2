/**
 * The send budget's ledger: one row per code sent, per bucket. A spend locks its buckets,
 * counts them in the sliding window and records the send in one transaction, so two requests
 * at once can never both take the last send.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../infra/database';
import { queryOne, queryRows } from './sql';

export interface BudgetBucket {
  /** A keyed hash naming a recipient or a user; never the address itself. */
  bucket: string;
  limit: number;
}

export type BudgetSpend = { ok: true } | { ok: false; retryAfterMs: number };

/** Takes one send from every bucket, or from none when any of them is spent. */
export async function spendCodeSend(
  db: Database,
  buckets: BudgetBucket[],
  windowMs: number,
  at: Date,
): Promise<BudgetSpend> {
  const since = new Date(at.getTime() - windowMs);
  // Locks in one order, so two spends sharing buckets cannot deadlock.
  const ordered = [...buckets].sort((a, b) => a.bucket.localeCompare(b.bucket));

  return db.transaction(async (transaction): Promise<BudgetSpend> => {
    let retryAfterMs = 0;
    for (const { bucket, limit } of ordered) {
      await queryRows(
        db,
        'SELECT pg_advisory_xact_lock(hashtextextended($1, 724191)) AS locked',
        [bucket],
        transaction,
      );
      await queryRows(
        db,
        'DELETE FROM code_sends WHERE bucket = $1 AND sent_at <= $2 RETURNING id',
        [bucket, since],
        transaction,
      );
      const used = await queryOne<{ count: string; oldest: Date | null }>(
        db,
        'SELECT count(*) AS count, min(sent_at) AS oldest FROM code_sends WHERE bucket = $1',
        [bucket],
        transaction,
      );
      if (Number(used?.count ?? 0) >= limit && used?.oldest) {
        const frees = new Date(used.oldest).getTime() + windowMs - at.getTime();
        retryAfterMs = Math.max(retryAfterMs, frees, 1);
      }
    }
    if (retryAfterMs > 0) {
      return { ok: false, retryAfterMs };
    }

    for (const { bucket } of ordered) {
      await queryRows(
        db,
        'INSERT INTO code_sends (bucket, sent_at) VALUES ($1, $2) RETURNING id',
        [bucket, at],
        transaction,
      );
    }
    await sweepExpiredSends(db, windowMs, transaction);
    return { ok: true };
  });
}

/**
 * Drops a few sends of any bucket that have left the window, so buckets never spent again do
 * not stay forever. Such rows count for no one, so no bucket lock is needed. The cutoff is the
 * database's own time, so a caller with a skewed clock cannot sweep sends still in the window.
 */
async function sweepExpiredSends(db: Database, windowMs: number, transaction: Transaction) {
  await queryRows(
    db,
    `DELETE FROM code_sends WHERE id IN
       (SELECT id FROM code_sends WHERE sent_at <= now() - $1 * interval '1 millisecond'
        ORDER BY sent_at LIMIT 50)
     RETURNING id`,
    [windowMs],
    transaction,
  );
}
