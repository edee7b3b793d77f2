import type { TelemetryOptions } from '@temporalio/worker';

/**
 * The Temporal Core runtime's Prometheus exporter on `bindAddress` (host:port, path /metrics):
 * workflow and activity task latencies, slots, sticky cache, polls, and Flowgate's own
 * counters recorded on the runtime meter. Undefined address: no exporter.
 */
export function runtimeTelemetry(bindAddress: string | undefined): TelemetryOptions | undefined {
  if (!bindAddress) {
    return undefined;
  }
  return {
    metrics: {
      prometheus: { bindAddress, countersTotalSuffix: true, useSecondsForDurations: true },
    },
  };
}
