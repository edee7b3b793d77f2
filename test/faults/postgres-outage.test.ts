/**
 * PostgreSQL stopped for 30 s while flows are pending and codes are being checked: the API
 * answers 503 for what needs the database, the activities retry, and once the database is back
 * every flow completes with nothing lost or written twice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verificationWorkflowId } from '../../common/flows';
import { submitCodeUpdate } from '../../common/verification-messages';
import { connectDatabase, migrate } from '../../infra/database';
import { freePort } from '../../infra/free-port';
import { eventTypes, latestFlowState, userRow } from '../support/db-probes';
import { newHumanUser } from '../support/fixtures';
import { apiClient } from '../support/http';
import { startPostgresProcess, type PostgresProcess } from '../support/postgres-process';
import { startStack, type TestStack } from '../support/stack';

const FLOWS = 6;
const OUTAGE_MS = 30_000;

let folder: string;
let postgres: PostgresProcess | undefined;
let stack: TestStack | undefined;

function startPostgres(port: number): Promise<PostgresProcess> {
  return startPostgresProcess(path.join(folder, 'pg'), port);
}

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'flowgate-pg-outage-'));
  fs.chmodSync(folder, 0o755);
});

afterAll(async () => {
  await stack?.stop();
  await postgres?.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('a PostgreSQL outage in the middle of flows', () => {
  it('answers 503 while it lasts and completes every flow once it is over', async () => {
    const port = await freePort();
    postgres = await startPostgres(port);
    const setup = connectDatabase(postgres.url);
    await migrate(setup);
    await setup.close();
    stack = await startStack({ env: { DATABASE_URL: postgres.url } });
    const api = apiClient(stack.url, stack.config.adminToken);

    const created = await Promise.all(
      Array.from({ length: FLOWS }, () => api.post('/v2/users/human', newHumanUser())),
    );
    expect(created.map((c) => c.status)).toEqual(Array(FLOWS).fill(200));

    await postgres.stop();
    postgres = undefined;
    const downAt = Date.now();

    expect((await api.post('/v2/users/human', newHumanUser())).status).toBe(503);
    const first = created[0].body;
    const refused = await api.post(`/v2/users/${first.userId}/email/verify`, {
      verificationCode: first.emailCode,
    });
    expect(refused.status).toBe(503);

    // Codes reach the flows during the outage; their checks retry until the database is back.
    const submitted = created.map((c) =>
      stack!.temporal.workflow
        .getHandle(verificationWorkflowId('email-verification', c.body.userId))
        .executeUpdate(submitCodeUpdate, { args: [{ code: c.body.emailCode }] }),
    );
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - downAt)));
    postgres = await startPostgres(port);

    const results = await Promise.all(submitted);
    expect(results.map((r) => r.ok)).toEqual(Array(FLOWS).fill(true));
    for (const c of created) {
      const userId = c.body.userId;
      expect((await userRow(stack.db, userId))?.email_verified).toBe(true);
      expect(await latestFlowState(stack.db, userId)).toBe('verified');
      const verified = (await eventTypes(stack.db, userId)).filter(
        (t) => t === 'user.human.email.verified',
      );
      expect(verified).toHaveLength(1);
    }
    const after = await api.post('/v2/users/human', newHumanUser());
    expect(after.status).toBe(200);
  }, 150_000);
});
