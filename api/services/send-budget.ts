/**
 * The send budget (no mail or SMS bombing, NIST SP 800-63B 5.2.2 rate limiting; OWASP ASVS 5.0
 * V2 anti-automation): at most `perRecipient` codes sent to one address and `perUser` codes made
 * for one user within the window. Checked before a code is made, for every kind of code.
 */
import { createHmac } from 'node:crypto';
import { BudgetExhaustedError } from '../../common/errors';
import { spendCodeSend, type BudgetBucket } from '../../store/send-budget-store';
import type { ApiDeps } from '../deps';

export interface CodeSend {
  userId: string;
  /** How the code travels: the recipient budget is per medium and address. */
  medium: 'email' | 'sms';
  /** An email address, or a phone number in E.164. */
  recipient: string;
  /** False for a code returned to the caller: nothing reaches the recipient. */
  delivered: boolean;
}

/** Buckets are keyed hashes, so the ledger holds no address (data minimisation). */
function bucketOf(key: Buffer, name: string): string {
  return createHmac('sha256', key).update('send-budget\0').update(name).digest('base64url');
}

/**
 * Takes one send from the user's budget and, when the code is delivered, from the recipient's.
 * Over either, throws a 429 (`Errors.Notification.BudgetExhausted`) and spends nothing.
 */
export async function spendSendBudget(deps: ApiDeps, send: CodeSend): Promise<void> {
  const { codeHmacKey, sendBudget } = deps.config;
  const buckets: BudgetBucket[] = [
    { bucket: bucketOf(codeHmacKey, `user:${send.userId}`), limit: sendBudget.perUser },
  ];
  if (send.delivered) {
    const recipient = `${send.medium}:${send.recipient.toLowerCase()}`;
    buckets.push({ bucket: bucketOf(codeHmacKey, recipient), limit: sendBudget.perRecipient });
  }

  const spent = await spendCodeSend(deps.db, buckets, sendBudget.windowMs, deps.clock.now());
  if (!spent.ok) {
    throw new BudgetExhaustedError(Math.ceil(spent.retryAfterMs / 1000));
  }
}
