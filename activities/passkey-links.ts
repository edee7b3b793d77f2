/**
 * Passkey registration links: a 12-character code from a CSPRNG over a-zA-Z0-9, stored only as
 * a keyed hash (NIST SP 800-63B 5.1.1.2), dead after three wrong tries or its lifetime, used
 * once. The code leaves `createPasskeyLink` once, to the link workflow.
 */
import { ApplicationFailure, log } from '@temporalio/activity';
import type { Transaction } from 'sequelize';
import { Errors } from '../common/errors';
import { renderUrlTemplate } from '../common/url-template';
import type { Details } from '../common/verification-messages';
import { codeMatches, generateCode, hashCode } from '../infra/codes';
import { PermanentDeliveryError } from '../infra/mail/mailer';
import { recordSent, wasSent } from '../store/outbox-store';
import { countLinkFailure, linkScope, lockLink, storeLink } from '../store/passkey-links-store';
import { appendUserEvent, findUser } from '../store/users-store';
import type { ActivityDeps } from './deps';

export const LINK_CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const LINK_CODE_LENGTH = 12;
/** Wrong tries after which a link's code is dead (ZITADEL's hard-coded 3). */
export const MAX_LINK_ATTEMPTS = 3;

export interface CreateLinkInput {
  codeId: string;
  userId: string;
  ttlMs: number;
}

export interface CreatedLink {
  code: string;
  details: Details;
  expiresAt: string;
}

export interface SendLinkInput {
  codeId: string;
  userId: string;
  orgId: string;
  code: string;
  expiresAt: string;
  urlTemplate?: string;
}

/** `dead`: expired, used, or out of tries; `wrong`: counted as one more wrong try. */
export type LinkCheck = 'ok' | 'wrong' | 'dead';

/**
 * Checks a link code inside the caller's transaction, which holds the link's row: a wrong
 * code is counted atomically. The caller consumes the code in the same transaction.
 */
export async function checkLinkCode(
  deps: ActivityDeps,
  link: { id: string; code: string; userId: string; registrationId: string },
  transaction: Transaction,
): Promise<LinkCheck> {
  const row = await lockLink(deps.db, link.id, transaction);
  if (!row || row.user_id !== link.userId) {
    return 'dead';
  }
  if (row.registration_id === link.registrationId) {
    // A retry of the start that consumed it.
    return 'ok';
  }
  if (row.used_at || row.attempts >= MAX_LINK_ATTEMPTS || row.expires_at <= deps.clock.now()) {
    return 'dead';
  }
  if (!codeMatches(deps.codeHmacKey, linkScope(link.id), link.code, row.code_hash)) {
    await countLinkFailure(deps.db, link.id, transaction);
    return 'wrong';
  }
  return 'ok';
}

export function passkeyLinkActivities(deps: ActivityDeps) {
  const { db, clock, mailer } = deps;

  /** Makes the link's code, stores its hash and records it on the user. */
  async function createPasskeyLink(input: CreateLinkInput): Promise<CreatedLink> {
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + input.ttlMs);
    const code = generateCode(LINK_CODE_LENGTH, LINK_CODE_ALPHABET);
    const codeHash = hashCode(deps.codeHmacKey, linkScope(input.codeId), code);

    const details = await db.transaction(async (transaction) => {
      const { codeId: id, userId } = input;
      await storeLink(db, { id, userId, codeHash, expiresAt }, now, transaction);
      const event = 'user.human.passwordless.initialization.code.added';
      return appendUserEvent(db, userId, event, { codeId: id }, now, transaction);
    });
    return { code, details, expiresAt: expiresAt.toISOString() };
  }

  function registrationLink(input: SendLinkInput): string {
    const data = {
      UserID: input.userId,
      OrgID: input.orgId,
      CodeID: input.codeId,
      Code: input.code,
    };
    if (input.urlTemplate) {
      const link = renderUrlTemplate(input.urlTemplate, data);
      if (link === undefined) {
        throw ApplicationFailure.nonRetryable('invalid URL template', Errors.invalidUrlTemplate.id);
      }
      return link;
    }
    const query = new URLSearchParams({
      userID: input.userId,
      orgID: input.orgId,
      codeID: input.codeId,
      code: input.code,
    });
    return `${deps.publicUrl}/ui/passkey?${query}`;
  }

  /** Mails the link to the user's address; a retry after the provider took it is skipped. */
  async function sendPasskeyLinkEmail(input: SendLinkInput): Promise<void> {
    const idempotencyKey = `passkey-link:${input.codeId}`;
    if (await wasSent(db, idempotencyKey)) {
      return;
    }
    const user = await findUser(db, input.userId);
    if (!user) {
      throw ApplicationFailure.nonRetryable('the user no longer exists', Errors.userNotFound.id);
    }

    try {
      await mailer.send({
        to: user.email,
        subject: 'Register a passkey',
        text:
          `Open this link to register a passkey for your account:\n` +
          `${registrationLink(input)}\n\n` +
          `The link expires at ${input.expiresAt}. If you did not ask for it, ignore this message.`,
        idempotencyKey,
      });
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        throw ApplicationFailure.nonRetryable(error.message, Errors.deliveryRejected.id);
      }
      throw error;
    }
    await recordSent(db, idempotencyKey, mailer.provider, clock.now());
    log.info('passkey registration link delivered', { provider: mailer.provider });
  }

  return { createPasskeyLink, sendPasskeyLinkEmail };
}
