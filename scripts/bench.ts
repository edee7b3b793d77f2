/**
 * `npm run bench [-- --concurrency 1,4,8,16 --flows email,phone --count N --publish]`: each
 * Flowgate flow end to end over HTTP and the ceiling of the same Temporal server and worker (a
 * bare workflow with one Update) at each concurrency level, with their ratios, an argon2 stall
 * check, a JSON report and an SVG chart. Services start as in the tests; helpers in
 * scripts/bench/.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/config';
import { freePort } from '../infra/free-port';
import { createLogger } from '../infra/logger';
import { parseBenchArgs, type BenchOptions } from './bench/args';
import { measureBesideArgon2 } from './bench/argon2-stall';
import { benchApi, type BenchApi } from './bench/bench-api';
import { benchEnv } from './bench/bench-env';
import { bareFlow } from './bench/ceiling-bench';
import { Cleanup } from './bench/cleanup';
import { cpuSnapshot, type CpuSnapshot } from './bench/cpu-usage';
import { flowKindNamed } from './bench/flows';
import type { BenchFlow, FlowKind } from './bench/flows/flow-kind';
import { measure } from './bench/measure';
import { renderReport } from './bench/render-report';
import { buildReport, ratiosOf, writeResult, type BenchReport } from './bench/report';
import type { LevelResult } from './bench/report';
import { startServices, type Env } from './bench/services';
import { startStack } from './bench/stack';
import { throughputChart } from './bench/throughput-chart';
import { writeWorkflowBundle } from '../worker/workflow-bundle-file';

// The one place this script reads the process: its options and the caller's environment
// (TEMPORAL_ADDRESS, DATABASE_URL, TEMPORAL_CLI_PATH and PATH reach the helpers from here).
const ARGS = process.argv.slice(2);
const ENV: Env = { ...process.env };
const PUBLISHED_CHART = path.resolve(__dirname, '../docs/benchmarks.svg');

const cleanup = new Cleanup();

async function runLevels(
  options: BenchOptions,
  kinds: { kind: FlowKind; flow: BenchFlow }[],
  ceiling: BenchFlow,
  cpu: () => CpuSnapshot,
): Promise<LevelResult[]> {
  const levels: LevelResult[] = [];
  for (const concurrency of options.concurrency) {
    const shape = { concurrency, count: options.count, warmup: options.warmup, cpu };
    console.log(`c=${concurrency}: ceiling`);
    const bare = await measure(`ceiling-c${concurrency}`, shape, ceiling);
    const level: LevelResult = { concurrency, ceiling: bare, flows: {}, ratios: {} };
    for (const { kind, flow } of kinds) {
      console.log(`c=${concurrency}: ${kind.name}`);
      const result = await measure(`${kind.name}-c${concurrency}`, shape, flow);
      level.flows[kind.name] = result;
      level.ratios[kind.name] = ratiosOf(result, kind.finalCall, bare);
    }
    levels.push(level);
  }
  return levels;
}

/** The email flow again beside argon2 hashing, at the first level of 4 or more. */
async function argon2Stall(
  options: BenchOptions,
  levels: LevelResult[],
  email: BenchFlow,
  api: BenchApi,
): Promise<BenchReport['argon2']> {
  const level = levels.find((l) => l.concurrency >= 4) ?? levels[levels.length - 1];
  const without = level?.flows.email;
  if (!without || options.argon2Lanes === 0) {
    return undefined;
  }
  const { concurrency } = level;
  console.log(`c=${concurrency}: email beside ${options.argon2Lanes} argon2 lanes`);
  const shape = { concurrency, count: options.count, warmup: options.warmup };
  const stall = await measureBesideArgon2(
    `argon2-c${concurrency}`,
    shape,
    email,
    api,
    options.argon2Lanes,
  );
  return { ...stall, concurrency, without };
}

async function main(): Promise<void> {
  const options = parseBenchArgs(ARGS);
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const logger = createLogger('warn', 'flowgate-bench');

  console.log('starting Temporal and PostgreSQL, bundling the workflows');
  const services = await startServices(ENV, logger, cleanup);
  const env = benchEnv(ENV, services, await freePort());
  const config = loadConfig(env);
  // Bundled once here, so worker start-up stays out of the measured run.
  const bundle = await writeWorkflowBundle();
  cleanup.add('the workflow bundle', bundle.remove);
  const stack = await startStack(env, config, bundle.path, logger, cleanup);
  const api = benchApi(stack.apiUrl, config.adminToken, options.keepAlive);
  cleanup.add('the HTTP agent', async () => api.close());
  const runTag = randomBytes(4).toString('hex');

  const kinds = options.flows.map(flowKindNamed);
  const ctx = { api, runTag, cleanup };
  const flows = [];
  for (const kind of kinds) {
    flows.push({ kind, flow: await kind.create(ctx) });
  }
  const ceiling = bareFlow(stack.temporal, config.temporal.taskQueue, runTag);
  const levels = await runLevels(options, flows, ceiling, () => cpuSnapshot(stack.workerPid));
  const email = flows.find((f) => f.kind.name === 'email')?.flow;
  const stall = email && (await argon2Stall(options, levels, email, api));

  const report = buildReport(options, services, kinds, levels, stall);
  console.log(renderReport(report));
  const json = writeResult('bench', report.finishedAt, 'json', JSON.stringify(report, null, 2));
  const chart = throughputChart(report);
  const svg = writeResult('bench', report.finishedAt, 'svg', chart);
  console.log(`results written to ${json} and ${svg}`);
  if (options.publish) {
    fs.mkdirSync(path.dirname(PUBLISHED_CHART), { recursive: true });
    fs.copyFileSync(svg, PUBLISHED_CHART);
    console.log(`chart published to ${PUBLISHED_CHART}`);
  }

  const failed = levels.flatMap((l) => [l.ceiling, ...Object.values(l.flows)]);
  if (failed.some((result) => result.failedFlows > 0)) {
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
