/** `npm run temporal -- <args>`: the Temporal CLI the project resolved (built if needed). */
import { spawnSync } from 'node:child_process';
import { loadToolSettings } from '../config/config';
import { createLogger } from '../infra/logger';
import { resolveTemporalCli } from '../infra/temporal-cli';

const settings = loadToolSettings();
const cli = resolveTemporalCli({ ...settings, logger: createLogger('info', 'flowgate-temporal') });
if (!cli) {
  console.error('No Temporal CLI: set TEMPORAL_CLI_PATH, put `temporal` on PATH, or install Go.');
  process.exit(1);
}

const result = spawnSync(cli, process.argv.slice(2), { stdio: 'inherit' });
process.exit(result.status ?? 1);
