/**
 * The send budget (no mail or SMS bombing, NIST SP 800-63B 5.2.2 rate limiting; OWASP ASVS 5.0
 * V2 anti-automation): at most `perRecipient` codes sent to one address and `perUser` codes made
 * for one user within the window. Checked before a code is made, for every kind of code.
 */
import { createHmac } from 'node:crypto';
import { BudgetExhaustedError, Errors, FlowgateError } from '../../common/errors';
import type { Config } from '../../config/config';
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

/** What the budget needs; the API's deps have it, and so can any other caller. */
export type SendBudgetDeps = Pick<ApiDeps, 'db' | 'clock'> & {
  config: Pick<Config, 'codeHmacKey' | 'sendBudget' | 'sms'>;
};

/**
 * The guard before any code is made: an SMS with no provider is refused (400
 * `Errors.Notification.SMSNotConfigured`); else one send is taken from the user's budget and,
 * when the code is delivered, from the recipient's. Over either, a 429
 * (`Errors.Notification.BudgetExhausted`, with Retry-After) and nothing is spent.
 */
export async function spendSendBudget(deps: SendBudgetDeps, send: CodeSend): Promise<void> {
  const { codeHmacKey, sendBudget, sms } = deps.config;
  if (send.delivered && send.medium === 'sms' && sms.provider === 'none') {
    throw new FlowgateError(Errors.smsNotConfigured);
  }

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
