import type { Clock } from '../infra/clock';
import type { Database } from '../infra/database';
import type { Mailer } from '../infra/mail/mailer';

/** What the activities need from the outside world; the worker wires the real ones. */
export interface ActivityDeps {
  db: Database;
  mailer: Mailer;
  clock: Clock;
  codeHmacKey: Buffer;
  codeLength: number;
  publicUrl: string;
}
