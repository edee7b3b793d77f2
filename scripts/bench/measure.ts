/**
 * Runs one benchmark: the untimed set-up of every flow, a warm-up whose figures are dropped,
 * then `count` flows at a fixed concurrency, timed from the first start to the last finish.
 */
import { performance } from 'node:perf_hooks';
import { CallRecorder } from './call-recorder';
import { cpuPerFlow, type CpuSnapshot } from './cpu-usage';
import type { BenchFlow } from './flows/flow-kind';
import { runPool } from './run-pool';
import { summarize, type LatencySummary } from './stats';

export interface RunShape {
  concurrency: number;
  count: number;
  warmup: number;
  /** Reads the stack's CPU time, so the result can say what each flow cost each part. */
  cpu?: () => CpuSnapshot;
}

export interface BenchResult {
  name: string;
  flows: number;
  concurrency: number;
  failedFlows: number;
  warmupFailedFlows: number;
  wallMs: number;
  /** Flows that succeeded, per second of wall time. */
  flowsPerSecond: number;
  calls: Record<string, LatencySummary>;
  /** Failed calls by `call: reason`, with their count. */
  failures: Record<string, number>;
  /** CPU milliseconds per flow of each part of the stack (api, worker, temporal, postgres). */
  cpuMsPerFlow?: CpuSnapshot;
}

// Set-up is not measured, so it may use more lanes than the level under test.
const PREPARE_LANES = 8;

async function prepareAll(flow: BenchFlow, keys: string[]): Promise<unknown[]> {
  const prepare = flow.prepare;
  if (!prepare) {
    return keys.map(() => undefined);
  }
  const prepared: unknown[] = new Array(keys.length);
  await runPool(keys.length, PREPARE_LANES, async (index) => {
    prepared[index] = await prepare(keys[index]);
  });
  return prepared;
}

async function runFlows(keys: string[], shape: RunShape, flow: BenchFlow) {
  const prepared = await prepareAll(flow, keys);
  const recorder = new CallRecorder();
  let failed = 0;
  const cpuBefore = shape.cpu?.();
  const started = performance.now();
  await runPool(keys.length, shape.concurrency, async (index) => {
    if (!(await flow.run(keys[index], prepared[index], recorder))) {
      failed += 1;
    }
  });
  const wallMs = performance.now() - started;
  const cpu = cpuBefore && shape.cpu && cpuPerFlow(cpuBefore, shape.cpu(), keys.length);
  return { recorder, failed, wallMs, cpu };
}

const keysOf = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

/** `name` must be unique within the run: it keys the users and workflows of the flows. */
export async function measure(
  name: string,
  shape: RunShape,
  flow: BenchFlow,
): Promise<BenchResult> {
  const warmup = await runFlows(keysOf(`${name}-w`, shape.warmup), shape, flow);
  const { recorder, failed, wallMs, cpu } = await runFlows(keysOf(name, shape.count), shape, flow);

  const calls = [...recorder.latencies].map(([call, samples]) => [call, summarize(samples)]);
  return {
    name,
    flows: shape.count,
    concurrency: shape.concurrency,
    failedFlows: failed,
    warmupFailedFlows: warmup.failed,
    wallMs,
    flowsPerSecond: (shape.count - failed) / (wallMs / 1000),
    calls: Object.fromEntries(calls),
    failures: Object.fromEntries(recorder.failures),
    ...(cpu && { cpuMsPerFlow: cpu }),
  };
}
