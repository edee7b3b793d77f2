/** AddIDPLink (contract operation 4), and the links AddHumanUser creates with the user. */
import type { Transaction } from 'sequelize';
import type { Details } from '../../common/verification-messages';
import { insertIdpLink, type IdpLink } from '../../store/idp-links-store';
import { appendUserEvent } from '../../store/users-store';
import type { ApiDeps } from '../deps';

/** Links each external identity to the user inside the caller's transaction. */
export async function insertIdpLinks(
  deps: ApiDeps,
  userId: string,
  links: IdpLink[],
  at: Date,
  transaction: Transaction,
): Promise<void> {
  for (const link of links) {
    await insertIdpLink(deps.db, userId, link, at, transaction);
  }
}

export async function addIdpLink(deps: ApiDeps, userId: string, link: IdpLink): Promise<Details> {
  const now = deps.clock.now();
  return deps.db.transaction(async (transaction) => {
    // The event first: an unknown user is Errors.User.NotFound before the link is tried.
    const details = await appendUserEvent(
      deps.db,
      userId,
      'user.idp.link.added',
      { idpId: link.idpId, externalUserId: link.userId },
      now,
      transaction,
    );
    await insertIdpLinks(deps, userId, [link], now, transaction);
    return details;
  });
}
