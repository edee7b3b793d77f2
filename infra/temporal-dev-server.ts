/**
 * Starts `temporal server start-dev` through @temporalio/testing's ephemeral server support,
 * with the project's search attributes registered. A dbFilename keeps state across restarts.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { FLOW_SEARCH_ATTRIBUTES } from '../common/flows';

export interface DevServerOptions {
  /** The resolved CLI; undefined lets the SDK download one (machines with internet access). */
  cliPath?: string;
  ip?: string;
  port?: number;
  uiPort?: number;
  dbFilename?: string;
  namespace?: string;
  /** The codec server the Web UI decodes payloads with (`--ui-codec-endpoint`). */
  uiCodecEndpoint?: string;
}

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningTemporal> {
  const ip = options.ip ?? '127.0.0.1';
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: options.cliPath
        ? { type: 'existing-path', path: options.cliPath }
        : { type: 'cached-download' },
      ip,
      port: options.port,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      dbFilename: options.dbFilename,
      namespace: options.namespace ?? 'default',
      searchAttributes: FLOW_SEARCH_ATTRIBUTES,
      log: { format: 'json', level: 'error' },
      // One partition per task queue: on a single-node dev server the default four only add
      // forwarding delays (seconds at the tail) between partitions that have no poller.
      extraArgs: [
        '--dynamic-config-value',
        'matching.numTaskqueueReadPartitions=1',
        '--dynamic-config-value',
        'matching.numTaskqueueWritePartitions=1',
        ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
      ],
    },
  });

  return {
    address: env.address,
    uiUrl: options.uiPort !== undefined ? `http://localhost:${options.uiPort}` : undefined,
    stop: () => env.teardown(),
  };
}
