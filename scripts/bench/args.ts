/**
 * Command-line options of `npm run bench`. Defaults finish in a few minutes on a two-core
 * machine; `--flows email --concurrency 8` measures one thing quickly.
 */
import { FLOW_KINDS, flowKindNamed } from './flows';

export interface BenchOptions {
  /** The concurrency levels; every flow and the ceiling run at each, on the same server. */
  concurrency: number[];
  /** Measured flows per flow kind and level. */
  count: number;
  /** Flows run first and dropped, so connection set-up and JIT warm-up stay out of the figures. */
  warmup: number;
  /** The flow kinds, by name (`flows/index.ts`). */
  flows: string[];
  /** Lanes creating users with passwords (argon2id) beside an email run; 0 skips it. */
  argon2Lanes: number;
  /** One keep-alive connection per lane (default), or a new connection per request. */
  keepAlive: boolean;
  /** Copies the chart to docs/benchmarks.svg. */
  publish: boolean;
}

export const USAGE =
  'usage: npm run bench -- [--concurrency 1,4,8,16] [--count N] [--warmup N] ' +
  '[--flows email,phone,...] [--argon2 LANES] [--no-keep-alive] [--publish]';

const defaults = (): BenchOptions => ({
  concurrency: [1, 4, 8, 16],
  count: 100,
  warmup: 10,
  flows: FLOW_KINDS.map((kind) => kind.name),
  argon2Lanes: 2,
  keepAlive: true,
  publish: false,
});

function integer(flag: string, raw: string | undefined, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${flag} needs an integer of at least ${min}, got "${raw ?? ''}"`);
  }
  return value;
}

function list(flag: string, raw: string | undefined): string[] {
  const items = (raw ?? '').split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) {
    throw new Error(`${flag} needs a comma-separated list, got "${raw ?? ''}"`);
  }
  return items;
}

/** Accepts `--flag value` and `--flag=value`; anything else is an error naming the usage. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options = defaults();
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = (): string | undefined => inline ?? argv[(i += 1)];
    switch (flag) {
      case '--concurrency':
        options.concurrency = list(flag, value()).map((c) => integer(flag, c, 1));
        break;
      case '--count':
        options.count = integer(flag, value(), 1);
        break;
      case '--warmup':
        options.warmup = integer(flag, value(), 0);
        break;
      case '--flows':
        options.flows = list(flag, value()).map((name) => flowKindNamed(name).name);
        break;
      case '--argon2':
        options.argon2Lanes = integer(flag, value(), 0);
        break;
      case '--no-keep-alive':
        options.keepAlive = false;
        break;
      case '--publish':
        options.publish = true;
        break;
      default:
        throw new Error(`unknown option "${argv[i]}"; ${USAGE}`);
    }
  }
  return options;
}
