/**
 * PostgreSQL's record of TOTP: pending registrations (one row per workflow run, the secret
 * sealed and cleared once the run ends) and each user's verified credential with the last
 * time step it accepted. Secrets are stored only as SecretBox-sealed text.
 */
import type { Transaction } from 'sequelize';
import type { FlowState } from '../common/flows';
import type { Details } from '../common/verification-messages';
import type { Database } from '../infra/database';
import { toDetails } from './details';
import { queryOne, queryRows } from './sql';

export interface TOTPRegistrationRow {
  run_id: string;
  workflow_id: string;
  user_id: string;
  state: FlowState;
  generation: number;
  sealed_secret: string | null;
  attempts: number;
  expires_at: Date;
  result_sequence: string | null;
  result_change_date: Date | null;
}

export interface TOTPCredentialRow {
  user_id: string;
  sealed_secret: string;
  last_time_step: string | null;
  imported: boolean;
}

export interface PendingTOTP {
  runId: string;
  workflowId: string;
  userId: string;
  generation: number;
  sealedSecret: string;
  expiresAt: Date;
}

/** The sealing context of a user's TOTP secret: a sealed value is worthless for anyone else. */
export const totpSecretContext = (userId: string): string => `totp:${userId}`;

/** Stores a new pending secret for the run; the previous one of the run dies with it. */
export async function storePendingTOTP(
  db: Database,
  pending: PendingTOTP,
  at: Date,
  transaction: Transaction,
): Promise<void> {
  await queryRows(
    db,
    `INSERT INTO totp_registrations (run_id, workflow_id, user_id, state, generation,
       sealed_secret, attempts, expires_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'pending', $4, $5, 0, $6, $7, $7)
     ON CONFLICT (run_id) DO UPDATE SET state = 'pending', generation = $4, sealed_secret = $5,
       attempts = 0, expires_at = $6, updated_at = $7
     RETURNING run_id`,
    [
      pending.runId,
      pending.workflowId,
      pending.userId,
      pending.generation,
      pending.sealedSecret,
      pending.expiresAt,
      at,
    ],
    transaction,
  );
}

/** The run's registration, locked for the rest of the transaction. */
export async function lockTOTPRegistration(
  db: Database,
  runId: string,
  transaction: Transaction,
): Promise<TOTPRegistrationRow | undefined> {
  return queryOne<TOTPRegistrationRow>(
    db,
    'SELECT * FROM totp_registrations WHERE run_id = $1 FOR UPDATE',
    [runId],
    transaction,
  );
}

/** Counts a wrong code in one statement; undefined when the generation is no longer pending. */
export async function countWrongTOTP(
  db: Database,
  runId: string,
  generation: number,
  at: Date,
  transaction: Transaction,
): Promise<number | undefined> {
  const row = await queryOne<{ attempts: number }>(
    db,
    `UPDATE totp_registrations SET attempts = attempts + 1, updated_at = $3
     WHERE run_id = $1 AND generation = $2 AND state = 'pending' RETURNING attempts`,
    [runId, generation, at],
    transaction,
  );
  return row?.attempts;
}

/** Ends a pending registration: the sealed secret is cleared, the outcome kept. */
export async function finishTOTPRegistration(
  db: Database,
  runId: string,
  state: FlowState,
  at: Date,
  result?: Details,
  transaction?: Transaction,
): Promise<void> {
  await queryRows(
    db,
    `UPDATE totp_registrations SET state = $2, sealed_secret = NULL, finished_at = $3,
       updated_at = $3, result_sequence = $4, result_change_date = $5
     WHERE run_id = $1 AND state = 'pending' RETURNING run_id`,
    [runId, state, at, result?.sequence ?? null, result?.changeDate ?? null],
    transaction,
  );
}

/** The details recorded when the registration was verified, for an idempotent retry. */
export function recordedTOTPDetails(row: TOTPRegistrationRow, orgId: string): Details | undefined {
  if (row.result_sequence === null || row.result_change_date === null) {
    return undefined;
  }
  return toDetails({
    sequence: row.result_sequence,
    change_date: row.result_change_date,
    org_id: orgId,
  });
}

export async function findTOTPCredential(
  db: Database,
  userId: string,
  transaction?: Transaction,
): Promise<TOTPCredentialRow | undefined> {
  return queryOne<TOTPCredentialRow>(
    db,
    'SELECT * FROM totp_credentials WHERE user_id = $1',
    [userId],
    transaction,
  );
}

export interface NewTOTPCredential {
  userId: string;
  sealedSecret: string;
  /** The step the verifying code belonged to; none for an imported secret. */
  lastTimeStep?: number;
  imported: boolean;
}

/** Stores a user's verified TOTP; false when the user already has one. */
export async function insertTOTPCredential(
  db: Database,
  credential: NewTOTPCredential,
  at: Date,
  transaction: Transaction,
): Promise<boolean> {
  const rows = await queryRows(
    db,
    `INSERT INTO totp_credentials (user_id, sealed_secret, last_time_step, imported, created_at,
       updated_at)
     VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
    [
      credential.userId,
      credential.sealedSecret,
      credential.lastTimeStep ?? null,
      credential.imported,
      at,
    ],
    transaction,
  );
  return rows.length === 1;
}

/**
 * Records `timeStep` as the user's last accepted step only if it is later than the stored
 * one, as one compare-and-set: of two requests with the same code exactly one wins (replay
 * protection for every later TOTP check, such as a session's).
 */
export async function acceptTOTPTimeStep(
  db: Database,
  userId: string,
  timeStep: number,
  at: Date,
  transaction?: Transaction,
): Promise<boolean> {
  const rows = await queryRows(
    db,
    `UPDATE totp_credentials SET last_time_step = $2, updated_at = $3
     WHERE user_id = $1 AND (last_time_step IS NULL OR last_time_step < $2) RETURNING user_id`,
    [userId, timeStep, at],
    transaction,
  );
  return rows.length === 1;
}
