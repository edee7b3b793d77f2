import type { ActivityDeps } from '../activities';
import type { Config } from '../config/config';
import type { Clock } from '../infra/clock';
import type { Database } from '../infra/database';
import { createMailer } from '../infra/mail/create-mailer';
import { SecretBox } from '../infra/secret-box';
import { createSmsSender } from '../infra/sms/create-sms-sender';

/** The real dependencies of the activities, from configuration. */
export function activityDepsFor(config: Config, db: Database, clock: Clock): ActivityDeps {
  return {
    db,
    clock,
    mailer: createMailer(config, db, clock),
    codeHmacKey: config.codeHmacKey,
    secretBox: new SecretBox(config.secretKeys),
    codeLength: config.codes.length,
    publicUrl: config.publicUrl,
    idpIntentTtlMs: config.idp.intentTtlMs,
    smsSender: createSmsSender(config, db, clock),
  };
}
