import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Errors, FlowgateError } from '../common/errors';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Bearer-token check against the administrator token. Both sides are hashed first so the
 * comparison is constant-time whatever the lengths (OWASP ASVS 5.0 V2).
 */
export function requireAdminToken(adminToken: string): RequestHandler {
  const expected = digest(adminToken);

  return (req, _res, next) => {
    const header = req.get('authorization');
    if (!header) {
      next(new FlowgateError(Errors.authMissing));
      return;
    }

    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]), expected)) {
      next(new FlowgateError(Errors.tokenInvalid));
      return;
    }
    next();
  };
}
