/**
 * CPU time spent by each part of the stack, read from Linux /proc: this process (the API, the
 * Temporal client and the load generator share it), the worker, the Temporal server and
 * PostgreSQL (its backends included). Differences between two snapshots, divided by the flows
 * run in between, tell which part a flow costs the most.
 */
import fs from 'node:fs';

export type CpuSnapshot = Record<string, number>;

// Linux reports these times in clock ticks of 1/100 s (USER_HZ) on every platform we run.
const TICK_MS = 10;

function statOf(pid: string): { comm: string; ppid: number; ticks: number } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // After the command: state, ppid, ... utime (12th), stime, cutime, cstime.
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return { comm, ppid: Number(fields[1]), ticks };
  } catch {
    // The process ended between the listing and the read.
    return undefined;
  }
}

/** CPU milliseconds so far of this process and of its descendants, by part of the stack. */
export function cpuSnapshot(workerPid: number): CpuSnapshot {
  const processes = new Map<number, { comm: string; ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    const stat = /^\d+$/.test(entry) ? statOf(entry) : undefined;
    if (stat) {
      processes.set(Number(entry), stat);
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = pid; p > 1; p = processes.get(p)?.ppid ?? 0) {
      if (p === process.pid) {
        return true;
      }
    }
    return false;
  };

  const usage = process.cpuUsage();
  const parts: CpuSnapshot = { api: (usage.user + usage.system) / 1000 };
  for (const [pid, stat] of processes) {
    if (pid === process.pid || !descends(pid)) {
      continue;
    }
    const part =
      pid === workerPid ? 'worker' : stat.comm.startsWith('postgres') ? 'postgres' : stat.comm;
    if (part === 'worker' || part === 'postgres' || part === 'temporal') {
      parts[part] = (parts[part] ?? 0) + stat.ticks * TICK_MS;
    }
  }
  return parts;
}

/** CPU milliseconds per flow of each part between two snapshots. */
export function cpuPerFlow(before: CpuSnapshot, after: CpuSnapshot, flows: number): CpuSnapshot {
  const parts = Object.keys(after).map((part) => [
    part,
    Number(((after[part] - (before[part] ?? 0)) / Math.max(1, flows)).toFixed(2)),
  ]);
  return Object.fromEntries(parts);
}
