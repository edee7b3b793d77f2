/**
 * The Express app: a thin layer that validates, authenticates, and starts or updates
 * workflows. Errors from every route reach the one handler at the end.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { requireAdminToken } from './auth';
import type { ApiDeps } from './deps';
import { errorHandler, notFoundHandler } from './error-handler';
import { devOutboxRouter } from './routes/dev-outbox-route';
import { healthRouter } from './routes/health-route';
import { totpRouter } from './routes/totp-routes';
import { phoneAndOtpRouter } from './routes/phone-and-otp-routes';
import { passwordRouter } from './routes/password-routes';
import { usersRouter } from './routes/users-routes';
import { adminIdpsRouter } from './routes/admin-idps-routes';
import { authenticationMethodsRouter } from './routes/authentication-methods-route';
import { idpCallbackRouter } from './routes/idp-callback-route';
import { idpIntentsRouter } from './routes/idp-intents-routes';
import { idpLinksRouter } from './routes/idp-links-route';
import { webauthnRouter } from './routes/webauthn-routes';
import { passkeyPageRouter } from './routes/passkey-page-routes';

const BODY_LIMIT = '1mb';

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      },
      // Only method, path and status: no bodies, no headers, no query strings.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(express.json({ limit: BODY_LIMIT, strict: true }));

  app.use(healthRouter(deps));
  const auth = requireAdminToken(deps.config.adminToken);
  app.use('/v2/users', auth, usersRouter(deps));
  app.use('/v2/users', auth, totpRouter(deps));
  app.use('/v2/users', auth, idpLinksRouter(deps), authenticationMethodsRouter(deps));
  app.use('/v2/idp_intents', auth, idpIntentsRouter(deps));
  app.use('/idps', idpCallbackRouter(deps));
  app.use('/admin/v1/idps', auth, adminIdpsRouter(deps));
  app.use('/v2/users', auth, webauthnRouter(deps));
  app.use('/ui', passkeyPageRouter(deps));
  app.use('/v2/users', auth, phoneAndOtpRouter(deps));
  app.use('/v2/users', auth, passwordRouter(deps));
  if (deps.config.email.outboxEnabled) {
    app.use('/dev', auth, devOutboxRouter(deps));
  }

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
