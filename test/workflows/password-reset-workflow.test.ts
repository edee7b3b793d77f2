/**
 * The verification workflow as a password reset, with stubbed activities: the new password's
 * hash travels with the code, and a reset code without one never reaches history.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import type { VerifyCodeInput } from '../../activities/verification-codes';
import {
  issueCodeUpdate,
  submitCodeUpdate,
  type NewPasswordHash,
} from '../../common/verification-messages';
import { testEnv } from '../support/test-env';

const env = testEnv();
let connection: Connection;
let client: Client;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  client = new Client({ connection });
});

afterAll(async () => {
  await connection.close();
});

type Stubs = Pick<
  Activities,
  'issueCode' | 'verifyCode' | 'finishVerification' | 'sendVerificationEmail'
>;

const details = { sequence: '1', changeDate: new Date(0).toISOString(), resourceOwner: 'org' };

/** The right code with a changed password sets it; with the current one, nothing happens. */
function stubActivities(checked: VerifyCodeInput[]): Stubs {
  return {
    issueCode: async (input) => ({
      code: 'RIGHT1',
      details,
      expiresAt: new Date(Date.now() + input.ttlMs).toISOString(),
    }),
    verifyCode: async (input) => {
      checked.push(input);
      if (input.code !== 'RIGHT1') {
        return { outcome: 'wrong', attempts: 1 };
      }
      return input.password?.unchanged
        ? { outcome: 'unchanged' }
        : { outcome: 'verified', details };
    },
    finishVerification: async () => undefined,
    sendVerificationEmail: async () => undefined,
  };
}

async function withResetFlow<T>(stubs: Stubs, run: (handle: any) => Promise<T>): Promise<T> {
  const taskQueue = `wf-reset-${randomBytes(6).toString('hex')}`;
  const nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: { codePath: env.FLOWGATE_WORKFLOW_BUNDLE! },
    activities: stubs,
  });
  const userId = `u-${randomBytes(4).toString('hex')}`;
  try {
    return await worker.runUntil(async () => {
      const handle = await client.workflow.start('verificationWorkflow', {
        taskQueue,
        workflowId: `password-reset:${userId}`,
        args: [
          {
            kind: 'password-reset',
            channel: 'email',
            userId,
            orgId: 'org',
            ttlMs: 60_000,
            maxAttempts: 5,
          },
        ],
      });
      await handle.executeUpdate(issueCodeUpdate, {
        args: [{ target: 'a@example.com', delivery: { type: 'return' } }],
      });
      return run(handle);
    });
  } finally {
    await nativeConnection.close();
  }
}

const password = (unchanged: boolean): NewPasswordHash => ({
  hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  changeRequired: false,
  unchanged,
});

describe('verificationWorkflow as a password reset', () => {
  it('rejects a code without a new password before it reaches history', async () => {
    const checked: VerifyCodeInput[] = [];
    const outcome = await withResetFlow(stubActivities(checked), async (handle) => {
      const error = await handle
        .executeUpdate(submitCodeUpdate, { args: [{ code: 'RIGHT1' }] })
        .catch((e: Error) => e);
      const history = await handle.fetchHistory();
      await handle.executeUpdate(submitCodeUpdate, {
        args: [{ code: 'RIGHT1', password: password(false) }],
      });
      return { error, history, result: await handle.result() };
    });

    expect(outcome.error).toBeInstanceOf(Error);
    const accepted = outcome.history.events.filter(
      (e: any) => e.workflowExecutionUpdateAcceptedEventAttributes,
    );
    expect(accepted).toHaveLength(1);
    expect(checked).toHaveLength(1);
    expect(outcome.result).toEqual({ state: 'verified' });
  });

  it('hands the new hash to the check and stays pending when it is unchanged', async () => {
    const checked: VerifyCodeInput[] = [];
    const answers = await withResetFlow(stubActivities(checked), async (handle) => {
      const unchanged = await handle.executeUpdate(submitCodeUpdate, {
        args: [{ code: 'RIGHT1', password: password(true) }],
      });
      const set = await handle.executeUpdate(submitCodeUpdate, {
        args: [{ code: 'RIGHT1', password: password(false) }],
      });
      return [unchanged, set, await handle.result()];
    });

    expect(answers).toEqual([
      { ok: false, reason: 'unchanged' },
      { ok: true, details },
      { state: 'verified' },
    ]);
    expect(checked.map((c) => c.password?.hash)).toEqual([
      password(true).hash,
      password(false).hash,
    ]);
  });
});
