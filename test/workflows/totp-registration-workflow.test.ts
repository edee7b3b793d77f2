/**
 * The TOTP registration workflow's logic with stubbed activities, on the real Temporal dev
 * server, plus a replay of a fresh history to guard against non-deterministic code.
 */
import { randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { Errors } from '../../common/errors';
import {
  startTOTPUpdate,
  totpStatusQuery,
  verifyTOTPUpdate,
  type TOTPRegistrationInput,
} from '../../common/totp-messages';
import { testEnv } from '../support/test-env';
import { useWorkflowHarness, withStubWorker } from '../support/workflow-harness';

const env = testEnv();
const harness = useWorkflowHarness();

type Stubs = Pick<Activities, 'createTOTPSecret' | 'verifyTOTPCode' | 'finishTOTP'>;

const RIGHT = '123456';

function stubActivities(finished: string[], refuse?: string): Stubs {
  let attempts = 0;
  const details = { sequence: '1', changeDate: new Date(0).toISOString(), resourceOwner: 'org' };
  return {
    createTOTPSecret: async (input) => {
      if (refuse) {
        throw ApplicationFailure.nonRetryable('refused', refuse);
      }
      return {
        sealedSecret: `sealed-${input.generation}`,
        details,
        expiresAt: new Date(Date.now() + input.ttlMs).toISOString(),
      };
    },
    verifyTOTPCode: async ({ code }) => {
      if (code === RIGHT) {
        return { outcome: 'verified', details };
      }
      attempts += 1;
      return { outcome: 'wrong', attempts };
    },
    finishTOTP: async ({ state }) => {
      finished.push(state);
    },
  };
}

function withWorker<T>(activities: Stubs, run: (taskQueue: string) => Promise<T>) {
  return withStubWorker(activities, run, 'wf-test');
}

function input(ttlMs: number): TOTPRegistrationInput {
  return { userId: `u-${randomBytes(4).toString('hex')}`, orgId: 'org', ttlMs, maxAttempts: 3 };
}

async function startFlow(taskQueue: string, flowInput: TOTPRegistrationInput) {
  const handle = await harness.client.workflow.start('totpRegistrationWorkflow', {
    taskQueue,
    workflowId: `wf-test-totp:${flowInput.userId}`,
    args: [flowInput],
  });
  const started = await handle.executeUpdate(startTOTPUpdate, { args: [] });
  return { handle, started };
}

describe('totpRegistrationWorkflow', () => {
  it('answers with the sealed secret and replaces it on a second start', async () => {
    const finished: string[] = [];
    const outcome = await withWorker(stubActivities(finished), async (taskQueue) => {
      const { handle, started } = await startFlow(taskQueue, input(60_000));
      const again = await handle.executeUpdate(startTOTPUpdate, { args: [] });
      const status = await handle.query(totpStatusQuery);
      const verified = await handle.executeUpdate(verifyTOTPUpdate, { args: [{ code: RIGHT }] });
      return { started, again, status, verified, result: await handle.result() };
    });

    expect(outcome.started.sealedSecret).toBe('sealed-1');
    expect(outcome.again.sealedSecret).toBe('sealed-2');
    expect(outcome.status).toMatchObject({ state: 'pending', generation: 2, attempts: 0 });
    expect(outcome.verified.ok).toBe(true);
    expect(outcome.result).toEqual({ state: 'verified' });
    expect(finished).toEqual([]);
  });

  it('locks after the configured number of wrong codes and records it', async () => {
    const finished: string[] = [];
    const outcome = await withWorker(stubActivities(finished), async (taskQueue) => {
      const { handle } = await startFlow(taskQueue, input(60_000));
      const answers = [];
      for (let i = 0; i < 3; i += 1) {
        const code = '000000';
        answers.push(await handle.executeUpdate(verifyTOTPUpdate, { args: [{ code }] }));
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
    const result = await withWorker(stubActivities(finished), async (taskQueue) => {
      const { handle } = await startFlow(taskQueue, input(1_000));
      return handle.result();
    });

    expect(result).toEqual({ state: 'expired' });
    expect(finished).toEqual(['expired']);
  });

  it('ends as cancelled when its first secret is refused, and says why', async () => {
    const finished: string[] = [];
    const refused = Errors.otpAlreadyReady.id;
    const outcome = await withWorker(stubActivities(finished, refused), async (taskQueue) => {
      const flowInput = input(60_000);
      const handle = await harness.client.workflow.start('totpRegistrationWorkflow', {
        taskQueue,
        workflowId: `wf-test-totp:${flowInput.userId}`,
        args: [flowInput],
      });
      const error = await handle.executeUpdate(startTOTPUpdate, { args: [] }).catch((e) => e);
      return { error, result: await handle.result() };
    });

    expect(outcome.error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((outcome.error.cause as ApplicationFailure).type).toBe(refused);
    expect(outcome.result).toEqual({ state: 'cancelled' });
  });

  it('rejects a malformed code in the validator, before it reaches history', async () => {
    const finished: string[] = [];
    const rejection = await withWorker(stubActivities(finished), async (taskQueue) => {
      const { handle } = await startFlow(taskQueue, input(60_000));
      const error = await handle
        .executeUpdate(verifyTOTPUpdate, { args: [{ code: '1'.repeat(201) }] })
        .catch((e: Error) => e);
      const history = await handle.fetchHistory();
      await handle.executeUpdate(verifyTOTPUpdate, { args: [{ code: RIGHT }] });
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
    const history = await withWorker(stubActivities(finished), async (taskQueue) => {
      const { handle } = await startFlow(taskQueue, input(60_000));
      await handle.executeUpdate(startTOTPUpdate, { args: [] });
      await handle.executeUpdate(verifyTOTPUpdate, { args: [{ code: '000000' }] });
      await handle.executeUpdate(verifyTOTPUpdate, { args: [{ code: RIGHT }] });
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
});
