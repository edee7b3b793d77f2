/** Counts of verification flows by kind and state, for the metrics endpoint. */
import type { Database } from '../infra/database';
import { queryRows } from './sql';

export interface FlowCount {
  kind: string;
  state: string;
  count: number;
}

export async function countFlows(db: Database): Promise<FlowCount[]> {
  const rows = await queryRows<{ kind: string; state: string; count: string }>(
    db,
    'SELECT kind, state, count(*) AS count FROM verification_flows GROUP BY kind, state',
    [],
  );
  return rows.map((row) => ({ kind: row.kind, state: row.state, count: Number(row.count) }));
}
