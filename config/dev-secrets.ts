/**
 * Dev mode generates the secrets it needs once and keeps them in its data folder, so a restart
 * reuses them (pending flows stay decryptable). Never used outside dev mode.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from './config';

type Env = Record<string, string | undefined>;

interface DevSecrets {
  FLOWGATE_ADMIN_TOKEN: string;
  FLOWGATE_PAYLOAD_KEYS: string;
  FLOWGATE_CODE_HMAC_KEY: string;
  FLOWGATE_SECRET_KEYS: string;
}

function generate(): DevSecrets {
  return {
    FLOWGATE_ADMIN_TOKEN: randomBytes(32).toString('base64url'),
    FLOWGATE_PAYLOAD_KEYS: `dev1:${randomBytes(32).toString('base64')}`,
    FLOWGATE_CODE_HMAC_KEY: randomBytes(32).toString('base64'),
    FLOWGATE_SECRET_KEYS: `dev1:${randomBytes(32).toString('base64')}`,
  };
}

/**
 * Returns `env` with missing secrets filled from `<dataDir>/dev-secrets.json`, creating that
 * file (mode 0600) on first use. `generated` lists what came from the file.
 */
export function withDevSecrets(env: Env, dataDir: string): { env: Env; generated: string[] } {
  const file = path.join(dataDir, 'dev-secrets.json');
  const existing = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DevSecrets>)
    : {};
  // A secret added by a later version is generated once and kept beside the old ones.
  const stored: DevSecrets = { ...generate(), ...existing };
  if (Object.keys(existing).length < Object.keys(stored).length) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }

  const filled: Env = { ...env };
  const generated: string[] = [];
  for (const name of Object.keys(stored) as (keyof DevSecrets)[]) {
    if (!filled[name]) {
      filled[name] = stored[name];
      generated.push(name);
    }
  }
  return { env: filled, generated };
}

/**
 * Dev mode's configuration: FLOWGATE_MODE=dev, secrets generated into the data folder on
 * first use. `generated` names the secrets that came from there.
 */
export function loadDevConfig(env: Env = process.env): { config: Config; generated: string[] } {
  const devEnv: Env = { ...env, FLOWGATE_MODE: 'dev' };
  const dataDir = path.resolve(devEnv.FLOWGATE_DATA_DIR || '.data');
  const filled = withDevSecrets(devEnv, dataDir);
  return { config: loadConfig(filled.env), generated: filled.generated };
}
