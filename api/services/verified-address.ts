import type { VerificationChannel } from '../../common/flows';
import type { Details } from '../../common/verification-messages';
import { appendUserEvent } from '../../store/users-store';
import { VERIFICATION_CHANNELS } from '../../store/verification-channels';
import type { ApiDeps } from '../deps';

/** Sets an address as verified without a code (`isVerified: true`), with both its events. */
export async function setVerifiedAddress(
  deps: ApiDeps,
  channelName: VerificationChannel,
  userId: string,
  target: string,
): Promise<Details> {
  const { db } = deps;
  const now = deps.clock.now();
  const channel = VERIFICATION_CHANNELS[channelName];
  const payload = channel.describe(target);

  return db.transaction(async (transaction) => {
    await channel.replace(db, userId, target, true, transaction);
    await appendUserEvent(db, userId, channel.events.changed, payload, now, transaction);
    return appendUserEvent(db, userId, channel.events.verified, payload, now, transaction);
  });
}
