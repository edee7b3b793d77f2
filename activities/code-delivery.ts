/**
 * Delivery of a code by email. The idempotency key names one code of one flow: a retried send
 * after the provider accepted the message is skipped, and a retry never carries another code.
 */
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import { Errors } from '../common/errors';
import type { VerificationKind } from '../common/flows';
import { renderUrlTemplate } from '../common/url-template';
import { recordSent, wasSent } from '../store/outbox-store';
import { PermanentDeliveryError } from '../infra/mail/mailer';
import type { ActivityDeps } from './deps';

export interface SendCodeInput {
  /** Which message to send; absent in histories recorded before resets existed. */
  kind?: VerificationKind;
  runId: string;
  generation: number;
  userId: string;
  orgId: string;
  target: string;
  code: string;
  expiresAt: string;
  urlTemplate?: string;
}

type SendResult = 'sent' | 'duplicate' | 'rejected' | 'failed';

/**
 * Counts a delivery attempt on the worker's Temporal runtime meter, exported with the runtime's
 * own metrics (FLOWGATE_WORKER_METRICS_ADDRESS).
 */
function countMessage(channel: string, result: SendResult): void {
  Context.current()
    .metricMeter.createCounter(
      'flowgate_messages_sent',
      'messages',
      'Messages by channel and result',
    )
    .add(1, { channel, result });
}

/** The kinds of code that go by email. */
type EmailCodeKind = Extract<VerificationKind, 'email-verification' | 'password-reset'>;

/** Each kind's message and its default link (the contract's section 7). */
const MESSAGES: Record<
  EmailCodeKind,
  { subject: string; codeIs: string; linkDoes: string; linkPath: string }
> = {
  'email-verification': {
    subject: 'Verify your email address',
    codeIs: 'Your verification code is',
    linkDoes: 'Or open this link to verify your address:',
    linkPath: '/ui/login/mail/verification',
  },
  'password-reset': {
    subject: 'Reset your password',
    codeIs: 'Your password reset code is',
    linkDoes: 'Or open this link to choose a new password:',
    linkPath: '/ui/login/password/init',
  },
};

export function codeDeliveryActivities(deps: ActivityDeps) {
  const { db, mailer, clock } = deps;

  function verificationLink(input: SendCodeInput, linkPath: string): string {
    const data = { UserID: input.userId, Code: input.code, OrgID: input.orgId };
    if (input.urlTemplate) {
      const link = renderUrlTemplate(input.urlTemplate, data);
      if (link === undefined) {
        throw ApplicationFailure.nonRetryable('invalid URL template', Errors.invalidUrlTemplate.id);
      }
      return link;
    }

    const query = new URLSearchParams({
      userID: input.userId,
      code: input.code,
      orgID: input.orgId,
    });
    return `${deps.publicUrl}${linkPath}?${query}&authRequestID=`;
  }

  async function sendVerificationEmail(input: SendCodeInput): Promise<void> {
    const idempotencyKey = `${input.runId}:${input.generation}:email`;
    if (await wasSent(db, idempotencyKey)) {
      log.info('verification code already delivered', { generation: input.generation });
      countMessage('email', 'duplicate');
      return;
    }

    const message = MESSAGES[input.kind === 'password-reset' ? input.kind : 'email-verification'];
    const link = verificationLink(input, message.linkPath);
    try {
      await mailer.send({
        to: input.target,
        subject: message.subject,
        text:
          `${message.codeIs} ${input.code}\n\n` +
          `${message.linkDoes}\n${link}\n\n` +
          `The code expires at ${input.expiresAt}. If you did not ask for it, ignore this message.`,
        idempotencyKey,
      });
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        countMessage('email', 'rejected');
        throw ApplicationFailure.nonRetryable(error.message, Errors.deliveryRejected.id);
      }
      countMessage('email', 'failed');
      throw error;
    }
    await recordSent(db, idempotencyKey, mailer.provider, clock.now());
    countMessage('email', 'sent');
    log.info('verification code delivered', {
      provider: mailer.provider,
      generation: input.generation,
    });
  }

  return { sendVerificationEmail };
}
