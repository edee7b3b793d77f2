/** The report's chart: flows per second against concurrency, each flow beside the ceiling. */
import type { BenchReport } from './report';
import { renderLineChart } from './svg-line-chart';

export function throughputChart(report: BenchReport): string {
  const { levels } = report;
  const flows = Object.keys(report.flowKinds);
  return renderLineChart({
    title: `Flowgate throughput, ${report.machine.cpus} CPUs (${report.finishedAt.slice(0, 16)}Z)`,
    xLabel: 'flows in flight (concurrency)',
    yLabel: 'completed flows per second',
    categories: levels.map((level) => String(level.concurrency)),
    series: [
      {
        name: 'ceiling (bare)',
        values: levels.map((level) => level.ceiling.flowsPerSecond),
        dashed: true,
      },
      ...flows.map((flow) => ({
        name: flow,
        values: levels.map((level) => level.flows[flow]?.flowsPerSecond ?? Number.NaN),
      })),
    ],
  });
}
