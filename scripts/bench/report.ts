/**
 * The benchmark's results with what they were measured on, and their JSON file under
 * bench-results/ (git-ignored), one per run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchOptions } from './args';
import type { BenchResult } from './measure';
import type { BenchServices } from './services';

export interface BenchReport {
  finishedAt: string;
  machine: {
    platform: string;
    release: string;
    arch: string;
    cpus: number;
    cpuModel: string;
    totalMemBytes: number;
    node: string;
    /** 1, 5 and 15 minute load averages at the end: other work on the machine skews figures. */
    loadAverage: number[];
  };
  services: { temporal: 'dev server' | 'external'; postgres: 'embedded' | 'external' };
  options: BenchOptions;
  flow: BenchResult;
  ceiling: BenchResult;
  ratios: {
    /** Flowgate's flow throughput as a share of the bare workflow's. */
    throughput: number;
    /** Verify p99 over the bare Update p99: what the flow adds to the one call a user waits on. */
    verifyP99OverUpdateP99: number;
  };
}

export function buildReport(
  options: BenchOptions,
  services: BenchServices,
  flow: BenchResult,
  ceiling: BenchResult,
): BenchReport {
  const cpus = os.cpus();
  return {
    finishedAt: new Date().toISOString(),
    machine: {
      platform: os.platform(),
      release: os.release(),
      arch: os.arch(),
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      totalMemBytes: os.totalmem(),
      node: process.version,
      loadAverage: os.loadavg(),
    },
    services: {
      temporal: services.started.temporal ? 'dev server' : 'external',
      postgres: services.started.postgres ? 'embedded' : 'external',
    },
    options,
    flow,
    ceiling,
    ratios: {
      throughput: flow.flowsPerSecond / ceiling.flowsPerSecond,
      verifyP99OverUpdateP99:
        (flow.calls.verify?.p99 ?? Number.NaN) / (ceiling.calls.update?.p99 ?? Number.NaN),
    },
  };
}

/** Writes `bench-results/bench-<timestamp>.json` at the project root; returns its path. */
export function writeReport(report: BenchReport): string {
  const folder = path.resolve(__dirname, '../../bench-results');
  fs.mkdirSync(folder, { recursive: true });
  const stamp = report.finishedAt.replace(/[:.]/g, '-');
  const file = path.join(folder, `bench-${stamp}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
