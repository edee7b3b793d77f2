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
