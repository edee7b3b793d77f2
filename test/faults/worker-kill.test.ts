/**
 * The worker killed with SIGKILL twice in the middle of concurrent flows, once while codes are
 * being delivered and once while they are being checked: after each restart every flow
 * completes, each code was sent once, and each address is verified once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { verificationWorkflowId } from '../../common/flows';
import { queryRows } from '../../store/sql';
import { eventTypes, userRow } from '../support/db-probes';
import { eventually, newHumanUser } from '../support/fixtures';
import { apiClient, type ApiClient } from '../support/http';
import { startStack, type TestStack } from '../support/stack';

const FLOWS = 12;
const ROOT = path.resolve(__dirname, '../..');

let stack: TestStack;
let api: ApiClient;
const children: ChildProcess[] = [];

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

/** Messages in the dev outbox per recipient. */
async function outboxCounts(recipients: string[]): Promise<Map<string, number>> {
  const rows = await queryRows<{ recipient: string; n: string }>(
    stack.db,
    `SELECT recipient, count(*) AS n FROM outbox_messages
     WHERE recipient = ANY($1) GROUP BY recipient`,
    [recipients],
  );
  return new Map(rows.map((r) => [r.recipient, Number(r.n)]));
}

async function codeSentTo(recipient: string): Promise<string> {
  const rows = await queryRows<{ body: string }>(
    stack.db,
    'SELECT body FROM outbox_messages WHERE recipient = $1',
    [recipient],
  );
  const match = /\b([A-Z0-9]{6})\b/.exec(rows[0].body);
  return match![1];
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

describe('worker crashes in the middle of concurrent flows', () => {
  it('completes every flow, sends each code once and verifies each address once', async () => {
    const first = spawnWorker();
    const bodies = Array.from({ length: FLOWS }, () => newHumanUser({ sendCode: {} }));
    const created = await Promise.all(bodies.map((body) => api.post('/v2/users/human', body)));
    expect(created.map((c) => c.status)).toEqual(Array(FLOWS).fill(200));
    const users = created.map((c, i) => ({ id: c.body.userId, email: bodies[i].email.email }));
    const emails = users.map((u) => u.email);

    // Deliveries are scheduled after each creation answered: the kill lands among them.
    await killed(first);
    const second = spawnWorker();
    const counts = await eventually(async () => {
      const found = await outboxCounts(emails);
      return found.size === FLOWS ? found : undefined;
    }, 60_000);
    expect([...counts.values()]).toEqual(Array(FLOWS).fill(1));

    const codes = await Promise.all(emails.map(codeSentTo));
    const verifying = Promise.all(
      users.map((u, i) =>
        api.post(`/v2/users/${u.id}/email/verify`, { verificationCode: codes[i] }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await killed(second);
    spawnWorker();

    expect((await verifying).map((v) => v.status)).toEqual(Array(FLOWS).fill(200));
    for (const user of users) {
      const handle = stack.temporal.workflow.getHandle(
        verificationWorkflowId('email-verification', user.id),
      );
      expect(await handle.result()).toEqual({ state: 'verified' });
      expect((await userRow(stack.db, user.id))?.email_verified).toBe(true);
      const verified = (await eventTypes(stack.db, user.id)).filter(
        (t) => t === 'user.human.email.verified',
      );
      expect(verified).toHaveLength(1);
    }
    expect([...(await outboxCounts(emails)).values()]).toEqual(Array(FLOWS).fill(1));
  });
});
