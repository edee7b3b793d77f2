import type { Worker, WorkflowBundleOption } from '@temporalio/worker';
import type { Config } from '../config/config';
import type { Clock } from '../infra/clock';
import type { Database } from '../infra/database';
import { connectWorkerConnection } from '../infra/temporal-client';
import { activityDepsFor } from './activity-deps';
import { createWorker } from './create-worker';

export interface RunningWorker {
  worker: Worker;
  /** Settles when the worker has stopped; rejects if it failed. */
  running: Promise<void>;
  /** Drains and stops the worker, unless the SDK is already doing so on a signal. */
  stop(): Promise<void>;
}

/** Connects to `address`, builds the real activities and runs a worker until stopped. */
export async function startWorker(
  config: Config,
  address: string,
  db: Database,
  clock: Clock,
  workflowBundle?: WorkflowBundleOption,
): Promise<RunningWorker> {
  const connection = await connectWorkerConnection(address);
  const worker = await createWorker({
    config,
    connection,
    deps: activityDepsFor(config, db, clock),
    workflowBundle,
  });
  const running = worker.run().finally(() => connection.close());

  return {
    worker,
    running,
    async stop() {
      if (worker.getState() === 'RUNNING') {
        worker.shutdown();
      }
      await running;
    },
  };
}
