/**
 * `npm run dev`: the whole service on one machine. PostgreSQL (embedded) and the Temporal dev
 * server (with its Web UI, state in a SQLite file) start unless DATABASE_URL or
 * TEMPORAL_ADDRESS name existing ones; then migrations, the worker and the API.
 */
import path from 'node:path';
import { Runtime } from '@temporalio/worker';
import { startApi } from '../api/server';
import { loadDevConfig } from '../config/dev-secrets';
import { systemClock } from '../infra/clock';
import { connectDatabase, migrate } from '../infra/database';
import { startEmbeddedPostgres } from '../infra/embedded-postgres';
import { freePort } from '../infra/free-port';
import { createLogger } from '../infra/logger';
import { sdkLoggerFor } from '../infra/sdk-logger';
import { resolveTemporalCli } from '../infra/temporal-cli';
import { connectClient, ensureSearchAttributes } from '../infra/temporal-client';
import { startTemporalDevServer } from '../infra/temporal-dev-server';
import { runtimeTelemetry } from '../worker/runtime-telemetry';
import { startWorker } from '../worker/start-worker';
import { runMain } from '../infra/run-main';

const TEMPORAL_PORT = 7233;
const TEMPORAL_UI_PORT = 8233;

async function main(): Promise<void> {
  const { config, generated } = loadDevConfig();
  const logger = createLogger(config.logLevel, 'flowgate-dev');
  // The SDK's worker logs (bundling included) only from warnings up: dev output stays short.
  Runtime.install({
    logger: sdkLoggerFor(logger.child({}, { level: 'warn' })),
    telemetryOptions: runtimeTelemetry(config.metrics.workerMetricsAddress),
  });
  if (generated.length > 0) {
    logger.warn(
      { secrets: generated, file: path.join(config.dataDir, 'dev-secrets.json') },
      'dev mode: using generated secrets kept in the data folder; never use them in production',
    );
  }
  const stops: (() => Promise<void>)[] = [];

  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'postgres'),
      port: await freePort(),
      persistent: true,
      logger,
    });
    databaseUrl = pg.url;
    stops.push(pg.stop);
  }

  let address = config.temporal.address;
  let uiUrl: string | undefined;
  if (!address) {
    const server = await startTemporalDevServer({
      cliPath: resolveTemporalCli({
        cliPath: config.temporal.cliPath,
        cacheDir: config.cacheDir,
        logger,
      }),
      port: TEMPORAL_PORT,
      uiPort: TEMPORAL_UI_PORT,
      dbFilename: path.join(config.dataDir, 'temporal.db'),
      namespace: config.temporal.namespace,
      uiCodecEndpoint: `${config.publicUrl}/codec`,
    });
    address = server.address;
    uiUrl = server.uiUrl;
    stops.unshift(server.stop);
  }

  const db = connectDatabase(databaseUrl);
  await migrate(db, logger);
  const temporal = await connectClient(config, address);
  await ensureSearchAttributes(temporal, config.temporal.namespace);

  const worker = await startWorker(config, address, db, systemClock);
  const api = await startApi({ config, db, temporal, logger, clock: systemClock });

  const mail = config.email.sendgridApiKey
    ? 'SendGrid'
    : `not delivered: kept in the dev outbox, GET ${config.publicUrl}/dev/outbox`;
  const sms = {
    twilio: 'Twilio',
    webhook: 'signed webhook (FLOWGATE_SMS_WEBHOOK_URL)',
    outbox: 'not delivered: kept in the dev outbox too',
    none: 'none configured: phone codes can only be returned',
  }[config.sms.provider];
  const postgresWhere = config.database.url ? '(DATABASE_URL)' : 'embedded, data in .data/postgres';
  // The outbox route exists only while mail is kept there.
  const hintPath = config.email.outboxEnabled ? '/dev/outbox' : '/healthz';
  console.log(
    [
      '',
      'Flowgate is running (dev mode)',
      `  API              http://localhost:${config.port}`,
      `  Temporal         ${address}`,
      `  Temporal Web UI  ${uiUrl ?? '(external server)'}`,
      `  PostgreSQL       ${postgresWhere}`,
      `  Mail             ${mail}`,
      `  SMS              ${sms}`,
      `  Admin token      ${config.adminToken}`,
      '',
      `  curl -H "Authorization: Bearer ${config.adminToken}" \\`,
      `    http://localhost:${config.port}${hintPath}`,
      '',
    ].join('\n'),
  );

  const shutdown = async () => {
    logger.info('shutting down');
    await api.close();
    await worker.stop().catch(() => undefined);
    await temporal.connection.close();
    await db.close();
    for (const stop of stops) {
      await stop().catch(() => undefined);
    }
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

runMain('dev', main);
