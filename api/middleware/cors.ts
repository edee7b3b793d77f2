/**
 * CORS for an allowlist of exact origins; never `*`. Bearer tokens, not cookies, authenticate,
 * so credentials are not allowed. A preflight from another origin gets no CORS headers and
 * the browser refuses the call.
 */
import type { RequestHandler } from 'express';

const ALLOWED_HEADERS = 'authorization, content-type, x-zitadel-orgid, x-request-id, x-namespace';
const PREFLIGHT_MAX_AGE_S = '600';

export function corsAllowlist(
  origins: readonly string[],
  methods = 'GET, POST, DELETE',
): RequestHandler {
  const allowed = new Set(origins);

  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    const isPreflight = req.method === 'OPTIONS' && req.get('access-control-request-method');
    if (!origin || !allowed.has(origin)) {
      if (isPreflight) {
        res.status(204).end();
        return;
      }
      next();
      return;
    }

    res.set('Access-Control-Allow-Origin', origin);
    res.set('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
    if (isPreflight) {
      res.set('Access-Control-Allow-Methods', methods);
      res.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.set('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_S);
      res.status(204).end();
      return;
    }
    next();
  };
}
