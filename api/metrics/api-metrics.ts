/**
 * Prometheus metrics of the API, one registry per app. Flow counts are read from PostgreSQL at
 * scrape time, so every API process reports the same, complete numbers whichever process or
 * worker ran the flow; HTTP durations are this process's own.
 */
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../../infra/database';
import { countFlows } from '../../store/flow-counts';

export interface ApiMetrics {
  registry: Registry;
  /** Times every request, labelled by its route pattern (not the raw path) and status. */
  observeRequests: RequestHandler;
}

/**
 * The route pattern that served the request, e.g. `/v2/users/:userId/email`: one series per
 * route, not per user. Routers are mounted on literal prefixes, so the prefix is the leading
 * segments of the path (req.baseUrl is already reset when an error reached the app's handler).
 */
function routeOf(req: Parameters<RequestHandler>[0]): string {
  const pattern = req.route?.path;
  if (typeof pattern !== 'string') {
    return 'unmatched';
  }
  const segments = req.originalUrl.split('?')[0].split('/').filter(Boolean);
  const patternSegments = pattern.split('/').filter(Boolean).length;
  const prefix = segments.slice(0, Math.max(0, segments.length - patternSegments)).join('/');
  return `${prefix ? `/${prefix}` : ''}${pattern}`;
}

function flowMetrics(registry: Registry, db: Database): void {
  const started = new Counter({
    name: 'flowgate_flows_started_total',
    help: 'Verification flows started (one per workflow run), by kind',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      const counts = await countFlows(db);
      started.reset();
      finished.reset();
      pending.reset();
      for (const { kind, state, count } of counts) {
        started.inc({ kind }, count);
        if (state === 'pending') {
          pending.set({ kind }, count);
        } else {
          finished.inc({ kind, outcome: state }, count);
        }
      }
    },
  });
  const finished = new Counter({
    name: 'flowgate_flows_finished_total',
    help: 'Verification flows finished, by kind and outcome (verified, expired, locked, cancelled)',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  });
  const pending = new Gauge({
    name: 'flowgate_flows_pending',
    help: 'Verification flows waiting for their code, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
}

export function createApiMetrics(db: Database): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'flowgate_api_' });
  flowMetrics(registry, db);

  const duration = new Histogram({
    name: 'flowgate_http_request_duration_seconds',
    help: 'HTTP request durations, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  const observeRequests: RequestHandler = (req, res, next) => {
    const stop = duration.startTimer({ method: req.method });
    res.once('finish', () => stop({ route: routeOf(req), status: String(res.statusCode) }));
    next();
  };
  return { registry, observeRequests };
}
