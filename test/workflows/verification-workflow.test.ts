/**
 * The verification workflow's logic with stubbed activities, on the real Temporal dev server,
 * plus a replay of the recorded history to guard against non-deterministic changes.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import {
  issueCodeUpdate,
  submitCodeUpdate,
  type VerificationInput,
} from '../../common/verification-messages';
import { testEnv } from '../support/test-env';
import { useWorkflowHarness, withStubWorker } from '../support/workflow-harness';

const env = testEnv();
const harness = useWorkflowHarness();

type Stubs = Pick<
  Activities,
  'issueCode' | 'verifyCode' | 'finishVerification' | 'sendVerificationEmail'
>;

function stubActivities(correctCode: string, finished: string[]): Stubs {
  let attempts = 0;
  const details = { sequence: '1', changeDate: new Date(0).toISOString(), resourceOwner: 'org' };
  return {
    issueCode: async (input) => ({
      code: correctCode,
      details,
      expiresAt: new Date(Date.now() + input.ttlMs).toISOString(),
    }),
    verifyCode: async ({ code }) => {
      if (code === correctCode) {
        return { outcome: 'verified', details };
      }
      attempts += 1;
      return { outcome: 'wrong', attempts };
    },
    finishVerification: async ({ state }) => {
      finished.push(state);
    },
    sendVerificationEmail: async () => undefined,
  };
}

function withWorker<T>(activities: Stubs, run: (taskQueue: string) => Promise<T>) {
  return withStubWorker(activities, run, 'wf-test');
}

function input(ttlMs: number): VerificationInput {
  return {
    kind: 'email-verification',
    channel: 'email',
    userId: `u-${randomBytes(4).toString('hex')}`,
    orgId: 'org',
    ttlMs,
    maxAttempts: 3,
  };
}

async function startFlow(taskQueue: string, flowInput: VerificationInput) {
  const handle = await harness.client.workflow.start('verificationWorkflow', {
    taskQueue,
    workflowId: `wf-test:${flowInput.userId}`,
    args: [flowInput],
  });
  await handle.executeUpdate(issueCodeUpdate, {
    args: [{ target: 'a@example.com', delivery: { type: 'return' } }],
  });
  return handle;
}

describe('verificationWorkflow', () => {
  it('locks after the configured number of wrong codes and records it', async () => {
    const finished: string[] = [];
    const outcome = await withWorker(stubActivities('RIGHT1', finished), async (taskQueue) => {
      const handle = await startFlow(taskQueue, input(60_000));
      const answers = [];
      for (let i = 0; i < 3; i += 1) {
        answers.push(await handle.executeUpdate(submitCodeUpdate, { args: [{ code: 'WRONG1' }] }));
      }
      return { answers, result: await handle.result() };
    });

    expect(outcome.answers.map((a) => (a.ok ? 'ok' : a.reason))).toEqual([
      'invalid',
      'invalid',
      'locked',
    ]);
    expect(outcome.result).toEqual({ state: 'locked' });
    expect(finished).toEqual(['locked']);
  });

  it('expires on its own timer when no code arrives', async () => {
    const finished: string[] = [];
    const result = await withWorker(stubActivities('RIGHT1', finished), async (taskQueue) => {
      const handle = await startFlow(taskQueue, input(1_000));
      return handle.result();
    });

    expect(result).toEqual({ state: 'expired' });
    expect(finished).toEqual(['expired']);
  });

  it('rejects a malformed code in the validator, before it reaches history', async () => {
    const finished: string[] = [];
    const rejection = await withWorker(stubActivities('RIGHT1', finished), async (taskQueue) => {
      const handle = await startFlow(taskQueue, input(60_000));
      const error = await handle
        .executeUpdate(submitCodeUpdate, { args: [{ code: 'X'.repeat(21) }] })
        .catch((e: Error) => e);
      const history = await handle.fetchHistory();
      await handle.executeUpdate(submitCodeUpdate, { args: [{ code: 'RIGHT1' }] });
      return { error, history };
    });

    expect(rejection.error).toBeInstanceOf(Error);
    const accepted = rejection.history.events!.filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes,
    );
    expect(accepted).toHaveLength(1);
  });

  it('replays its recorded history deterministically', async () => {
    const finished: string[] = [];
    const history = await withWorker(stubActivities('RIGHT1', finished), async (taskQueue) => {
      const handle = await startFlow(taskQueue, input(60_000));
      await handle.executeUpdate(submitCodeUpdate, { args: [{ code: 'WRONG1' }] });
      await handle.executeUpdate(submitCodeUpdate, { args: [{ code: 'RIGHT1' }] });
      await handle.result();
      return handle.fetchHistory();
    });

    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: env.FLOWGATE_WORKFLOW_BUNDLE! } },
        history,
      ),
    ).resolves.toBeUndefined();
  });

  it('replays the history recorded from the first released version', async () => {
    // Recorded once with stub activities: two codes (sent, then returned), a wrong code, the
    // right code. A change that breaks determinism for running flows fails here.
    const file = path.resolve(__dirname, '../fixtures/verification-workflow-history.json');
    const recorded = JSON.parse(fs.readFileSync(file, 'utf8'));
    const history = temporal.api.history.v1.History.fromObject(recorded);
    expect(history.events.length).toBeGreaterThan(30);

    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: env.FLOWGATE_WORKFLOW_BUNDLE! } },
        history,
        'email-verification:fixture-user',
      ),
    ).resolves.toBeUndefined();
  });
});
