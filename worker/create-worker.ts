import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import type { Config } from '../config/config';
import { dataConverterFor } from '../infra/payload-codec';

export interface WorkerOptions {
  config: Config;
  connection: NativeConnection;
  deps: ActivityDeps;
  /** A pre-built workflow bundle (tests and benchmarks build it once); else bundled now. */
  workflowBundle?: WorkflowBundleOption;
}

/** Wires the workflows and the activities built from their dependencies into one worker. */
export function createWorker(options: WorkerOptions): Promise<Worker> {
  const { config, connection, deps, workflowBundle } = options;
  const workflows = workflowBundle
    ? { workflowBundle }
    : { workflowsPath: require.resolve('../workflows') };

  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...workflows,
    activities: createActivities(deps),
    dataConverter: dataConverterFor(config.payloadKeys),
  });
}
