/**
 * Starts the real services every test file shares: a Temporal dev server (the CLI the project
 * resolves) and PostgreSQL (embedded), unless TEMPORAL_ADDRESS / DATABASE_URL name existing
 * ones. The workflow bundle is built once here and handed to every test worker.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { loadToolSettings } from '../../config/config';
import { connectDatabase, migrate } from '../../infra/database';
import { startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { freePort } from '../../infra/free-port';
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
    // A folder of its own under /tmp: the server runs as the postgres user when we are root.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowgate-pg-'));
    fs.chmodSync(dataDir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    process.env.DATABASE_URL = pg.url;
    stops.push(async () => {
      await pg.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
  }

  const db = connectDatabase(process.env.DATABASE_URL!);
  await migrate(db);
  await db.close();

  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: new DefaultLogger('WARN'),
  });
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowgate-wf-'));
  const bundlePath = path.join(bundleDir, 'bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);
  stops.push(async () => fs.rmSync(bundleDir, { recursive: true, force: true }));
  process.env.FLOWGATE_WORKFLOW_BUNDLE = bundlePath;
}
