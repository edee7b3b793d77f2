/**
 * The benchmark's results with what they were measured on, and their files under
 * bench-results/ (git-ignored), one JSON and one SVG chart per run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchOptions } from './args';
import type { Argon2Stall } from './argon2-stall';
import type { FlowKind } from './flows/flow-kind';
import type { BenchResult } from './measure';
import type { BenchServices } from './services';

export interface FlowRatios {
  /** The flow's throughput as a share of the bare workflow's at the same level. */
  throughput: number;
  /** The p99 of the call that finishes the flow over the bare Update's p99. */
  finalP99OverUpdateP99: number;
}

export interface LevelResult {
  concurrency: number;
  ceiling: BenchResult;
  flows: Record<string, BenchResult>;
  ratios: Record<string, FlowRatios>;
}

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
  /** Each flow's calls and the call that finishes it. */
  flowKinds: Record<string, { calls: string; finalCall: string }>;
  levels: LevelResult[];
  /** Per flow: the level with the best throughput ratio, and the worst final-call p99 ratio. */
  summary: Record<string, { bestConcurrency: number; bestRatio: number; worstP99Ratio: number }>;
  argon2?: Argon2Stall & { concurrency: number; without: BenchResult };
}

export function ratiosOf(flow: BenchResult, finalCall: string, ceiling: BenchResult): FlowRatios {
  return {
    throughput: flow.flowsPerSecond / ceiling.flowsPerSecond,
    finalP99OverUpdateP99:
      (flow.calls[finalCall]?.p99 ?? Number.NaN) / (ceiling.calls.update?.p99 ?? Number.NaN),
  };
}

function machine(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemBytes: os.totalmem(),
    node: process.version,
    loadAverage: os.loadavg(),
  };
}

function summaryOf(levels: LevelResult[], flows: string[]): BenchReport['summary'] {
  const entries = flows.map((flow) => {
    const measured = levels.filter((level) => level.ratios[flow]);
    const best = measured.reduce((a, b) =>
      b.ratios[flow].throughput > a.ratios[flow].throughput ? b : a,
    );
    const worstP99Ratio = Math.max(...measured.map((l) => l.ratios[flow].finalP99OverUpdateP99));
    return [
      flow,
      {
        bestConcurrency: best.concurrency,
        bestRatio: best.ratios[flow].throughput,
        worstP99Ratio,
      },
    ];
  });
  return Object.fromEntries(entries);
}

export function buildReport(
  options: BenchOptions,
  services: BenchServices,
  kinds: readonly FlowKind[],
  levels: LevelResult[],
  argon2?: BenchReport['argon2'],
): BenchReport {
  return {
    finishedAt: new Date().toISOString(),
    machine: machine(),
    services: {
      temporal: services.started.temporal ? 'dev server' : 'external',
      postgres: services.started.postgres ? 'embedded' : 'external',
    },
    options,
    flowKinds: Object.fromEntries(
      kinds.map((kind) => [kind.name, { calls: kind.calls, finalCall: kind.finalCall }]),
    ),
    levels,
    summary: summaryOf(
      levels,
      kinds.map((kind) => kind.name),
    ),
    ...(argon2 && { argon2 }),
  };
}

export const RESULTS_FOLDER = path.resolve(__dirname, '../../bench-results');

/** Writes `bench-results/<prefix>-<timestamp>.<ext>`; returns its path. */
export function writeResult(prefix: string, finishedAt: string, ext: string, text: string): string {
  fs.mkdirSync(RESULTS_FOLDER, { recursive: true });
  const stamp = finishedAt.replace(/[:.]/g, '-');
  const file = path.join(RESULTS_FOLDER, `${prefix}-${stamp}.${ext}`);
  fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
  return file;
}
