import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app';
import { loadConfig } from '../../config/config';
import { systemClock } from '../../infra/clock';
import { connectDatabase } from '../../infra/database';
import { freePort } from '../../infra/free-port';
import { createLogger } from '../../infra/logger';
import { connectClient } from '../../infra/temporal-client';
import { call } from '../support/http';
import { stackEnv } from '../support/test-env';
import { SecretBox } from '../../infra/secret-box';

describe('GET /healthz', () => {
  it('answers 503 and names the part that is down when PostgreSQL is unreachable', async () => {
    const config = loadConfig(stackEnv());
    const deadDatabase = connectDatabase(
      `postgres://nobody:nothing@127.0.0.1:${await freePort()}/x`,
    );
    const temporal = await connectClient(config, config.temporal.address!);
    const app = createApp({
      config,
      db: deadDatabase,
      temporal,
      logger: createLogger('silent'),
      clock: systemClock,
      secretBox: new SecretBox(config.secretKeys),
      defaultOrg: { id: 'org', name: 'Default', primary_domain: 'default.localhost' },
    });
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });

    try {
      const { port } = server.address() as AddressInfo;
      const response = await call(`http://127.0.0.1:${port}`, 'GET', '/healthz', undefined);
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ status: 'degraded', database: 'down', temporal: 'up' });
    } finally {
      server.close();
      await temporal.connection.close();
      await deadDatabase.close();
    }
  });
});
