/**
 * Rate limits on the whole API, per client address (before authentication, so guessing tokens
 * is slowed too) and per caller token (OWASP ASVS 5.0 V2.4: anti-automation). Over a limit:
 * 429, code 8, with Retry-After. These sit on top of the per-code attempt limits.
 */
import type { Request, RequestHandler } from 'express';
import { Errors, FlowgateError } from '../../common/errors';
import type { Clock } from '../../infra/clock';
import { callerOf } from '../access/caller';
import { RateLimiter } from './rate-limiter';

function limitBy(
  limit: number,
  windowMs: number,
  clock: Clock,
  keyOf: (req: Request) => string,
): RequestHandler {
  if (limit === 0) {
    return (_req, _res, next) => next();
  }
  const limiter = new RateLimiter(limit, windowMs);
  return (req, res, next) => {
    const taken = limiter.take(keyOf(req), clock.now().getTime());
    if (!taken.allowed) {
      res.set('Retry-After', String(taken.retryAfterSeconds));
      throw new FlowgateError(Errors.rateLimited);
    }
    next();
  };
}

export function limitPerAddress(limit: number, windowMs: number, clock: Clock): RequestHandler {
  return limitBy(limit, windowMs, clock, (req) => req.ip ?? 'unknown');
}

/** Counts per caller: the bootstrap token, or one service account across all its tokens. */
export function limitPerCaller(limit: number, windowMs: number, clock: Clock): RequestHandler {
  return limitBy(limit, windowMs, clock, (req) => callerOf(req).id);
}
