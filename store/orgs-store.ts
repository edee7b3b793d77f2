import { randomBytes } from 'node:crypto';
import { Errors, FlowgateError } from '../common/errors';
import type { Database } from '../infra/database';
import { queryOne, queryRows } from './sql';

export interface OrgRow {
  id: string;
  name: string;
  primary_domain: string;
}

/** The organization users land in when a call names none; created on first start. */
export async function ensureDefaultOrg(db: Database, newId: () => string): Promise<OrgRow> {
  const existing = await queryOne<OrgRow>(db, 'SELECT * FROM organizations WHERE is_default', []);
  if (existing) {
    return existing;
  }

  const domain = `default-${randomBytes(3).toString('hex')}.flowgate.localhost`;
  await queryRows(
    db,
    `INSERT INTO organizations (id, name, primary_domain, is_default)
     VALUES ($1, 'Default', $2, true)
     ON CONFLICT DO NOTHING RETURNING id`,
    [newId(), domain],
  );
  const created = await queryOne<OrgRow>(db, 'SELECT * FROM organizations WHERE is_default', []);
  if (!created) {
    throw new Error('the default organization could not be created');
  }
  return created;
}

export async function findOrg(
  db: Database,
  by: { orgId?: string; orgDomain?: string },
): Promise<OrgRow | undefined> {
  if (by.orgId) {
    return queryOne<OrgRow>(db, 'SELECT * FROM organizations WHERE id = $1', [by.orgId]);
  }
  return queryOne<OrgRow>(
    db,
    'SELECT * FROM organizations WHERE lower(primary_domain) = lower($1)',
    [by.orgDomain],
  );
}

/** Creates an organization; a taken primary domain is `Errors.Org.AlreadyExists`. */
export async function insertOrg(
  db: Database,
  org: { id: string; name: string; primaryDomain: string },
): Promise<OrgRow & { created_at: Date }> {
  const row = await queryOne<OrgRow & { created_at: Date }>(
    db,
    `INSERT INTO organizations (id, name, primary_domain) VALUES ($1, $2, $3)
     ON CONFLICT (primary_domain) DO NOTHING RETURNING *`,
    [org.id, org.name, org.primaryDomain],
  );
  if (!row) {
    throw new FlowgateError(Errors.orgAlreadyExists);
  }
  return row;
}
