/** The admin API's operations: organizations, service accounts and personal access tokens. */
import { randomBytes } from 'node:crypto';
import { Errors, FlowgateError } from '../../common/errors';
import { generateAccessToken, hashAccessToken } from '../../infra/access-tokens';
import { newId } from '../../infra/ids';
import { findOrg, insertOrg } from '../../store/orgs-store';
import {
  findServiceAccount,
  insertAccessToken,
  insertServiceAccount,
  listAccessTokens,
  revokeAccessToken,
  type AccessTokenRow,
} from '../../store/service-accounts-store';
import type { Caller } from '../access/caller';
import type { ApiDeps } from '../deps';
import type { AddOrgRequest, AddServiceAccountRequest } from '../schemas/admin-schemas';

/** A token without an expiration date lives this long (OWASP ASVS 5.0 V3: tokens expire). */
const DEFAULT_TOKEN_LIFETIME_MS = 90 * 24 * 3600 * 1000;

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'org'
  );
}

export async function addOrg(deps: ApiDeps, request: AddOrgRequest) {
  const primaryDomain =
    request.primaryDomain ?? `${slug(request.name)}-${randomBytes(3).toString('hex')}.localhost`;
  const org = await insertOrg(deps.db, { id: newId(), name: request.name, primaryDomain });
  return {
    organizationId: org.id,
    primaryDomain: org.primary_domain,
    details: { changeDate: new Date(org.created_at).toISOString(), resourceOwner: org.id },
  };
}

export async function addServiceAccount(
  deps: ApiDeps,
  caller: Caller,
  request: AddServiceAccountRequest,
) {
  const org = await findOrg(deps.db, { orgId: request.organizationId ?? caller.orgId });
  if (!org) {
    throw new FlowgateError(Errors.orgNotFound);
  }
  const roles = [...new Set(request.roles)];
  const account = await insertServiceAccount(
    deps.db,
    { id: newId(), orgId: org.id, name: request.name, roles },
    deps.clock.now(),
  );
  return {
    serviceAccountId: account.id,
    details: { changeDate: account.created_at.toISOString(), resourceOwner: org.id },
  };
}

async function accountOrThrow(deps: ApiDeps, id: string) {
  const account = await findServiceAccount(deps.db, id);
  if (!account) {
    throw new FlowgateError(Errors.serviceAccountNotFound);
  }
  return account;
}

/** Issues a token; the plain token is in this one response and nowhere else. */
export async function addAccessToken(
  deps: ApiDeps,
  serviceAccountId: string,
  expirationDate: string | undefined,
) {
  const account = await accountOrThrow(deps, serviceAccountId);
  const now = deps.clock.now();
  const expiresAt = expirationDate
    ? new Date(expirationDate)
    : new Date(now.getTime() + DEFAULT_TOKEN_LIFETIME_MS);
  if (expiresAt.getTime() <= now.getTime()) {
    throw new FlowgateError(Errors.tokenExpiryInPast);
  }

  const token = generateAccessToken();
  const row = await insertAccessToken(
    deps.db,
    {
      id: newId(),
      serviceAccountId: account.id,
      tokenHash: hashAccessToken(deps.config.codeHmacKey, token),
      expiresAt,
    },
    now,
  );
  return {
    tokenId: row.id,
    token,
    expirationDate: row.expires_at.toISOString(),
    details: { changeDate: row.created_at.toISOString(), resourceOwner: account.org_id },
  };
}

function tokenState(row: AccessTokenRow, now: Date): 'active' | 'expired' | 'revoked' {
  if (row.revoked_at) {
    return 'revoked';
  }
  return row.expires_at.getTime() > now.getTime() ? 'active' : 'expired';
}

export async function listTokens(deps: ApiDeps, serviceAccountId: string) {
  await accountOrThrow(deps, serviceAccountId);
  const rows = await listAccessTokens(deps.db, serviceAccountId);
  const now = deps.clock.now();
  return {
    result: rows.map((row) => ({
      tokenId: row.id,
      state: tokenState(row, now),
      creationDate: row.created_at.toISOString(),
      expirationDate: row.expires_at.toISOString(),
    })),
  };
}

export async function revokeToken(deps: ApiDeps, serviceAccountId: string, tokenId: string) {
  const account = await accountOrThrow(deps, serviceAccountId);
  const now = deps.clock.now();
  if (!(await revokeAccessToken(deps.db, serviceAccountId, tokenId, now))) {
    throw new FlowgateError(Errors.tokenNotFound);
  }
  return { details: { changeDate: now.toISOString(), resourceOwner: account.org_id } };
}
