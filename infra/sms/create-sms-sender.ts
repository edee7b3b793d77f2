import type { Config } from '../../config/config';
import type { Clock } from '../clock';
import type { Database } from '../database';
import { OutboxSmsSender } from './outbox-sms-sender';
import type { SmsSender } from './sms-sender';
import { TwilioSmsSender } from './twilio-sms-sender';
import { WebhookSmsSender } from './webhook-sms-sender';

/** The configured provider; undefined when none is (the API then refuses to send SMS codes). */
export function createSmsSender(config: Config, db: Database, clock: Clock): SmsSender | undefined {
  const { sms } = config;
  switch (sms.provider) {
    case 'twilio':
      return new TwilioSmsSender(sms);
    case 'webhook':
      return new WebhookSmsSender(sms);
    case 'outbox':
      return new OutboxSmsSender(db, clock);
    case 'none':
      return undefined;
  }
}
