import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import { PermanentDeliveryError, type EmailMessage, type Mailer } from './mailer';

// Client errors that a later try may not repeat: timeouts and rate limits.
const RETRYABLE_4XX = new Set([408, 429]);

export interface SendGridOptions {
  apiKey: string;
  from: string;
  /** Origin of SendGrid's API; a test points the real client at a local stand-in. */
  baseUrl?: string;
  timeoutMs?: number;
}

/** Delivers mail through the real `@sendgrid/mail` client, one client per mailer. */
export class SendGridMailer implements Mailer {
  readonly provider = 'sendgrid';
  private readonly service: MailService;

  constructor(private readonly options: SendGridOptions) {
    const client = new Client();
    client.setApiKey(options.apiKey);
    if (options.baseUrl) {
      client.setDefaultRequest('baseUrl', options.baseUrl);
    }
    this.service = new MailService();
    this.service.setClient(client);
    this.service.setTimeout(options.timeoutMs ?? 10_000);
  }

  async send(message: EmailMessage): Promise<void> {
    try {
      await this.service.send({
        to: message.to,
        from: this.options.from,
        subject: message.subject,
        text: message.text,
        customArgs: { idempotency_key: message.idempotencyKey },
      });
    } catch (error) {
      const status = (error as { code?: unknown }).code;
      if (
        typeof status === 'number' &&
        status >= 400 &&
        status < 500 &&
        !RETRYABLE_4XX.has(status)
      ) {
        throw new PermanentDeliveryError(status);
      }
      throw error;
    }
  }
}
