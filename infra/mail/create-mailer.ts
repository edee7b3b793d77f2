import type { Config } from '../../config/config';
import type { Clock } from '../clock';
import type { Database } from '../database';
import type { Mailer } from './mailer';
import { OutboxMailer } from './outbox-mailer';
import { SendGridMailer } from './sendgrid-mailer';

/** SendGrid when a key is configured, else the outbox (config allows that only when asked). */
export function createMailer(config: Config, db: Database, clock: Clock): Mailer {
  const { sendgridApiKey, sendgridBaseUrl, from } = config.email;
  if (sendgridApiKey) {
    return new SendGridMailer({ apiKey: sendgridApiKey, baseUrl: sendgridBaseUrl, from });
  }
  return new OutboxMailer(db, clock);
}
