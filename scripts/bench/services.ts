/**
 * The real services a benchmark runs against, started the way test/support/global-setup.ts
 * starts them: the Temporal dev server (the CLI the project resolves) and an embedded
 * PostgreSQL in a throwaway folder, unless TEMPORAL_ADDRESS / DATABASE_URL name existing ones.
 */
import { loadToolSettings } from '../../config/config';
import { connectDatabase, migrate } from '../../infra/database';
import { startThrowawayPostgres } from '../../infra/embedded-postgres';
import type { Logger } from '../../infra/logger';
import { resolveTemporalCli } from '../../infra/temporal-cli';
import { startTemporalDevServer } from '../../infra/temporal-dev-server';
import type { Cleanup } from './cleanup';

export type Env = Record<string, string | undefined>;

export interface BenchServices {
  temporalAddress: string;
  databaseUrl: string;
  /** Which services this run started itself (the report says what was measured). */
  started: { temporal: boolean; postgres: boolean };
}

async function startTemporal(env: Env, logger: Logger, cleanup: Cleanup): Promise<string> {
  const settings = loadToolSettings(env);
  const cliPath = resolveTemporalCli({ ...settings, logger, env });
  const server = await startTemporalDevServer({ cliPath });
  cleanup.add('the Temporal dev server', server.stop);
  return server.address;
}

async function startPostgres(logger: Logger, cleanup: Cleanup): Promise<string> {
  const pg = await startThrowawayPostgres(logger);
  cleanup.add('PostgreSQL', pg.stop);
  return pg.url;
}

/** Starts what `env` does not name, registers each stop with `cleanup`, and migrates. */
export async function startServices(
  env: Env,
  logger: Logger,
  cleanup: Cleanup,
): Promise<BenchServices> {
  const temporalAddress = env.TEMPORAL_ADDRESS || (await startTemporal(env, logger, cleanup));
  const databaseUrl = env.DATABASE_URL || (await startPostgres(logger, cleanup));

  const db = connectDatabase(databaseUrl);
  try {
    await migrate(db, logger);
  } finally {
    await db.close();
  }

  return {
    temporalAddress,
    databaseUrl,
    started: { temporal: !env.TEMPORAL_ADDRESS, postgres: !env.DATABASE_URL },
  };
}
