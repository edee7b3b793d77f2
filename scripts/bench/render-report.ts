/** The benchmark report as plain-text tables for the terminal. */
import os from 'node:os';
import type { BenchResult } from './measure';
import type { BenchReport, FlowRatios } from './report';

const COLUMNS = [
  ...['bench', 'conc', 'flows', 'failed', 'flows/s', 'ratio'],
  ...['call', 'p50 ms', 'p95 ms', 'p99 ms'],
];

const ms = (value: number): string => value.toFixed(1);

function rowsOf(result: BenchResult, label: string, ratios?: FlowRatios): string[][] {
  const lead = [
    label,
    String(result.concurrency),
    String(result.flows),
    String(result.failedFlows),
    result.flowsPerSecond.toFixed(1),
    ratios ? ratios.throughput.toFixed(2) : '1.00',
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

function cpuLines(report: BenchReport): string[] {
  const lines: string[] = [];
  for (const level of report.levels) {
    for (const [name, result] of [['ceiling', level.ceiling], ...Object.entries(level.flows)]) {
      const cpu = (result as BenchResult).cpuMsPerFlow;
      if (cpu) {
        const parts = Object.entries(cpu).map(([part, value]) => `${part} ${value.toFixed(1)}`);
        lines.push(`  c=${level.concurrency} ${String(name).padEnd(8)} ${parts.join(', ')}`);
      }
    }
  }
  return lines.length > 0 ? ['CPU ms per flow:', ...lines, ''] : [];
}

function failureLines(result: BenchResult, label: string): string[] {
  const lines = Object.entries(result.failures).map(
    ([reason, count]) => `  ${label} c=${result.concurrency} ${reason}  x${count}`,
  );
  if (result.warmupFailedFlows > 0) {
    lines.push(`  ${label} c=${result.concurrency} warm-up: ${result.warmupFailedFlows} failed`);
  }
  return lines;
}

function argon2Lines(report: BenchReport): string[] {
  const stall = report.argon2;
  if (!stall) {
    return [];
  }
  const verify = (r: BenchResult): string => {
    const s = r.calls.verify;
    return s ? `p50 ${ms(s.p50)} / p95 ${ms(s.p95)} / p99 ${ms(s.p99)} ms` : 'no samples';
  };
  const pw = stall.passwordCreate;
  return [
    `argon2 stall at c=${stall.concurrency}, ${stall.lanes} lanes of AddHumanUser with password:`,
    `  verify alone          ${verify(stall.without)}`,
    `  verify beside argon2  ${verify(stall.beside)}`,
    `  email flows/s ${stall.without.flowsPerSecond.toFixed(1)} alone, ` +
      `${stall.beside.flowsPerSecond.toFixed(1)} beside; password creates: ${pw.samples} ` +
      `(p50 ${ms(pw.p50)} / p99 ${ms(pw.p99)} ms, ${stall.passwordCreateFailures} failed)`,
    '',
  ];
}

export function renderReport(report: BenchReport): string {
  const { machine } = report;
  const memGiB = (machine.totalMemBytes / 1024 ** 3).toFixed(1);
  const rows: string[][] = [COLUMNS];
  const failures: string[] = [];
  for (const level of report.levels) {
    rows.push(...rowsOf(level.ceiling, 'ceiling'));
    failures.push(...failureLines(level.ceiling, 'ceiling'));
    for (const [name, result] of Object.entries(level.flows)) {
      rows.push(...rowsOf(result, name, level.ratios[name]));
      failures.push(...failureLines(result, name));
    }
  }
  const summary = Object.entries(report.summary).map(
    ([flow, s]) =>
      `  ${flow.padEnd(8)} best ratio ${s.bestRatio.toFixed(2)} at c=${s.bestConcurrency}; ` +
      `worst ${report.flowKinds[flow].finalCall} p99 / ceiling update p99: ` +
      `${s.worstP99Ratio.toFixed(2)}`,
  );

  return [
    '',
    `Flowgate benchmark: ${machine.cpus} CPUs, ${memGiB} GiB, node ${machine.node}, ` +
      `load ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}`,
    `Temporal ${report.services.temporal}, PostgreSQL ${report.services.postgres}, ` +
      `keep-alive ${report.options.keepAlive ? 'on' : 'off'}`,
    '',
    ...table(rows),
    '',
    'ratio = flows/s over the ceiling flows/s at the same concurrency',
    ...summary,
    '',
    ...cpuLines(report),
    ...argon2Lines(report),
    ...(failures.length > 0 ? ['failures:', ...failures, ''] : []),
  ].join(os.EOL);
}
