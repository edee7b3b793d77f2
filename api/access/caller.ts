/**
 * Who is calling: the bootstrap administrator (FLOWGATE_ADMIN_TOKEN) or a service account's
 * personal access token, with the permissions its roles grant and the organization of the call
 * (`x-zitadel-orgid`, else the caller's own).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { Errors, FlowgateError } from '../../common/errors';
import { PERMISSIONS, permissionsOf, type Permission } from '../../common/permissions';
import { hashAccessToken, looksLikeAccessToken } from '../../infra/access-tokens';
import { findOrg } from '../../store/orgs-store';
import { findLiveToken } from '../../store/service-accounts-store';
import type { ApiDeps } from '../deps';

export interface Caller {
  kind: 'bootstrap' | 'service-account';
  /** `bootstrap`, or the service account's id; rate limits count per caller. */
  id: string;
  /** The organization the caller belongs to. */
  homeOrgId: string;
  /** The organization of this call: `x-zitadel-orgid`, else the home organization. */
  orgId: string;
  permissions: ReadonlySet<Permission>;
}

const callers = new WeakMap<Request, Caller>();

/** The authenticated caller of a request that passed `authenticate`. */
export function callerOf(req: Request): Caller {
  const caller = callers.get(req);
  if (!caller) {
    throw new Error('callerOf used on a route without authenticate');
  }
  return caller;
}

/** The caller if the request was authenticated, for middleware that runs either way. */
export function maybeCallerOf(req: Request): Caller | undefined {
  return callers.get(req);
}

/** Whether the caller holds `permission` for resources of organization `orgId`. */
export function hasPermission(caller: Caller, permission: Permission, orgId: string): boolean {
  if (caller.permissions.has('iam.admin')) {
    return true;
  }
  return orgId === caller.homeOrgId && caller.permissions.has(permission);
}

/** Whether the caller may see resources of `orgId` at all (its own, or any for iam.admin). */
export function reachesOrg(caller: Caller, orgId: string): boolean {
  return caller.permissions.has('iam.admin') || orgId === caller.homeOrgId;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

async function identify(deps: ApiDeps, token: string): Promise<Caller | undefined> {
  // Both sides hashed first: constant-time whatever the lengths (OWASP ASVS 5.0 V2).
  if (timingSafeEqual(digest(token), digest(deps.config.adminToken))) {
    const orgId = deps.defaultOrg.id;
    return { kind: 'bootstrap', id: 'bootstrap', homeOrgId: orgId, orgId, permissions: ALL };
  }
  if (!looksLikeAccessToken(token)) {
    return undefined;
  }

  const hash = hashAccessToken(deps.config.codeHmacKey, token);
  const holder = await findLiveToken(deps.db, hash, deps.clock.now());
  if (!holder) {
    return undefined;
  }
  return {
    kind: 'service-account',
    id: holder.service_account_id,
    homeOrgId: holder.org_id,
    orgId: holder.org_id,
    permissions: permissionsOf(holder.roles),
  };
}

const ALL: ReadonlySet<Permission> = new Set(PERMISSIONS);

/** Applies `x-zitadel-orgid`: an organization the caller cannot reach is a 403. */
async function withOrgContext(deps: ApiDeps, caller: Caller, header: string): Promise<Caller> {
  if (!reachesOrg(caller, header)) {
    throw new FlowgateError(Errors.permissionDenied);
  }
  const org = await findOrg(deps.db, { orgId: header });
  if (!org) {
    throw new FlowgateError(Errors.orgNotFound);
  }
  return { ...caller, orgId: org.id };
}

/**
 * Bearer-token authentication: a missing header is 401 `auth header missing`, an unknown,
 * expired or revoked token 401 `Errors.Token.Invalid`.
 */
export function authenticate(deps: ApiDeps): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (!header) {
      throw new FlowgateError(Errors.authMissing);
    }

    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    let caller = match ? await identify(deps, match[1]) : undefined;
    if (!caller) {
      throw new FlowgateError(Errors.tokenInvalid);
    }

    const orgHeader = req.get('x-zitadel-orgid');
    if (orgHeader) {
      caller = await withOrgContext(deps, caller, orgHeader);
    }
    callers.set(req, caller);
    next();
  };
}
