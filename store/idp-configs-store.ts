/**
 * Identity-provider configurations (generic OIDC and plain OAuth 2.0). The client secret is
 * stored sealed; callers seal and open it with the SecretBox and the context below.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../infra/database';
import { queryOne, queryRows } from './sql';

export type IdpKind = 'generic_oidc' | 'oauth';

export interface IdpConfigRow {
  id: string;
  org_id: string;
  kind: IdpKind;
  name: string;
  client_id: string;
  client_secret_sealed: string;
  scopes: string[];
  issuer: string | null;
  is_id_token_mapping: boolean;
  authorization_endpoint: string | null;
  token_endpoint: string | null;
  user_endpoint: string | null;
  id_attribute: string | null;
  sequence: string;
  created_at: Date;
  change_date: Date;
}

export interface NewIdpConfig {
  id: string;
  orgId: string;
  kind: IdpKind;
  name: string;
  clientId: string;
  clientSecretSealed: string;
  scopes: string[];
  issuer?: string;
  isIdTokenMapping?: boolean;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  userEndpoint?: string;
  idAttribute?: string;
}

/** The SecretBox context of a provider's client secret: a sealed value cannot move rows. */
export function clientSecretContext(idpId: string): string {
  return `idp-client-secret:${idpId}`;
}

export async function insertIdpConfig(
  db: Database,
  config: NewIdpConfig,
  at: Date,
): Promise<IdpConfigRow> {
  const rows = await queryRows<IdpConfigRow>(
    db,
    `INSERT INTO idp_configs (id, org_id, kind, name, client_id, client_secret_sealed, scopes,
       issuer, is_id_token_mapping, authorization_endpoint, token_endpoint, user_endpoint,
       id_attribute, created_at, change_date)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
     RETURNING *`,
    [
      config.id,
      config.orgId,
      config.kind,
      config.name,
      config.clientId,
      config.clientSecretSealed,
      JSON.stringify(config.scopes),
      config.issuer ?? null,
      config.isIdTokenMapping ?? false,
      config.authorizationEndpoint ?? null,
      config.tokenEndpoint ?? null,
      config.userEndpoint ?? null,
      config.idAttribute ?? null,
      at,
    ],
  );
  return rows[0];
}

export async function findIdpConfig(
  db: Database,
  id: string,
  transaction?: Transaction,
): Promise<IdpConfigRow | undefined> {
  return queryOne<IdpConfigRow>(db, 'SELECT * FROM idp_configs WHERE id = $1', [id], transaction);
}

/** Removes a provider with its links; false when there was none. */
export async function deleteIdpConfig(db: Database, id: string): Promise<boolean> {
  const rows = await queryRows(db, 'DELETE FROM idp_configs WHERE id = $1 RETURNING id', [id]);
  return rows.length === 1;
}
