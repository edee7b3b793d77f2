/** The benchmark report as a plain-text table for the terminal. */
import os from 'node:os';
import type { BenchResult } from './measure';
import type { BenchReport } from './report';

const COLUMNS = [
  ...['bench', 'flows', 'conc', 'failed', 'wall s', 'flows/s'],
  ...['call', 'p50 ms', 'p95 ms', 'p99 ms'],
];

const ms = (value: number): string => value.toFixed(1);

function rowsOf(result: BenchResult): string[][] {
  const lead = [
    result.name,
    String(result.flows),
    String(result.concurrency),
    String(result.failedFlows),
    (result.wallMs / 1000).toFixed(2),
    result.flowsPerSecond.toFixed(1),
  ];
  const blank = lead.map(() => '');
  return Object.entries(result.calls).map(([call, s], i) => [
    ...(i === 0 ? lead : blank),
    call,
    ms(s.p50),
    ms(s.p95),
    ms(s.p99),
  ]);
}

function table(rows: string[][]): string[] {
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  // Names read left-aligned, figures right-aligned.
  const textColumns = new Set([0, 6]);
  return rows.map((row) =>
    row
      .map((cell, c) => (textColumns.has(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd(),
  );
}

function failureLines(result: BenchResult): string[] {
  const lines = Object.entries(result.failures).map(
    ([reason, count]) => `  ${result.name} ${reason}  x${count}`,
  );
  if (result.warmupFailedFlows > 0) {
    lines.push(`  ${result.name} warm-up: ${result.warmupFailedFlows} flows failed`);
  }
  return lines;
}

export function renderReport(report: BenchReport): string {
  const { machine, flow, ceiling, ratios } = report;
  const memGiB = (machine.totalMemBytes / 1024 ** 3).toFixed(1);
  const failures = [...failureLines(flow), ...failureLines(ceiling)];
  return [
    '',
    `Flowgate benchmark: ${machine.cpus} CPUs, ${memGiB} GiB, node ${machine.node}, ` +
      `load ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}`,
    `Temporal ${report.services.temporal}, PostgreSQL ${report.services.postgres}`,
    '',
    ...table([COLUMNS, ...rowsOf(flow), ...rowsOf(ceiling)]),
    '',
    `flow throughput / ceiling throughput: ${ratios.throughput.toFixed(3)}`,
    `flow verify p99 / ceiling update p99: ${ratios.verifyP99OverUpdateP99.toFixed(2)}`,
    ...(failures.length > 0 ? ['', 'failures:', ...failures] : []),
    '',
  ].join(os.EOL);
}
