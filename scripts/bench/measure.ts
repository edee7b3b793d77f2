/**
 * Runs one benchmark: a warm-up whose figures are dropped, then `count` flows at a fixed
 * concurrency, timed from the first start to the last finish.
 */
import { performance } from 'node:perf_hooks';
import type { BenchOptions } from './args';
import { CallRecorder } from './call-recorder';
import { runPool } from './run-pool';
import { summarize, type LatencySummary } from './stats';

/** One flow under a key unique to the run; resolves to whether every call succeeded. */
export type BenchFlow = (key: string, recorder: CallRecorder) => Promise<boolean>;

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
}

async function runFlows(
  name: string,
  count: number,
  concurrency: number,
  flow: BenchFlow,
): Promise<{ recorder: CallRecorder; failed: number }> {
  const recorder = new CallRecorder();
  let failed = 0;
  await runPool(count, concurrency, async (index) => {
    if (!(await flow(`${name}-${index}`, recorder))) {
      failed += 1;
    }
  });
  return { recorder, failed };
}

export async function measure(
  name: string,
  options: BenchOptions,
  flow: BenchFlow,
): Promise<BenchResult> {
  const warmup = await runFlows(`${name}-warmup`, options.warmup, options.concurrency, flow);

  const started = performance.now();
  const { recorder, failed } = await runFlows(name, options.count, options.concurrency, flow);
  const wallMs = performance.now() - started;

  const calls = [...recorder.latencies].map(([call, samples]) => [call, summarize(samples)]);
  return {
    name,
    flows: options.count,
    concurrency: options.concurrency,
    failedFlows: failed,
    warmupFailedFlows: warmup.failed,
    wallMs,
    flowsPerSecond: (options.count - failed) / (wallMs / 1000),
    calls: Object.fromEntries(calls),
    failures: Object.fromEntries(recorder.failures),
  };
}
