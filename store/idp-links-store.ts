/** Links between users and their identities at external providers. */
import { ForeignKeyConstraintError, UniqueConstraintError, type Transaction } from 'sequelize';
import { Errors, FlowgateError } from '../common/errors';
import type { Database } from '../infra/database';
import { queryOne, queryRows } from './sql';

export interface IdpLink {
  idpId: string;
  /** The subject at the provider. */
  userId: string;
  userName: string;
}

/**
 * Links `userId` to the external identity. An unknown provider is Errors.IDPConfig.NotExisting;
 * an identity already linked to anyone is Errors.User.ExternalIDP.AlreadyExists (contract,
 * AddIDPLink).
 */
export async function insertIdpLink(
  db: Database,
  userId: string,
  link: IdpLink,
  at: Date,
  transaction: Transaction,
): Promise<void> {
  try {
    await queryRows(
      db,
      `INSERT INTO idp_links (idp_id, external_user_id, user_id, user_name, created_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING idp_id`,
      [link.idpId, link.userId, userId, link.userName, at],
      transaction,
    );
  } catch (error) {
    if (error instanceof UniqueConstraintError) {
      throw new FlowgateError(Errors.externalIdpTaken);
    }
    if (error instanceof ForeignKeyConstraintError) {
      const constraint = (error.parent as { constraint?: string } | undefined)?.constraint ?? '';
      throw new FlowgateError(
        constraint.includes('idp_id') ? Errors.idpNotExisting : Errors.userNotFound,
      );
    }
    throw error;
  }
}

/** The user linked to an external identity, if any. */
export async function linkedUserId(
  db: Database,
  idpId: string,
  externalUserId: string,
): Promise<string | undefined> {
  const row = await queryOne<{ user_id: string }>(
    db,
    'SELECT user_id FROM idp_links WHERE idp_id = $1 AND external_user_id = $2',
    [idpId, externalUserId],
  );
  return row?.user_id;
}
