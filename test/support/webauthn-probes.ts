/** Reads of PostgreSQL that the WebAuthn tests use to check what the service stored. */
import type { Database } from '../../infra/database';
import { queryOne, queryRows } from '../../store/sql';

export interface CredentialProbe {
  id: string;
  kind: string;
  credential_id: string;
  name: string;
  rp_id: string;
  user_verified: boolean;
}

export async function credentialsOf(db: Database, userId: string): Promise<CredentialProbe[]> {
  return queryRows<CredentialProbe>(
    db,
    `SELECT id, kind, credential_id, name, rp_id, user_verified FROM webauthn_credentials
     WHERE user_id = $1 ORDER BY created_at`,
    [userId],
  );
}

export async function registrationState(db: Database, id: string): Promise<string | undefined> {
  const row = await queryOne<{ state: string }>(
    db,
    'SELECT state FROM webauthn_registrations WHERE id = $1',
    [id],
  );
  return row?.state;
}

export async function linkRow(db: Database, codeId: string) {
  return queryOne<{ attempts: number; used_at: Date | null; code_hash: string }>(
    db,
    'SELECT attempts, used_at, code_hash FROM passkey_registration_links WHERE id = $1',
    [codeId],
  );
}
