/** `npm run worker`: the Temporal worker alone, against TEMPORAL_ADDRESS and DATABASE_URL. */
import { Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/config';
import { systemClock } from '../infra/clock';
import { connectDatabase, migrate } from '../infra/database';
import { createLogger } from '../infra/logger';
import { requireExternalServices } from '../infra/required-services';
import { sdkLoggerFor } from '../infra/sdk-logger';
import { runtimeTelemetry } from './runtime-telemetry';
import { startWorker } from './start-worker';
import { runMain } from '../infra/run-main';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'flowgate-worker');
  Runtime.install({
    logger: sdkLoggerFor(logger),
    telemetryOptions: runtimeTelemetry(config.metrics.workerMetricsAddress),
  });
  const { databaseUrl, address } = requireExternalServices(config);

  const db = connectDatabase(databaseUrl);
  await migrate(db, logger);
  const bundlePath = config.temporal.workflowBundlePath;
  const { running } = await startWorker(
    config,
    address,
    db,
    systemClock,
    bundlePath ? { codePath: bundlePath } : undefined,
  );

  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker running');
  // The SDK drains the worker on SIGINT and SIGTERM; then the pool closes.
  await running;
  await db.close();
}

runMain('worker', main);
