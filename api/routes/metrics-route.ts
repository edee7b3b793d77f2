/**
 * GET /metrics in Prometheus' text format: the API's own metrics, then, when
 * FLOWGATE_WORKER_METRICS_URL names it, the worker's Temporal runtime exporter (workflow and
 * activity task metrics, and the messages the worker sent), fetched at scrape time.
 */
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import type { ApiMetrics } from '../metrics/api-metrics';

const WORKER_SCRAPE_TIMEOUT_MS = 2_000;

async function workerMetrics(url: string): Promise<string> {
  let text = '';
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(WORKER_SCRAPE_TIMEOUT_MS) });
    text = response.ok ? await response.text() : '';
  } catch {
    text = '';
  }
  const up = text ? 1 : 0;
  return (
    `${text}\n# HELP flowgate_worker_metrics_up Whether the worker's exporter answered\n` +
    `# TYPE flowgate_worker_metrics_up gauge\nflowgate_worker_metrics_up ${up}\n`
  );
}

export function metricsRouter(deps: ApiDeps, metrics: ApiMetrics): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const own = await metrics.registry.metrics();
    const url = deps.config.metrics.workerMetricsUrl;
    const worker = url ? await workerMetrics(url) : '';
    res.type(metrics.registry.contentType).send(own + worker);
  });
  return router;
}
