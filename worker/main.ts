/** `npm run worker`: the Temporal worker alone, against TEMPORAL_ADDRESS and DATABASE_URL. */
import { loadConfig } from '../config/config';
import { systemClock } from '../infra/clock';
import { connectDatabase, migrate } from '../infra/database';
import { createLogger } from '../infra/logger';
import { requireExternalServices } from '../infra/required-services';
import { connectWorkerConnection } from '../infra/temporal-client';
import { activityDepsFor } from './activity-deps';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'flowgate-worker');
  const { databaseUrl, address } = requireExternalServices(config);

  const db = connectDatabase(databaseUrl);
  await migrate(db, logger);
  const connection = await connectWorkerConnection(address);
  const worker = await createWorker({
    config,
    connection,
    deps: activityDepsFor(config, db, systemClock),
    workflowBundle: config.temporal.workflowBundlePath
      ? { codePath: config.temporal.workflowBundlePath }
      : undefined,
  });

  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker running');
  await worker.run();
  await connection.close();
  await db.close();
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`flowgate worker: ${message}`);
  process.exit(1);
});
