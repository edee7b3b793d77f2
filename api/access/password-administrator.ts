/**
 * Who may set a user's password with neither the current password nor a reset code: ZITADEL's
 * `user.write` in the user's organization (contract, SetPassword (c)); the bootstrap
 * administrator holds it everywhere. The one place this decision is made.
 */
import type { Request } from 'express';
import { callerOf, hasPermission } from './caller';

export function isPasswordAdministrator(req: Request, orgId: string): boolean {
  return hasPermission(callerOf(req), 'user.write', orgId);
}
