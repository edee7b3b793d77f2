/**
 * `npm run bench [-- --concurrency N --count N --warmup N]`: Flowgate's email verification flow
 * end to end over HTTP, then the ceiling of the same Temporal server and worker (a bare workflow
 * with one Update), with their ratios. Services start as in the tests; helpers in scripts/bench/.
 */
import { randomBytes } from 'node:crypto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/config';
import { createLogger } from '../infra/logger';
import { parseBenchArgs } from './bench/args';
import { benchEnv } from './bench/bench-env';
import { bareFlow } from './bench/ceiling-bench';
import { Cleanup } from './bench/cleanup';
import { httpFlow } from './bench/flow-bench';
import { measure } from './bench/measure';
import { renderReport } from './bench/render-report';
import { buildReport, writeReport } from './bench/report';
import { startServices, type Env } from './bench/services';
import { startStack } from './bench/stack';
import { writeWorkflowBundle } from '../worker/workflow-bundle-file';

// The one place this script reads the process: its options and the caller's environment
// (TEMPORAL_ADDRESS, DATABASE_URL, TEMPORAL_CLI_PATH and PATH reach the helpers from here).
const ARGS = process.argv.slice(2);
const ENV: Env = { ...process.env };

const cleanup = new Cleanup();

async function main(): Promise<void> {
  const options = parseBenchArgs(ARGS);
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const logger = createLogger('warn', 'flowgate-bench');

  console.log('starting Temporal and PostgreSQL, bundling the workflows');
  const services = await startServices(ENV, logger, cleanup);
  const env = benchEnv(ENV, services);
  const config = loadConfig(env);
  // Bundled once here, so worker start-up stays out of the measured run.
  const bundle = await writeWorkflowBundle();
  cleanup.add('the workflow bundle', bundle.remove);
  const stack = await startStack(env, config, bundle.path, logger, cleanup);
  const runTag = randomBytes(4).toString('hex');

  const { concurrency, count, warmup } = options;
  console.log(`flow benchmark: ${count} flows at concurrency ${concurrency} (+${warmup} warm-up)`);
  const flow = await measure('flow', options, httpFlow(stack.apiUrl, config.adminToken, runTag));

  console.log(`ceiling benchmark: ${count} bare workflows at concurrency ${concurrency}`);
  const taskQueue = config.temporal.taskQueue;
  const ceiling = await measure('ceiling', options, bareFlow(stack.temporal, taskQueue, runTag));

  const report = buildReport(options, services, flow, ceiling);
  console.log(renderReport(report));
  console.log(`results written to ${writeReport(report)}`);
  if (flow.failedFlows + ceiling.failedFlows > 0) {
    process.exitCode = 1;
  }
}

async function stopOnSignal(signal: NodeJS.Signals): Promise<void> {
  console.error(`flowgate bench: ${signal}, stopping the services`);
  await cleanup.run();
  process.exit(130);
}

process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);

main()
  .catch((error: Error) => {
    console.error(`flowgate bench: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => cleanup.run());
