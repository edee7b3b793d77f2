/**
 * What the workflow tests share: a client of the run's Temporal server, and a worker of the
 * committed bundle with stubbed activities on a task queue of its own.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { testEnv } from './test-env';

export interface WorkflowHarness {
  /** Connected in beforeAll, closed in afterAll. */
  readonly client: Client;
}

/** Installs a quiet runtime and connects a client for the calling test file. */
export function useWorkflowHarness(): WorkflowHarness {
  let connection: Connection | undefined;
  let client: Client | undefined;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    connection = await Connection.connect({ address: testEnv().TEMPORAL_ADDRESS });
    client = new Client({ connection });
  });

  afterAll(async () => {
    await connection?.close();
  });

  return {
    get client() {
      if (!client) {
        throw new Error('the client connects in beforeAll; use it inside a test');
      }
      return client;
    },
  };
}

/** Runs `run` while a worker with `activities` polls a fresh task queue, which it is given. */
export async function withStubWorker<T>(
  activities: object,
  run: (taskQueue: string) => Promise<T>,
  queuePrefix = 'wf-test',
): Promise<T> {
  const env = testEnv();
  const taskQueue = `${queuePrefix}-${randomBytes(6).toString('hex')}`;
  const nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: { codePath: env.FLOWGATE_WORKFLOW_BUNDLE! },
    activities,
  });
  try {
    return await worker.runUntil(run(taskQueue));
  } finally {
    await nativeConnection.close();
  }
}
