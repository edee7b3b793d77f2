/** `npm run api`: the HTTP API alone, against TEMPORAL_ADDRESS and DATABASE_URL. */
import { loadConfig } from '../config/config';
import { systemClock } from '../infra/clock';
import { connectDatabase, migrate } from '../infra/database';
import { createLogger } from '../infra/logger';
import { requireExternalServices } from '../infra/required-services';
import { connectClient, ensureSearchAttributes } from '../infra/temporal-client';
import { startApi } from './server';
import { runMain } from '../infra/run-main';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'flowgate-api');
  const { databaseUrl, address } = requireExternalServices(config);

  const db = connectDatabase(databaseUrl);
  await migrate(db, logger);
  const temporal = await connectClient(config, address);
  await ensureSearchAttributes(temporal, config.temporal.namespace);

  const api = await startApi({ config, db, temporal, logger, clock: systemClock });
  logger.info({ url: `http://localhost:${config.port}` }, 'API listening');

  const stop = async () => {
    await api.close();
    await temporal.connection.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

runMain('api', main);
