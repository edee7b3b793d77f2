import { createHmac } from 'node:crypto';
import {
  isPermanentStatus,
  PermanentSmsError,
  type SmsMessage,
  type SmsSender,
} from './sms-sender';

export const SIGNATURE_HEADER = 'x-flowgate-signature';

export interface WebhookOptions {
  url: string;
  secret: string;
  timeoutMs?: number;
  /** Seconds since the epoch; injected so tests can sign at a known time. */
  now?: () => number;
}

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<body>">`: the timestamp inside the MAC lets
 * a receiver refuse a replayed request (OWASP ASVS 5.0 V13, authenticated service calls).
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** Delivers SMS as a signed JSON POST `{to, text, idempotencyKey}` to an operator's URL. */
export class WebhookSmsSender implements SmsSender {
  readonly provider = 'webhook';

  constructor(private readonly options: WebhookOptions) {}

  async send(message: SmsMessage): Promise<void> {
    const body = JSON.stringify({
      to: message.to,
      text: message.text,
      idempotencyKey: message.idempotencyKey,
    });
    const timestamp = this.options.now?.() ?? Math.floor(Date.now() / 1000);

    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': message.idempotencyKey,
        [SIGNATURE_HEADER]: signWebhook(this.options.secret, timestamp, body),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    // The body is not read for its content: a receiver's answer may echo the code.
    await response.body?.cancel();

    if (response.ok) {
      return;
    }
    if (isPermanentStatus(response.status)) {
      throw new PermanentSmsError(this.provider, response.status);
    }
    throw new Error(`the SMS webhook answered HTTP ${response.status}`);
  }
}
