import type { Config } from '../config/config';

/** For `npm run api` / `npm run worker`: both external services must be named. */
export function requireExternalServices(config: Config): { databaseUrl: string; address: string } {
  const missing = [
    config.database.url ? undefined : 'DATABASE_URL',
    config.temporal.address ? undefined : 'TEMPORAL_ADDRESS',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new Error(`${missing.join(' and ')} must be set (npm run dev starts both for you)`);
  }
  return { databaseUrl: config.database.url!, address: config.temporal.address! };
}
