import type { Clock } from '../clock';
import type { Database } from '../database';
import { insertOutboxMessage } from '../../store/outbox-store';
import type { EmailMessage, Mailer } from './mailer';

/**
 * Keeps mail in PostgreSQL (GET /dev/outbox) instead of delivering it. It stores codes
 * readably, so it exists only in dev mode or when switched on explicitly.
 */
export class OutboxMailer implements Mailer {
  readonly provider = 'outbox';

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async send(message: EmailMessage): Promise<void> {
    await insertOutboxMessage(
      this.db,
      {
        idempotencyKey: message.idempotencyKey,
        channel: 'email',
        recipient: message.to,
        subject: message.subject,
        body: message.text,
      },
      this.clock.now(),
    );
  }
}
