/**
 * What differs between the channels a code can prove: which column holds the address, and the
 * names of the events on the user's record. The phone channel adds its entry here; the flow
 * engine (workflow, code activities, API client) stays the same. The API uses the same entry
 * when it sets an address as verified directly, so each event name is written once.
 */
import type { Transaction } from 'sequelize';
import type { VerificationChannel } from '../common/flows';
import type { Database } from '../infra/database';
import {
  markEmailVerified,
  markPhoneVerified,
  updateEmail,
  updatePhone,
  type UserRow,
} from './users-store';

export interface VerificationChannelStore {
  /** The address the user has now on this channel. */
  current(user: UserRow): string | null;
  /** Sets a new address, verified or not. */
  replace(
    db: Database,
    userId: string,
    target: string,
    verified: boolean,
    transaction: Transaction,
  ): Promise<void>;
  /** Marks `target` verified while it is still the user's address; false once it changed. */
  markVerified(
    db: Database,
    userId: string,
    target: string,
    transaction: Transaction,
  ): Promise<boolean>;
  events: { changed: string; codeAdded: string; verified: string };
  /** The event payload naming the address (an address is personal data, never a secret). */
  describe(target: string): Record<string, string>;
}

export const VERIFICATION_CHANNELS: Record<VerificationChannel, VerificationChannelStore> = {
  email: {
    current: (user) => user.email,
    replace: updateEmail,
    markVerified: markEmailVerified,
    events: {
      changed: 'user.human.email.changed',
      codeAdded: 'user.human.email.code.added',
      verified: 'user.human.email.verified',
    },
    describe: (target) => ({ email: target }),
  },
  phone: {
    current: (user) => user.phone,
    replace: updatePhone,
    markVerified: markPhoneVerified,
    events: {
      changed: 'user.human.phone.changed',
      codeAdded: 'user.human.phone.code.added',
      verified: 'user.human.phone.verified',
    },
    describe: (target) => ({ phone: target }),
  },
};
