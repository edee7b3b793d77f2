/**
 * PostgreSQL's record of verification flows: the keyed code hash, the atomic attempt counter
 * and each flow's outcome. Temporal owns the flow's progress; this table is what survives it
 * and what the API reads to tell an expired code from a missing one.
 */
import type { Transaction } from 'sequelize';
import type { FlowState, VerificationKind } from '../common/flows';
import type { Details } from '../common/verification-messages';
import type { Database } from '../infra/database';
import { toDetails } from './details';
import { queryOne, queryRows } from './sql';

export interface FlowRow {
  run_id: string;
  workflow_id: string;
  kind: VerificationKind;
  user_id: string;
  target: string;
  state: FlowState;
  generation: number;
  code_hash: string | null;
  attempts: number;
  expires_at: Date;
  result_sequence: string | null;
  result_change_date: Date | null;
}

export interface FlowCode {
  runId: string;
  workflowId: string;
  kind: VerificationKind;
  userId: string;
  target: string;
  generation: number;
  codeHash: string;
  expiresAt: Date;
}

/** Stores the hash of a newly issued code; the previous code of the flow dies with it. */
export async function storeFlowCode(
  db: Database,
  code: FlowCode,
  at: Date,
  transaction: Transaction,
): Promise<void> {
  await queryRows(
    db,
    `INSERT INTO verification_flows (run_id, workflow_id, kind, user_id, target, state,
       generation, code_hash, attempts, expires_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, 0, $8, $9, $9)
     ON CONFLICT (run_id) DO UPDATE SET target = $5, state = 'pending', generation = $6,
       code_hash = $7, attempts = 0, expires_at = $8, updated_at = $9
     RETURNING run_id`,
    [
      code.runId,
      code.workflowId,
      code.kind,
      code.userId,
      code.target,
      code.generation,
      code.codeHash,
      code.expiresAt,
      at,
    ],
    transaction,
  );
}

export async function findFlow(
  db: Database,
  runId: string,
  transaction?: Transaction,
): Promise<FlowRow | undefined> {
  const lock = transaction ? ' FOR UPDATE' : '';
  return queryOne<FlowRow>(
    db,
    `SELECT * FROM verification_flows WHERE run_id = $1${lock}`,
    [runId],
    transaction,
  );
}

/**
 * Counts a wrong code atomically in one statement and returns the new count, or undefined
 * when the flow or generation is no longer pending.
 */
export async function countFailedAttempt(
  db: Database,
  runId: string,
  generation: number,
  at: Date,
  transaction?: Transaction,
): Promise<number | undefined> {
  const row = await queryOne<{ attempts: number }>(
    db,
    `UPDATE verification_flows SET attempts = attempts + 1, updated_at = $3
     WHERE run_id = $1 AND generation = $2 AND state = 'pending' RETURNING attempts`,
    [runId, generation, at],
    transaction,
  );
  return row?.attempts;
}

/** Ends a pending flow: the code hash is cleared, the outcome kept. */
export async function finishFlow(
  db: Database,
  runId: string,
  state: FlowState,
  at: Date,
  result?: Details,
  transaction?: Transaction,
): Promise<void> {
  await queryRows(
    db,
    `UPDATE verification_flows SET state = $2, code_hash = NULL, finished_at = $3, updated_at = $3,
       result_sequence = $4, result_change_date = $5
     WHERE run_id = $1 AND state = 'pending' RETURNING run_id`,
    [runId, state, at, result?.sequence ?? null, result?.changeDate ?? null],
    transaction,
  );
}

/** The details recorded when the flow was verified, for an idempotent retry. */
export function recordedDetails(flow: FlowRow, orgId: string): Details | undefined {
  if (flow.result_sequence === null || flow.result_change_date === null) {
    return undefined;
  }
  return toDetails({
    sequence: flow.result_sequence,
    change_date: flow.result_change_date,
    org_id: orgId,
  });
}

/** The most recent flow of a kind for a user, pending or finished. */
export async function latestFlow(
  db: Database,
  userId: string,
  kind: VerificationKind,
): Promise<FlowRow | undefined> {
  return queryOne<FlowRow>(
    db,
    `SELECT * FROM verification_flows WHERE user_id = $1 AND kind = $2
     ORDER BY created_at DESC LIMIT 1`,
    [userId, kind],
  );
}
