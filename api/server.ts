import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { Config } from '../config/config';
import type { Clock } from '../infra/clock';
import type { Database } from '../infra/database';
import type { Logger } from '../infra/logger';
import { ensureDefaultOrg } from '../store/orgs-store';
import { newId } from '../infra/ids';
import { createApp } from './app';
import { SecretBox } from '../infra/secret-box';

export interface ApiServerOptions {
  config: Config;
  db: Database;
  temporal: Client;
  logger: Logger;
  clock: Clock;
  /** Port to listen on; 0 picks a free one (tests). Defaults to config.port. */
  port?: number;
  host?: string;
}

export interface RunningApi {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts the HTTP API; the database must already be migrated. */
export async function startApi(options: ApiServerOptions): Promise<RunningApi> {
  const defaultOrg = await ensureDefaultOrg(options.db, newId);
  const secretBox = new SecretBox(options.config.secretKeys);
  const app = createApp({ ...options, defaultOrg, secretBox });
  const port = options.port ?? options.config.port;

  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, options.host ?? '0.0.0.0', (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port: actual } = server.address() as AddressInfo;

  return {
    server,
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Requests under way finish (a half-done AddHumanUser would strand its user); idle
        // keep-alive sockets close now, busy ones after their answer, and stragglers are cut
        // after a grace period.
        server.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), options.config.shutdownGraceMs).unref();
      }),
  };
}
