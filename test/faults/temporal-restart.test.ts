/**
 * The Temporal dev server (file-backed) stopped and started again while flows are pending:
 * the flows survive the restart, and the API and the worker reconnect by themselves.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verificationWorkflowId } from '../../common/flows';
import { freePort } from '../../infra/free-port';
import { resolveTemporalCli } from '../../infra/temporal-cli';
import { loadToolSettings } from '../../config/config';
import { userRow } from '../support/db-probes';
import { startDevServerProcess, type DevServerProcess } from '../support/dev-server-process';
import { newHumanUser } from '../support/fixtures';
import { apiClient } from '../support/http';
import { startStack, type TestStack } from '../support/stack';

const FLOWS = 8;

let folder: string;
let server: DevServerProcess | undefined;
let stack: TestStack | undefined;

async function startServer(port: number): Promise<DevServerProcess> {
  const cliPath = resolveTemporalCli(loadToolSettings());
  if (!cliPath) {
    throw new Error('this test needs the Temporal CLI (see the README)');
  }
  return startDevServerProcess(cliPath, port, path.join(folder, 'temporal.db'));
}

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'flowgate-temporal-restart-'));
});

afterAll(async () => {
  await stack?.stop();
  await server?.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('a Temporal server restart in the middle of flows', () => {
  it('keeps pending flows, which complete once the server is back', async () => {
    const port = await freePort();
    server = await startServer(port);
    stack = await startStack({ env: { TEMPORAL_ADDRESS: server.address } });
    const api = apiClient(stack.url, stack.config.adminToken);

    const created = await Promise.all(
      Array.from({ length: FLOWS }, () => api.post('/v2/users/human', newHumanUser())),
    );
    expect(created.map((c) => c.status)).toEqual(Array(FLOWS).fill(200));

    await server.stop();
    server = undefined;
    const down = await api.post(`/v2/users/${created[0].body.userId}/email/verify`, {
      verificationCode: created[0].body.emailCode,
    });
    expect(down.status).toBe(503);
    server = await startServer(port);

    const verified = await Promise.all(
      created.map((c) =>
        api.post(`/v2/users/${c.body.userId}/email/verify`, {
          verificationCode: c.body.emailCode,
        }),
      ),
    );
    expect(verified.map((v) => v.status)).toEqual(Array(FLOWS).fill(200));
    for (const c of created) {
      const handle = stack.temporal.workflow.getHandle(
        verificationWorkflowId('email-verification', c.body.userId),
      );
      expect(await handle.result()).toEqual({ state: 'verified' });
      expect((await userRow(stack.db, c.body.userId))?.email_verified).toBe(true);
    }
  });
});
