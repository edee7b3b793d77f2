/** One email to deliver; the idempotency key names the send, so a retry is recognisable. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  idempotencyKey: string;
}

export interface Mailer {
  /** A short provider name for logs and the sent-messages record. */
  readonly provider: string;
  send(message: EmailMessage): Promise<void>;
}

/**
 * The provider refused the message for good (a bad address, a revoked key): retrying cannot
 * help, unlike a timeout or a 5xx.
 */
export class PermanentDeliveryError extends Error {
  constructor(readonly status: number) {
    super(`the mail provider refused the message (HTTP ${status})`);
    this.name = 'PermanentDeliveryError';
  }
}
