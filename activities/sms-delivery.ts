/**
 * Delivery of a code by SMS, for every kind of code. The idempotency key names one code of one
 * flow: a retried send after the provider accepted the message is skipped, and a retry never
 * carries another code (the code is fixed in the activity's input).
 */
import { ApplicationFailure, log } from '@temporalio/activity';
import { Errors } from '../common/errors';
import { PermanentSmsError } from '../infra/sms/sms-sender';
import { recordSent, wasSent } from '../store/outbox-store';
import type { ActivityDeps } from './deps';
import { smsText, type SmsCodeKind } from './sms-texts';

export interface SendCodeSmsInput {
  /** Selects the text; the code's purpose. */
  kind: SmsCodeKind;
  /** The flow run and code generation: together they name the code. */
  runId: string;
  generation: number;
  /** E.164 number. */
  target: string;
  code: string;
}

/** The send's idempotency key: one code of one flow run. */
export const smsIdempotencyKey = (runId: string, generation: number): string =>
  `${runId}:${generation}:sms`;

export function smsDeliveryActivities(deps: ActivityDeps) {
  const { db, clock, smsSender } = deps;
  const host = new URL(deps.publicUrl).host;

  /** Sends `code` to `target` once; retried by the caller's policy on a provider fault. */
  async function sendCodeBySms(input: SendCodeSmsInput): Promise<void> {
    if (!smsSender) {
      throw ApplicationFailure.nonRetryable('no SMS provider', Errors.smsNotConfigured.id);
    }
    const idempotencyKey = smsIdempotencyKey(input.runId, input.generation);
    if (await wasSent(db, idempotencyKey)) {
      log.info('code already sent by SMS', { kind: input.kind, generation: input.generation });
      return;
    }

    try {
      const text = smsText(input.kind, input.code, host);
      await smsSender.send({ to: input.target, text, idempotencyKey });
    } catch (error) {
      if (error instanceof PermanentSmsError) {
        throw ApplicationFailure.nonRetryable(error.message, Errors.deliveryRejected.id);
      }
      throw error;
    }
    await recordSent(db, idempotencyKey, smsSender.provider, clock.now());
    log.info('code sent by SMS', {
      provider: smsSender.provider,
      kind: input.kind,
      generation: input.generation,
    });
  }

  return { sendCodeBySms };
}
