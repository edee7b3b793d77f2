/**
 * The Flowgate under test as it is deployed: the real API in this process on a free loopback
 * port, and the real worker (`worker/main.ts`) in a process of its own.
 */
import type { Client } from '@temporalio/client';
import { startApi } from '../../api/server';
import type { Config } from '../../config/config';
import { systemClock } from '../../infra/clock';
import { connectDatabase, type Database } from '../../infra/database';
import type { Logger } from '../../infra/logger';
import { connectClient, ensureSearchAttributes } from '../../infra/temporal-client';
import type { Cleanup } from './cleanup';
import type { Env } from './services';
import { startWorkerProcess } from './worker-process';

export interface BenchStack {
  apiUrl: string;
  /** The worker process, whose memory the scale run samples. */
  workerPid: number;
  /** The API's database pool; the scale run reads its figures from PostgreSQL. */
  db: Database;
  /** The API's own client (with the payload codec); the ceiling benchmark uses it too. */
  temporal: Client;
}

export async function startStack(
  env: Env,
  config: Config,
  bundlePath: string,
  logger: Logger,
  cleanup: Cleanup,
): Promise<BenchStack> {
  const workerPid = startWorkerProcess(env, bundlePath, cleanup);

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
    port: config.port,
    host: '127.0.0.1',
  });
  cleanup.add('the API', api.close);
  return { apiUrl: api.url, workerPid, db, temporal };
}
