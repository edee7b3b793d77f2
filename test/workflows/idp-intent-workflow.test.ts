/** The identity-provider intent workflow's logic with stubbed activities, on the real server. */
import { randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/client';
import type { Activities } from '../../activities';
import {
  beginIntentUpdate,
  callbackUpdate,
  type IdpIntentInput,
} from '../../common/idp-intent-messages';
import { useWorkflowHarness, withStubWorker } from '../support/workflow-harness';

const harness = useWorkflowHarness();

type Stubs = Pick<Activities, 'prepareIdpAuthorization' | 'completeIdpIntent' | 'finishIdpIntent'>;

function stubs(finished: string[], overrides: Partial<Stubs> = {}): Stubs {
  return {
    prepareIdpAuthorization: async (input) => `https://idp.example/auth?state=${input.intentId}`,
    completeIdpIntent: async () => ({ ok: true, token: 'the-token', userId: 'u1' }),
    finishIdpIntent: async ({ state }) => {
      finished.push(state);
    },
    ...overrides,
  };
}

function withWorker<T>(activities: Stubs, run: (taskQueue: string) => Promise<T>) {
  return withStubWorker(activities, run, 'wf-idp');
}

async function startIntent(taskQueue: string, ttlMs: number) {
  const intentId = randomBytes(6).toString('hex');
  const input: IdpIntentInput = {
    intentId,
    idpId: 'idp',
    successUrl: 'https://app.example/ok',
    failureUrl: 'https://app.example/no',
    ttlMs,
  };
  const handle = await harness.client.workflow.start('idpIntentWorkflow', {
    workflowId: `idp-intent:${intentId}`,
    taskQueue,
    args: [input],
  });
  const { authUrl } = await handle.executeUpdate(beginIntentUpdate);
  expect(authUrl).toContain(intentId);
  return handle;
}

describe('idpIntentWorkflow', () => {
  it('redeems one callback, refuses the next, and expires after its lifetime', async () => {
    const finished: string[] = [];
    await withWorker(stubs(finished), async (taskQueue) => {
      const handle = await startIntent(taskQueue, 1500);
      const first = await handle.executeUpdate(callbackUpdate, {
        args: [{ query: 'code=abc&state=x' }],
      });
      expect(first).toEqual({ outcome: 'succeeded', token: 'the-token', userId: 'u1' });

      const second = handle.executeUpdate(callbackUpdate, { args: [{ query: 'code=abc' }] });
      await expect(second).rejects.toMatchObject({
        cause: expect.any(ApplicationFailure),
      });

      expect(await handle.result()).toEqual({ state: 'expired' });
      expect(finished).toEqual(['expired']);
    });
  });

  it('reports the provider error and ends as failed', async () => {
    const finished: string[] = [];
    await withWorker(stubs(finished), async (taskQueue) => {
      const handle = await startIntent(taskQueue, 60_000);
      const result = await handle.executeUpdate(callbackUpdate, {
        args: [{ query: 'error=access_denied&error_description=User%20said%20no&state=x' }],
      });
      expect(result).toEqual({
        outcome: 'failed',
        error: 'access_denied',
        errorDescription: 'User said no',
      });
      expect(await handle.result()).toEqual({ state: 'failed' });
      expect(finished).toEqual(['failed']);
    });
  });

  it('fails the login when the redemption keeps failing', async () => {
    const finished: string[] = [];
    const broken = stubs(finished, {
      completeIdpIntent: async () => {
        throw ApplicationFailure.nonRetryable('database down', 'Boom');
      },
    });
    await withWorker(broken, async (taskQueue) => {
      const handle = await startIntent(taskQueue, 60_000);
      const result = await handle.executeUpdate(callbackUpdate, { args: [{ query: 'code=x' }] });
      expect(result).toMatchObject({ outcome: 'failed', error: 'IDP-JdD3g' });
      expect(await handle.result()).toEqual({ state: 'failed' });
    });
  });

  it('ends a pending intent that gets no callback', async () => {
    const finished: string[] = [];
    await withWorker(stubs(finished), async (taskQueue) => {
      const handle = await startIntent(taskQueue, 1000);
      expect(await handle.result()).toEqual({ state: 'expired' });
      expect(finished).toEqual(['expired']);
    });
  });
});
