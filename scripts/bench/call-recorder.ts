/**
 * Times the calls of a benchmark by name. Only calls that succeed give a latency sample, so a
 * fast rejection cannot flatter the percentiles; failures are counted by call and reason.
 */
import { performance } from 'node:perf_hooks';

export class CallRecorder {
  readonly latencies = new Map<string, number[]>();
  readonly failures = new Map<string, number>();

  /** Runs `fn`; resolves to its value, or to undefined once the failure is counted. */
  async call<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
    const started = performance.now();
    try {
      const value = await fn();
      this.samplesOf(name).push(performance.now() - started);
      return value;
    } catch (error) {
      const reason = `${name}: ${error instanceof Error ? error.message : String(error)}`;
      this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
      return undefined;
    }
  }

  private samplesOf(name: string): number[] {
    let samples = this.latencies.get(name);
    if (!samples) {
      samples = [];
      this.latencies.set(name, samples);
    }
    return samples;
  }
}
