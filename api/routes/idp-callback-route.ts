/**
 * GET /idps/callback: where identity providers send the browser back (registered at the
 * provider as FLOWGATE_PUBLIC_URL + /idps/callback). No bearer token: the intent's `state`,
 * PKCE and the code itself are the proof.
 */
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { handleCallback } from '../services/idp-intent-service';

const MAX_STATE_LENGTH = 200;

export function idpCallbackRouter(deps: ApiDeps): Router {
  const router = Router();

  router
    .route('/callback')
    .get(async (req, res) => {
      const state = req.query.state;
      const query = req.originalUrl.split('?')[1] ?? '';
      const redirect =
        typeof state === 'string' && state.length > 0 && state.length <= MAX_STATE_LENGTH
          ? await handleCallback(deps, state, query)
          : undefined;
      if (!redirect) {
        // Contract section 5: an unknown state is a plain-text 400.
        res.status(400).type('text/plain').send('unknown or missing state');
        return;
      }
      res.redirect(302, redirect);
    })
    .all(methodNotAllowedHandler);

  return router;
}
