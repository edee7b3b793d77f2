/** One SMS to deliver; the idempotency key names the send, so a retry is recognisable. */
export interface SmsMessage {
  /** E.164 number. */
  to: string;
  text: string;
  idempotencyKey: string;
}

export interface SmsSender {
  /** A short provider name for logs and the sent-messages record. */
  readonly provider: string;
  send(message: SmsMessage): Promise<void>;
}

// Client errors that a later try may not repeat: timeouts and rate limits.
const RETRYABLE_4XX = new Set([408, 409, 425, 429]);

/** Whether an HTTP status from a provider means "never retry": a 4xx other than a timeout. */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && !RETRYABLE_4XX.has(status);
}

/**
 * The provider refused the message for good (a bad number, a revoked key): retrying cannot
 * help, unlike a timeout or a 5xx.
 */
export class PermanentSmsError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number,
  ) {
    super(`the SMS provider ${provider} refused the message (HTTP ${status})`);
    this.name = 'PermanentSmsError';
  }
}
