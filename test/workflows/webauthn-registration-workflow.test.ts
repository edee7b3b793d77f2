/**
 * The WebAuthn registration workflow's logic with stubbed activities, on the real Temporal
 * dev server: replacement, single-use challenges, expiry, a refused link code, validators,
 * and a deterministic replay.
 */
import { randomBytes } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import {
  beginRegistrationUpdate,
  verifyRegistrationUpdate,
  type RegistrationInput,
} from '../../common/webauthn-messages';
import { testEnv } from '../support/test-env';
import { useWorkflowHarness, withStubWorker } from '../support/workflow-harness';

const env = testEnv();
const harness = useWorkflowHarness();

type Stubs = Pick<Activities, 'beginRegistration' | 'verifyCredential' | 'endRegistration'>;

interface Calls {
  checkedChallenges: string[];
  ended: string[];
}

/** Challenges c1, c2, ...; a credential is good when it names the challenge it answers. */
function stubActivities(record: Calls): Stubs {
  let issued = 0;
  const details = { sequence: '1', changeDate: new Date(0).toISOString(), resourceOwner: 'org' };
  return {
    beginRegistration: async (input) => {
      if (input.linkCode?.code === 'wrong') {
        return { ok: false, reason: 'code-invalid', detail: 'wrong' };
      }
      issued += 1;
      const expiresAt = new Date(Date.now() + input.ttlMs).toISOString();
      return { ok: true, options: { challenge: `c${issued}` }, details, expiresAt };
    },
    verifyCredential: async (input) => {
      record.checkedChallenges.push(input.challenge);
      return input.response.answers === input.challenge
        ? { ok: true, details }
        : { ok: false, message: 'the credential does not answer the pending challenge' };
    },
    endRegistration: async ({ state }) => {
      record.ended.push(state);
    },
  };
}

function withWorker<T>(record: Calls, run: (taskQueue: string) => Promise<T>) {
  return withStubWorker(stubActivities(record), run);
}

function input(ttlMs: number): RegistrationInput {
  return {
    kind: 'passkey-registration',
    credential: 'passkey',
    userId: `u-${randomBytes(4).toString('hex')}`,
    orgId: 'org',
    ttlMs,
    rpName: 'Flowgate',
    origins: ['https://login.flowgate.test'],
  };
}

async function startFlow(taskQueue: string, flowInput: RegistrationInput) {
  return harness.client.workflow.start('webauthnRegistrationWorkflow', {
    taskQueue,
    workflowId: `wf-test:${flowInput.userId}`,
    args: [flowInput],
  });
}

type Handle = Awaited<ReturnType<typeof startFlow>>;

const begin = (handle: Handle, linkCode?: { id: string; code: string }) =>
  handle.executeUpdate(beginRegistrationUpdate, { args: [{ rpId: 'localhost', linkCode }] });

const verify = (handle: Handle, registrationId: string, answers: string) =>
  handle.executeUpdate(verifyRegistrationUpdate, {
    args: [{ registrationId, credential: { answers }, name: 'key' }],
  });

const fresh = (): Calls => ({ checkedChallenges: [], ended: [] });

describe('webauthnRegistrationWorkflow', () => {
  it('replaces a pending registration and checks only the live challenge', async () => {
    const record = fresh();
    const outcome = await withWorker(record, async (taskQueue) => {
      const handle = await startFlow(taskQueue, input(60_000));
      const first = await begin(handle);
      const second = await begin(handle);
      const old = await verify(handle, first.registrationId, 'c1');
      const live = await verify(handle, second.registrationId, 'c2');
      return { old, live, result: await handle.result() };
    });

    expect(outcome.old).toEqual({ ok: false, reason: 'not-found' });
    expect(outcome.live.ok).toBe(true);
    expect(outcome.result).toEqual({ state: 'verified' });
    expect(record.checkedChallenges).toEqual(['c2']);
  });

  it('uses a challenge once: a refused credential ends the registration', async () => {
    const record = fresh();
    const outcome = await withWorker(record, async (taskQueue) => {
      const handle = await startFlow(taskQueue, input(60_000));
      const { registrationId } = await begin(handle);
      const refused = await verify(handle, registrationId, 'forged');
      const result = await handle.result();
      return { refused, result };
    });

    expect(outcome.refused).toEqual({
      ok: false,
      reason: 'failed',
      message: 'the credential does not answer the pending challenge',
    });
    expect(outcome.result).toEqual({ state: 'failed' });
    expect(record.ended).toEqual(['failed']);
  });

  it('expires on its own timer and records it', async () => {
    const record = fresh();
    const result = await withWorker(record, async (taskQueue) => {
      const handle = await startFlow(taskQueue, input(1_000));
      await begin(handle);
      return handle.result();
    });

    expect(result).toEqual({ state: 'expired' });
    expect(record.ended).toEqual(['expired']);
  });

  it('ends without a registration when the first start has a wrong link code', async () => {
    const record = fresh();
    const outcome = await withWorker(record, async (taskQueue) => {
      const handle = await startFlow(taskQueue, input(60_000));
      const error = await begin(handle, { id: 'code-1', code: 'wrong' }).catch((e: Error) => e);
      return { error, result: await handle.result() };
    });

    expect(outcome.error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((outcome.error as WorkflowUpdateFailedError).cause).toMatchObject({
      type: 'Errors.User.Code.Invalid',
    });
    expect(outcome.result).toEqual({ state: 'cancelled' });
    expect(record.ended).toEqual([]);
  });

  it('rejects a malformed credential in the validator, before it reaches history', async () => {
    const record = fresh();
    const outcome = await withWorker(record, async (taskQueue) => {
      const handle = await startFlow(taskQueue, input(60_000));
      const { registrationId } = await begin(handle);
      const error = await handle
        .executeUpdate(verifyRegistrationUpdate, {
          args: [{ registrationId, credential: 'not-an-object' as never, name: 'key' }],
        })
        .catch((e: Error) => e);
      const history = await handle.fetchHistory();
      const live = await verify(handle, registrationId, 'c1');
      return { error, history, live };
    });

    expect(outcome.error).toBeInstanceOf(Error);
    const accepted = outcome.history.events!.filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes,
    );
    expect(accepted).toHaveLength(1);
    expect(outcome.live.ok).toBe(true);
  });

  it('replays its history deterministically', async () => {
    const record = fresh();
    const history = await withWorker(record, async (taskQueue) => {
      const handle = await startFlow(taskQueue, input(60_000));
      await begin(handle);
      const { registrationId } = await begin(handle);
      await verify(handle, registrationId, 'c2');
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
