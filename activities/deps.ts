import type { Clock } from '../infra/clock';
import type { Database } from '../infra/database';
import type { Mailer } from '../infra/mail/mailer';
import type { SecretBox } from '../infra/secret-box';
import type { SmsSender } from '../infra/sms/sms-sender';

/** What the activities need from the outside world; the worker wires the real ones. */
export interface ActivityDeps {
  db: Database;
  mailer: Mailer;
  clock: Clock;
  codeHmacKey: Buffer;
  /** Seals secrets stored in PostgreSQL (TOTP seeds, client secrets). */
  secretBox: SecretBox;
  codeLength: number;
  publicUrl: string;
  /** Lifetime of a succeeded identity-provider intent. */
  idpIntentTtlMs: number;
  /** The configured SMS provider; absent when none is (SMS codes are then refused). */
  smsSender?: SmsSender;
}
