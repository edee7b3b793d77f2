/**
 * PostgreSQL's record of WebAuthn: the registered credentials (passkeys and U2F keys) and
 * each registration a flow started with its outcome. The challenge is never stored here: it
 * lives in the registration workflow.
 */
import type { Transaction } from 'sequelize';
import type { CredentialKind } from '../common/flows';
import type { Details } from '../common/verification-messages';
import type { RegistrationState } from '../common/webauthn-messages';
import type { Database } from '../infra/database';
import { toDetails } from './details';
import { queryOne, queryRows } from './sql';

export interface RegistrantRow {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
}

export interface RegistrationRow {
  id: string;
  workflow_id: string;
  run_id: string;
  kind: CredentialKind;
  user_id: string;
  rp_id: string;
  state: RegistrationState | 'replaced';
  expires_at: Date;
  result_sequence: string | null;
  result_change_date: Date | null;
}

export interface NewRegistration {
  id: string;
  workflowId: string;
  runId: string;
  kind: CredentialKind;
  userId: string;
  rpId: string;
  linkCodeId?: string;
  expiresAt: Date;
}

export interface NewCredential {
  id: string;
  userId: string;
  kind: CredentialKind;
  credentialId: string;
  publicKey: Buffer;
  signCount: number;
  transports: string[];
  name: string;
  rpId: string;
  aaguid: string;
  deviceType: string;
  backedUp: boolean;
  userVerified: boolean;
}

/** The user a credential is made for: the names the authenticator shows. */
export async function findRegistrant(
  db: Database,
  userId: string,
  transaction?: Transaction,
): Promise<RegistrantRow | undefined> {
  return queryOne<RegistrantRow>(
    db,
    'SELECT id, org_id, username, display_name FROM users WHERE id = $1',
    [userId],
    transaction,
  );
}

/** The user's credentials of a kind, to exclude from a new registration (L3 5.4.3). */
export async function credentialDescriptors(
  db: Database,
  userId: string,
  kind: CredentialKind,
  transaction?: Transaction,
): Promise<{ credential_id: string; transports: string[] }[]> {
  return queryRows(
    db,
    `SELECT credential_id, transports FROM webauthn_credentials
     WHERE user_id = $1 AND kind = $2 ORDER BY created_at`,
    [userId, kind],
    transaction,
  );
}

/**
 * Records a started registration and ends any other pending one of the user and kind as
 * replaced. A retry of the same start rewrites its own row.
 */
export async function startRegistration(
  db: Database,
  registration: NewRegistration,
  at: Date,
  transaction: Transaction,
): Promise<void> {
  const r = registration;
  await queryRows(
    db,
    `UPDATE webauthn_registrations SET state = 'replaced', finished_at = $4
     WHERE user_id = $1 AND kind = $2 AND state = 'pending' AND id <> $3 RETURNING id`,
    [r.userId, r.kind, r.id, at],
    transaction,
  );
  await queryRows(
    db,
    `INSERT INTO webauthn_registrations (id, workflow_id, run_id, kind, user_id, rp_id, state,
       link_code_id, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET rp_id = $6, link_code_id = $7, expires_at = $8
     RETURNING id`,
    [r.id, r.workflowId, r.runId, r.kind, r.userId, r.rpId, r.linkCodeId ?? null, r.expiresAt, at],
    transaction,
  );
}

export async function findRegistration(
  db: Database,
  id: string,
  transaction?: Transaction,
): Promise<RegistrationRow | undefined> {
  const lock = transaction ? ' FOR UPDATE' : '';
  return queryOne<RegistrationRow>(
    db,
    `SELECT * FROM webauthn_registrations WHERE id = $1${lock}`,
    [id],
    transaction,
  );
}

/** The most recent registration of a kind for a user, pending or finished. */
export async function latestRegistration(
  db: Database,
  userId: string,
  kind: CredentialKind,
): Promise<RegistrationRow | undefined> {
  return queryOne<RegistrationRow>(
    db,
    `SELECT * FROM webauthn_registrations WHERE user_id = $1 AND kind = $2
     ORDER BY created_at DESC LIMIT 1`,
    [userId, kind],
  );
}

/** Ends a pending registration with its outcome; a finished one stays as it is. */
export async function finishRegistration(
  db: Database,
  id: string,
  state: Exclude<RegistrationState, 'pending'>,
  at: Date,
  result?: Details,
  transaction?: Transaction,
): Promise<void> {
  await queryRows(
    db,
    `UPDATE webauthn_registrations SET state = $2, finished_at = $3, result_sequence = $4,
       result_change_date = $5
     WHERE id = $1 AND state = 'pending' RETURNING id`,
    [id, state, at, result?.sequence ?? null, result?.changeDate ?? null],
    transaction,
  );
}

/** The details recorded when the registration was verified, for an idempotent retry. */
export function recordedRegistrationDetails(
  row: RegistrationRow,
  orgId: string,
): Details | undefined {
  if (row.state !== 'verified' || !row.result_sequence || !row.result_change_date) {
    return undefined;
  }
  const { result_sequence: sequence, result_change_date: changeDate } = row;
  return toDetails({ sequence, change_date: changeDate, org_id: orgId });
}

/** Stores a verified credential; false when its credential id is registered already. */
export async function insertCredential(
  db: Database,
  credential: NewCredential,
  at: Date,
  transaction: Transaction,
): Promise<boolean> {
  const c = credential;
  const rows = await queryRows(
    db,
    `INSERT INTO webauthn_credentials (id, user_id, kind, credential_id, public_key, sign_count,
       transports, name, rp_id, aaguid, device_type, backed_up, user_verified, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      c.id,
      c.userId,
      c.kind,
      c.credentialId,
      c.publicKey,
      c.signCount,
      c.transports,
      c.name,
      c.rpId,
      c.aaguid,
      c.deviceType,
      c.backedUp,
      c.userVerified,
      at,
    ],
    transaction,
  );
  return rows.length === 1;
}
