import { Router } from 'express';
import { databaseIsReachable } from '../../infra/database';
import { temporalIsReachable } from '../../infra/temporal-client';
import type { ApiDeps } from '../deps';

/** 200 when PostgreSQL and Temporal both answer, 503 otherwise (for load balancers). */
export function healthRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      databaseIsReachable(deps.db),
      temporalIsReachable(deps.temporal),
    ]);
    const status = (up: boolean) => (up ? 'up' : 'down');
    res.status(database && temporal ? 200 : 503).json({
      status: database && temporal ? 'ok' : 'degraded',
      database: status(database),
      temporal: status(temporal),
    });
  });
  return router;
}
