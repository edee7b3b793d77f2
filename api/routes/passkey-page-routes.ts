/**
 * /ui/passkey: the self-service page a registration link opens, and its two calls. They need
 * no bearer token: the link's code is the proof, as the contract has it for RegisterPasskey
 * with a code and for VerifyPasskeyRegistration (the challenge is the proof).
 */
import { Router, type Response } from 'express';
import { Errors, FlowgateError } from '../../common/errors';
import { codeMatches } from '../../infra/codes';
import { findLink, linkScope } from '../../store/passkey-links-store';
import { findRegistration } from '../../store/webauthn-store';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { pageFinishRequest, pageStartRequest } from '../schemas/webauthn-schemas';
import { completeRegistration, startRegistration } from '../services/webauthn-service';
import { PASSKEY_PAGE_HTML } from '../ui/passkey-page-html';
import { passkeyPageScript } from '../ui/passkey-page-script';
import { parseRequest } from '../validation';

/**
 * The link's code is in the page's URL: no referrer may carry it away, no other origin may
 * frame or script the page (OWASP ASVS 5.0 V3.4).
 */
function pageHeaders(res: Response): void {
  res.set({
    'content-security-policy':
      "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; " +
      "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
}

export function passkeyPageRouter(deps: ApiDeps): Router {
  const router = Router();

  router
    .route('/passkey')
    .get((_req, res) => {
      pageHeaders(res);
      res.type('html').send(PASSKEY_PAGE_HTML);
    })
    .all(methodNotAllowedHandler);

  router
    .route('/passkey.js')
    .get(async (_req, res) => {
      const script = await passkeyPageScript();
      res.set({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' });
      res.type('js').send(script);
    })
    .all(methodNotAllowedHandler);

  router
    .route('/passkey/start')
    .post(async (req, res) => {
      const request = parseRequest('PasskeyPageStartRequest', pageStartRequest, req.body);
      const kind = request.kind === 'u2f' ? 'u2f-registration' : 'passkey-registration';
      const started = await startRegistration(deps, kind, request, req);
      pageHeaders(res);
      res.json({
        registrationId: started.registrationId,
        publicKey: started.publicKeyCredentialCreationOptions.publicKey,
      });
    })
    .all(methodNotAllowedHandler);

  router
    .route('/passkey/finish')
    .post(async (req, res) => {
      const request = parseRequest('PasskeyPageFinishRequest', pageFinishRequest, req.body);
      const { userId, code, registrationId } = request;

      // Only the holder of the code that started this registration may finish it.
      const link = await findLink(deps.db, code.id);
      const registration = await findRegistration(deps.db, registrationId);
      const authorised =
        link?.user_id === userId &&
        link.registration_id === registrationId &&
        registration?.user_id === userId &&
        codeMatches(deps.config.codeHmacKey, linkScope(code.id), code.code, link.code_hash);
      if (!authorised || !registration) {
        throw new FlowgateError(Errors.webauthnNotFound);
      }

      const kind = registration.kind === 'u2f' ? 'u2f-registration' : 'passkey-registration';
      const details = await completeRegistration(deps, kind, {
        userId,
        registrationId,
        credential: request.publicKeyCredential,
        name: request.name,
      });
      pageHeaders(res);
      res.json({ details });
    })
    .all(methodNotAllowedHandler);

  return router;
}
