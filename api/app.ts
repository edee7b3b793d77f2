/**
 * The Express app: a thin layer that validates, authenticates, and starts or updates
 * workflows. Errors from every route reach the one handler at the end.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { authenticate } from './access/caller';
import { requirePermission } from './access/require-permission';
import type { ApiDeps } from './deps';
import { errorHandler, notFoundHandler } from './error-handler';
import { corsAllowlist } from './middleware/cors';
import { jsonOnly } from './middleware/json-only';
import { limitPerAddress, limitPerCaller } from './middleware/rate-limit';
import { createApiMetrics } from './metrics/api-metrics';
import { metricsRouter } from './routes/metrics-route';
import { adminRouter } from './routes/admin-routes';
import { codecRouter } from './routes/codec-routes';
import { docsRouter } from './routes/docs-routes';
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
  app.set('trust proxy', deps.config.http.trustProxyHops);
  const limits = deps.config.http;

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
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
  const metrics = createApiMetrics(deps.db);
  app.use(metrics.observeRequests);
  app.use(helmet());

  app.use(healthRouter(deps));
  app.use(metricsRouter(deps, metrics));
  app.use(docsRouter(deps));
  app.use(limitPerAddress(limits.rateLimitPerAddress, limits.rateLimitWindowMs, deps.clock));
  app.use(jsonOnly);
  // Before the API's CORS: the codec answers the Web UI's origin only.
  app.use('/codec', codecRouter(deps));
  app.use(corsAllowlist(limits.corsOrigins));
  app.use(express.json({ limit: BODY_LIMIT, strict: true }));

  const auth = [
    authenticate(deps),
    limitPerCaller(limits.rateLimitPerToken, limits.rateLimitWindowMs, deps.clock),
  ];
  // One mount for the User Service, so a request is authenticated and counted once.
  app.use(
    '/v2/users',
    auth,
    usersRouter(deps),
    phoneAndOtpRouter(deps),
    passwordRouter(deps),
    totpRouter(deps),
    webauthnRouter(deps),
    idpLinksRouter(deps),
    authenticationMethodsRouter(deps),
  );
  app.use('/v2/idp_intents', auth, idpIntentsRouter(deps));
  // Public: the provider's redirect, and the passkey page whose link code is the proof.
  app.use('/idps', idpCallbackRouter(deps));
  app.use('/ui', passkeyPageRouter(deps));
  app.use('/admin/v1/idps', auth, requirePermission('iam.admin'), adminIdpsRouter(deps));
  app.use('/admin/v1', auth, requirePermission('iam.admin'), adminRouter(deps));
  if (deps.config.email.outboxEnabled) {
    app.use('/dev', auth, requirePermission('iam.admin'), devOutboxRouter(deps));
  }

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
