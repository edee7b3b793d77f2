/**
 * A worker killed with SIGKILL in the middle of a flow, then restarted: the flow completes,
 * and the email is marked verified exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { verificationWorkflowId } from '../../common/flows';
import { eventTypes, userRow } from '../support/db-probes';
import { newHumanUser } from '../support/fixtures';
import { apiClient, type ApiClient } from '../support/http';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ApiClient;
const children: ChildProcess[] = [];

const ROOT = path.resolve(__dirname, '../..');

/** `worker/main.ts` as its own OS process, so SIGKILL is a real crash. */
function spawnWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT,
    env: stack.env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  stack = await startStack({ withoutWorker: true });
  api = apiClient(stack.url, stack.config.adminToken);
});

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
    }
  }
  await stack.stop();
});

describe('a worker crash in the middle of a flow', () => {
  it('loses nothing: after a restart the pending verification completes once', async () => {
    const first = spawnWorker();
    const created = await api.post('/v2/users/human', newHumanUser({ returnCode: {} }));
    expect(created.status).toBe(200);
    const { userId, emailCode } = created.body;

    await killed(first);
    // Submitted while no worker runs: the Update waits in Temporal for the next worker.
    const verifying = api.post(`/v2/users/${userId}/email/verify`, {
      verificationCode: emailCode,
    });
    spawnWorker();

    const verified = await verifying;
    expect(verified.status).toBe(200);
    const handle = stack.temporal.workflow.getHandle(
      verificationWorkflowId('email-verification', userId),
    );
    expect(await handle.result()).toEqual({ state: 'verified' });
    expect((await userRow(stack.db, userId))?.email_verified).toBe(true);
    const verifiedEvents = (await eventTypes(stack.db, userId)).filter(
      (t) => t === 'user.human.email.verified',
    );
    expect(verifiedEvents).toHaveLength(1);
  });
});
