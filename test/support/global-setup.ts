/**
 * Starts the real services every test file shares: a Temporal dev server (the CLI the project
 * resolves) and PostgreSQL (embedded), unless TEMPORAL_ADDRESS / DATABASE_URL name existing
 * ones. The workflow bundle is built once here and handed to every test worker.
 */
import { loadToolSettings } from '../../config/config';
import { connectDatabase, migrate } from '../../infra/database';
import { startThrowawayPostgres } from '../../infra/embedded-postgres';
import { writeWorkflowBundle } from '../../worker/workflow-bundle-file';
import { createLogger } from '../../infra/logger';
import { resolveTemporalCli } from '../../infra/temporal-cli';
import { startTemporalDevServer } from '../../infra/temporal-dev-server';
import { Client, Connection } from '@temporalio/client';
import { ensureSearchAttributes } from '../../infra/temporal-client';
import { testEnv } from './test-env';

type Stop = () => Promise<void>;
const globalStops = globalThis as unknown as { __flowgateStops?: Stop[] };

export default async function globalSetup(): Promise<void> {
  const logger = createLogger('info', 'flowgate-test-setup');
  const stops: Stop[] = [];
  globalStops.__flowgateStops = stops;

  const env = testEnv();
  if (!env.TEMPORAL_ADDRESS) {
    const settings = loadToolSettings();
    const cliPath = resolveTemporalCli({ ...settings, logger });
    const server = await startTemporalDevServer({ cliPath });
    process.env.TEMPORAL_ADDRESS = server.address;
    stops.push(server.stop);
  } else {
    // A server the run did not start may lack the search attributes the flows set.
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    await ensureSearchAttributes(new Client({ connection }), env.TEMPORAL_NAMESPACE || 'default');
    await connection.close();
  }

  if (!env.DATABASE_URL) {
    const pg = await startThrowawayPostgres();
    process.env.DATABASE_URL = pg.url;
    stops.push(pg.stop);
  }

  const db = connectDatabase(process.env.DATABASE_URL!);
  await migrate(db);
  await db.close();

  const bundle = await writeWorkflowBundle();
  stops.push(bundle.remove);
  process.env.FLOWGATE_WORKFLOW_BUNDLE = bundle.path;
}
