/**
 * One Flowgate per test file, in-process: the real API on port 0 and a real worker on a task
 * queue of its own, against the shared Temporal server and PostgreSQL.
 */
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { DestinationStream } from 'pino';
import { startApi, type RunningApi } from '../../api/server';
import { loadConfig, type Config } from '../../config/config';
import { systemClock } from '../../infra/clock';
import { connectDatabase, type Database } from '../../infra/database';
import { createLogger } from '../../infra/logger';
import { connectClient } from '../../infra/temporal-client';
import { runtimeTelemetry } from '../../worker/runtime-telemetry';
import { startWorker, type RunningWorker } from '../../worker/start-worker';
import { apiClient, type ApiClient } from './http';
import { stackEnv, type Env } from './test-env';

let runtimeInstalled = false;

export interface TestStack {
  config: Config;
  env: Env;
  db: Database;
  temporal: Client;
  api: RunningApi;
  url: string;
  /** Starts the in-process worker (done by default). */
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  env?: Env;
  /** Leave the worker off, e.g. to run it as a separate process. */
  withoutWorker?: boolean;
  /** Where the API's log lines go (default stdout). */
  logDestination?: DestinationStream;
  /** The API's port, when FLOWGATE_PUBLIC_URL must name it up front (default: any free one). */
  port?: number;
}

/**
 * The SDK runtime of this test file, quiet below errors, exporting its metrics to
 * `metricsAddress` when given. Call it before anything else that touches the runtime (starting
 * a dev server does); later calls do nothing.
 */
export function installTestRuntime(metricsAddress?: string): void {
  if (!runtimeInstalled) {
    Runtime.install({
      logger: new DefaultLogger('ERROR'),
      telemetryOptions: runtimeTelemetry(metricsAddress),
    });
    runtimeInstalled = true;
  }
}

export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const env = stackEnv(options.env);
  const config = loadConfig(env);
  installTestRuntime(config.metrics.workerMetricsAddress);

  const logger = createLogger(config.logLevel, 'flowgate-test', options.logDestination);
  const db = connectDatabase(config.database.url!);
  const temporal = await connectClient(config, config.temporal.address!);
  const api = await startApi({
    config,
    db,
    temporal,
    logger,
    clock: systemClock,
    port: options.port ?? 0,
    host: '127.0.0.1',
  });

  let worker: RunningWorker | undefined;

  const stack: TestStack = {
    config,
    env,
    db,
    temporal,
    api,
    url: api.url,
    async startWorker() {
      worker = await startWorker(config, config.temporal.address!, db, systemClock, {
        codePath: config.temporal.workflowBundlePath!,
      });
    },
    async stopWorker() {
      await worker?.stop();
      worker = undefined;
    },
    async stop() {
      await stack.stopWorker();
      await api.close();
      await temporal.connection.close();
      await db.close();
    },
  };

  if (!options.withoutWorker) {
    await stack.startWorker();
  }
  return stack;
}

export interface StackContext {
  readonly stack: TestStack;
  /** An HTTP client with the stack's administrator token. */
  readonly api: ApiClient;
}

/**
 * One stack for the calling test file: started before its tests, stopped after them. Options
 * given as a function are read when the stack starts, after earlier beforeAll hooks ran.
 */
export function useStack(options: StackOptions | (() => StackOptions) = {}): StackContext {
  let started: { stack: TestStack; api: ApiClient } | undefined;

  beforeAll(async () => {
    const stack = await startStack(typeof options === 'function' ? options() : options);
    started = { stack, api: apiClient(stack.url, stack.config.adminToken) };
  });

  afterAll(async () => {
    await started?.stack.stop();
  });

  const current = () => {
    if (!started) {
      throw new Error('the stack starts in beforeAll; use it inside a test');
    }
    return started;
  };
  return {
    get stack() {
      return current().stack;
    },
    get api() {
      return current().api;
    },
  };
}
