/**
 * Per-route permission checks, as ZITADEL applies them: the permission the contract names for
 * the operation, in the organization of the user the operation touches. A user of an
 * organization the caller cannot act in answers exactly as a missing user does (404), so a
 * token cannot learn that the user exists.
 */
import type { Request, RequestHandler } from 'express';
import { Errors, FlowgateError, type ErrorSpec } from '../../common/errors';
import type { Permission } from '../../common/permissions';
import { findUser, type UserRow } from '../../store/users-store';
import type { ApiDeps } from '../deps';
import { idString } from '../validation';
import { callerOf, hasPermission, reachesOrg } from './caller';

/** `authenticated`: any valid token, as long as the user is in an organization it reaches. */
export type UserPermission = Permission | 'authenticated';

/** 403 `No matching permissions found` unless the caller holds `permission` for this call. */
export function requirePermission(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    const caller = callerOf(req);
    if (!hasPermission(caller, permission, caller.orgId)) {
      throw new FlowgateError(Errors.permissionDenied);
    }
    next();
  };
}

/** The user, if it exists and the caller may apply `permission` to it; else undefined. */
export async function accessibleUser(
  req: Request,
  deps: ApiDeps,
  userId: string,
  permission: UserPermission,
): Promise<UserRow | undefined> {
  const caller = callerOf(req);
  const user = await findUser(deps.db, userId);
  if (!user) {
    return undefined;
  }
  const allowed =
    permission === 'authenticated'
      ? reachesOrg(caller, user.org_id)
      : hasPermission(caller, permission, user.org_id);
  return allowed ? user : undefined;
}

/**
 * Loads user `userId` if the caller may apply `permission` to it; otherwise throws `notFound`,
 * the same rejection the operation gives for a user that does not exist.
 */
export async function loadUserFor(
  req: Request,
  deps: ApiDeps,
  userId: string,
  permission: UserPermission,
  notFound: ErrorSpec = Errors.userNotFound,
): Promise<UserRow> {
  const user = await accessibleUser(req, deps, userId, permission);
  if (!user) {
    throw new FlowgateError(notFound);
  }
  return user;
}

export interface UserAccessOptions {
  /** The operation's rejection for a missing user (default `Errors.User.NotFound`). */
  notFound?: ErrorSpec;
  /** The path parameter naming the user (default `userId`). */
  param?: string;
}

/**
 * Route middleware for operations on one user: the edge check (403 when the caller lacks the
 * permission in its own organization), then the user in the path must be one the caller may
 * act on (else `notFound`). A malformed id is left to the route's validation (400).
 */
export function requireUserAccess(
  deps: ApiDeps,
  permission: UserPermission,
  options: UserAccessOptions = {},
): RequestHandler {
  const edge = permission === 'authenticated' ? undefined : requirePermission(permission);

  return async (req, res, next) => {
    edge?.(req, res, () => undefined);
    const userId = req.params[options.param ?? 'userId'];
    // iam.admin reaches every organization: the operation's own lookup answers a missing user,
    // and the bootstrap administrator sees the API exactly as before organizations existed.
    const reachesAll = callerOf(req).permissions.has('iam.admin');
    if (reachesAll || typeof userId !== 'string' || !idString.safeParse(userId).success) {
      next();
      return;
    }
    await loadUserFor(req, deps, userId, permission, options.notFound);
    next();
  };
}
