import type { Clock } from '../clock';
import type { Database } from '../database';
import { insertOutboxMessage } from '../../store/outbox-store';
import type { SmsMessage, SmsSender } from './sms-sender';

/**
 * Keeps SMS in PostgreSQL (GET /dev/outbox, channel `sms`) instead of delivering them. Like the
 * outbox mailer it stores codes readably, so it exists only when the outbox is on.
 */
export class OutboxSmsSender implements SmsSender {
  readonly provider = 'outbox';

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async send(message: SmsMessage): Promise<void> {
    await insertOutboxMessage(
      this.db,
      {
        idempotencyKey: message.idempotencyKey,
        channel: 'sms',
        recipient: message.to,
        subject: null,
        body: message.text,
      },
      this.clock.now(),
    );
  }
}
