/** Command-line options of `npm run bench -- --concurrency N --count N --warmup N`. */

export interface BenchOptions {
  /** Flows in flight at once. */
  concurrency: number;
  /** Measured flows per benchmark. */
  count: number;
  /** Flows run first and dropped, so connection set-up and JIT warm-up stay out of the figures. */
  warmup: number;
}

const DEFAULTS: BenchOptions = { concurrency: 8, count: 200, warmup: 20 };

const FLAGS: Record<string, keyof BenchOptions> = {
  '--concurrency': 'concurrency',
  '--count': 'count',
  '--warmup': 'warmup',
};

const USAGE = 'usage: npm run bench -- [--concurrency N] [--count N] [--warmup N]';

/** Accepts `--flag N` and `--flag=N`; anything else is an error naming the usage. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const key = FLAGS[flag];
    if (!key) {
      throw new Error(`unknown option "${argv[i]}"; ${USAGE}`);
    }

    const raw = inline ?? argv[(i += 1)];
    const value = Number(raw);
    const min = key === 'warmup' ? 0 : 1;
    if (!Number.isInteger(value) || value < min) {
      throw new Error(`${flag} needs an integer of at least ${min}, got "${raw ?? ''}"`);
    }
    options[key] = value;
  }
  return options;
}
