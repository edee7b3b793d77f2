import type { Client } from '@temporalio/client';
import type { Config } from '../config/config';
import type { Clock } from '../infra/clock';
import type { Database } from '../infra/database';
import type { Logger } from '../infra/logger';
import type { SecretBox } from '../infra/secret-box';
import type { OrgRow } from '../store/orgs-store';

/** Everything a request handler may touch; the API holds no flow state of its own. */
export interface ApiDeps {
  config: Config;
  db: Database;
  temporal: Client;
  logger: Logger;
  clock: Clock;
  defaultOrg: OrgRow;
  /** Seals secrets stored in PostgreSQL (TOTP seeds, client secrets). */
  secretBox: SecretBox;
}
