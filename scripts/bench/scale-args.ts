/** Command-line options of `npm run bench:scale`. */
import { parseDuration } from '../../common/durations';

export interface ScaleOptions {
  /** Email verifications left pending at once. */
  pending: number;
  /** FLOWGATE_EMAIL_CODE_TTL of the run: every pending code gets this lifetime. */
  ttl: string;
  /** AddHumanUser calls in flight while the pending flows are made. */
  lanes: number;
  /** Email flows of each latency probe (before, while pending, while expiring). */
  probe: number;
}

export const SCALE_USAGE =
  'usage: npm run bench:scale -- [--pending N] [--ttl 30m] [--lanes N] [--probe N]';

const DEFAULTS: ScaleOptions = { pending: 20_000, ttl: '30m', lanes: 24, probe: 60 };

export function parseScaleArgs(argv: readonly string[]): ScaleOptions {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const raw = inline ?? argv[(i += 1)];
    if (flag === '--ttl') {
      if (parseDuration(raw ?? '') === undefined) {
        throw new Error(`--ttl needs a duration such as 90s or 10m, got "${raw ?? ''}"`);
      }
      options.ttl = raw;
      continue;
    }
    const key = ({ '--pending': 'pending', '--lanes': 'lanes', '--probe': 'probe' } as const)[
      flag as '--pending' | '--lanes' | '--probe'
    ];
    if (!key) {
      throw new Error(`unknown option "${argv[i]}"; ${SCALE_USAGE}`);
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${flag} needs an integer of at least 1, got "${raw ?? ''}"`);
    }
    options[key] = value;
  }
  return options;
}
