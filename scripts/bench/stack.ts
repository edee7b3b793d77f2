/**
 * The Flowgate under test, in-process as in test/support/stack.ts: the real API on a free
 * loopback port and a real worker on the configured task queue, each with its own database
 * pool as when they run as separate processes.
 */
import type { Client } from '@temporalio/client';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { startApi } from '../../api/server';
import type { Config } from '../../config/config';
import { systemClock } from '../../infra/clock';
import { connectDatabase } from '../../infra/database';
import type { Logger } from '../../infra/logger';
import { connectClient, ensureSearchAttributes } from '../../infra/temporal-client';
import { startWorker } from '../../worker/start-worker';
import type { Cleanup } from './cleanup';

export interface BenchStack {
  apiUrl: string;
  /** The API's own client (with the payload codec); the ceiling benchmark uses it too. */
  temporal: Client;
}

/** Bundles the workflows once, as global setup does, so worker start-up stays out of the run. */
export async function bundleWorkflows(): Promise<string> {
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: new DefaultLogger('WARN'),
  });
  return bundle.code;
}

async function startBenchWorker(
  config: Config,
  bundleCode: string,
  cleanup: Cleanup,
): Promise<void> {
  const db = connectDatabase(config.database.url!);
  cleanup.add('the worker database pool', () => db.close());
  const worker = await startWorker(config, config.temporal.address!, db, systemClock, {
    code: bundleCode,
  });
  // Said at once: with no worker every later flow would wait for one.
  worker.running.catch((error: Error) =>
    console.error(`flowgate bench: worker failed: ${error.message}`),
  );
  cleanup.add('the worker', worker.stop);
}

export async function startStack(
  config: Config,
  bundleCode: string,
  logger: Logger,
  cleanup: Cleanup,
): Promise<BenchStack> {
  await startBenchWorker(config, bundleCode, cleanup);

  const temporal = await connectClient(config, config.temporal.address!);
  cleanup.add('the Temporal client', () => temporal.connection.close());
  await ensureSearchAttributes(temporal, config.temporal.namespace);

  const db = connectDatabase(config.database.url!);
  cleanup.add('the API database pool', () => db.close());
  const api = await startApi({
    config,
    db,
    temporal,
    logger,
    clock: systemClock,
    port: 0,
    host: '127.0.0.1',
  });
  cleanup.add('the API', api.close);
  return { apiUrl: api.url, temporal };
}
