/** Samples a process's resident memory (Linux /proc) at a fixed interval while a run goes on. */
import fs from 'node:fs';

export interface RssSample {
  /** Milliseconds since the sampler started. */
  atMs: number;
  rssBytes: number;
}

export interface RssSampler {
  /** The resident memory now, also kept as a sample. */
  sample(): number;
  samples: RssSample[];
  peakBytes(): number;
  stop(): void;
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kib) {
    throw new Error(`no VmRSS for process ${pid}`);
  }
  return Number(kib) * 1024;
}

export function startRssSampler(pid: number, intervalMs: number): RssSampler {
  const started = Date.now();
  const samples: RssSample[] = [];
  const sample = (): number => {
    const rssBytes = rssOf(pid);
    samples.push({ atMs: Date.now() - started, rssBytes });
    return rssBytes;
  };
  sample();
  const timer = setInterval(() => {
    try {
      sample();
    } catch {
      // The process has ended; the samples so far stand.
      clearInterval(timer);
    }
  }, intervalMs);
  timer.unref();

  return {
    sample,
    samples,
    peakBytes: () => Math.max(...samples.map((s) => s.rssBytes)),
    stop: () => clearInterval(timer),
  };
}
