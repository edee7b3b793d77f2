/**
 * Who is calling, as the auth middleware established it. Today every /v2 caller holds the
 * administrator token (api/auth.ts); when service accounts and permissions come, this is the
 * one decision to re-point.
 */
import type { Response } from 'express';

export function callerIsAdministrator(res: Response): boolean {
  return res.locals.administrator === true;
}
