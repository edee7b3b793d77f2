import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import type { EmailMessage, Mailer } from './mailer';

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
    await this.service.send({
      to: message.to,
      from: this.options.from,
      subject: message.subject,
      text: message.text,
      customArgs: { idempotency_key: message.idempotencyKey },
    });
  }
}
