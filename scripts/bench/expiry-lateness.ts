/**
 * How late the scale run's flows were recorded as expired: PostgreSQL's finished_at of each
 * flow in state 'expired' minus its deadline (expires_at), both written by the flow itself.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../infra/database';
import { queryRows } from '../../store/sql';
import { summarize, type LatencySummary } from './stats';

export interface ExpiryFigures {
  /** Flows by state: all should be 'expired' at the end. */
  states: Record<string, number>;
  /** finished_at minus expires_at of the expired flows, in milliseconds. */
  lateness: LatencySummary;
  /** The most deadlines that fell within one minute. */
  busiestMinute: number;
  /** The most flows pending at one instant, from their created_at and finished_at. */
  peakPending: number;
}

interface FlowRow {
  state: string;
  late_ms: string | null;
  deadline_ms: string;
}

/** The email flows of the users whose username starts with `prefix`. */
function flowsOf(db: Database, prefix: string): Promise<FlowRow[]> {
  return queryRows<FlowRow>(
    db,
    `SELECT f.state,
            EXTRACT(EPOCH FROM (f.finished_at - f.expires_at)) * 1000 AS late_ms,
            EXTRACT(EPOCH FROM f.expires_at) * 1000 AS deadline_ms
       FROM verification_flows f JOIN users u ON u.id = f.user_id
      WHERE f.kind = 'email-verification' AND u.username LIKE $1 || '%'`,
    [prefix],
  );
}

export async function countByState(db: Database, prefix: string): Promise<Record<string, number>> {
  const rows = await queryRows<{ state: string; count: string }>(
    db,
    `SELECT f.state, count(*) AS count
       FROM verification_flows f JOIN users u ON u.id = f.user_id
      WHERE f.kind = 'email-verification' AND u.username LIKE $1 || '%'
      GROUP BY f.state`,
    [prefix],
  );
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.count)]));
}

/** Polls until `expected` flows are expired or `timeoutMs` has passed; returns the count. */
export async function waitForExpired(
  db: Database,
  prefix: string,
  expected: number,
  timeoutMs: number,
): Promise<number> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const expired = (await countByState(db, prefix)).expired ?? 0;
    if (expired >= expected || Date.now() > giveUpAt) {
      return expired;
    }
    await sleep(5_000);
  }
}

function busiestMinute(deadlines: number[]): number {
  const sorted = [...deadlines].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end] - sorted[start] >= 60_000) {
      start += 1;
    }
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Each start counts +1 and each finish -1; at equal times the finish comes first. */
async function peakPending(db: Database, prefix: string): Promise<number> {
  const [row] = await queryRows<{ peak: string | null }>(
    db,
    `WITH flows AS (
       SELECT f.created_at, f.finished_at
         FROM verification_flows f JOIN users u ON u.id = f.user_id
        WHERE f.kind = 'email-verification' AND u.username LIKE $1 || '%'),
     steps AS (
       SELECT created_at AS at, 1 AS step FROM flows
       UNION ALL SELECT finished_at, -1 FROM flows WHERE finished_at IS NOT NULL)
     SELECT max(running) AS peak
       FROM (SELECT sum(step) OVER (ORDER BY at, step) AS running FROM steps) AS totals`,
    [prefix],
  );
  return Number(row?.peak ?? 0);
}

export async function expiryFigures(db: Database, prefix: string): Promise<ExpiryFigures> {
  const rows = await flowsOf(db, prefix);
  const states: Record<string, number> = {};
  for (const row of rows) {
    states[row.state] = (states[row.state] ?? 0) + 1;
  }
  const expired = rows.filter((row) => row.state === 'expired' && row.late_ms !== null);
  return {
    states,
    lateness: summarize(expired.map((row) => Number(row.late_ms))),
    busiestMinute: busiestMinute(expired.map((row) => Number(row.deadline_ms))),
    peakPending: await peakPending(db, prefix),
  };
}
