/**
 * The phone channel of the verification workflow with stubbed activities: a sent code goes to
 * the SMS activity, with the code the issue activity made and the phone kind's text.
 */
import { randomBytes } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import type { SendCodeSmsInput } from '../../activities/sms-delivery';
import { issueCodeUpdate, submitCodeUpdate } from '../../common/verification-messages';
import { eventually } from '../support/fixtures';
import { testEnv } from '../support/test-env';
import { useWorkflowHarness } from '../support/workflow-harness';

const env = testEnv();
const harness = useWorkflowHarness();

type Stubs = Pick<
  Activities,
  'issueCode' | 'verifyCode' | 'finishVerification' | 'sendVerificationEmail' | 'sendCodeBySms'
>;

function stubs(sms: SendCodeSmsInput[], emails: unknown[]): Stubs {
  const details = { sequence: '1', changeDate: new Date(0).toISOString(), resourceOwner: 'org' };
  return {
    issueCode: async (input) => ({
      code: `CODE${input.generation}`,
      details,
      expiresAt: new Date(Date.now() + input.ttlMs).toISOString(),
    }),
    verifyCode: async ({ code, generation }) =>
      code === `CODE${generation}`
        ? { outcome: 'verified', details }
        : { outcome: 'wrong', attempts: 1 },
    finishVerification: async () => undefined,
    sendVerificationEmail: async (input) => {
      emails.push(input);
    },
    sendCodeBySms: async (input) => {
      sms.push(input);
    },
  };
}

describe('verificationWorkflow on the phone channel', () => {
  it('delivers each sent code by SMS, never by email, and verifies the live one', async () => {
    const sms: SendCodeSmsInput[] = [];
    const emails: unknown[] = [];
    const taskQueue = `wf-phone-${randomBytes(6).toString('hex')}`;
    const nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: { codePath: env.FLOWGATE_WORKFLOW_BUNDLE! },
      activities: stubs(sms, emails),
    });

    const userId = `u-${randomBytes(4).toString('hex')}`;
    const result = await worker
      .runUntil(async () => {
        const handle = await harness.client.workflow.start('verificationWorkflow', {
          taskQueue,
          workflowId: `phone-verification:${userId}`,
          args: [
            {
              kind: 'phone-verification',
              channel: 'phone',
              userId,
              orgId: 'org',
              ttlMs: 60_000,
              maxAttempts: 5,
            },
          ],
        });
        const send = { target: '+41791234567', delivery: { type: 'send' as const } };
        await handle.executeUpdate(issueCodeUpdate, { args: [send] });
        await handle.executeUpdate(issueCodeUpdate, { args: [send] });
        // Both sends have settled in history first: a code typed back within milliseconds of
        // its delivery races the delivery's completion (see the README's known limits).
        await eventually(async () => {
          const { events } = await handle.fetchHistory();
          const done = events?.filter((e) => e.activityTaskCompletedEventAttributes);
          return (done?.length ?? 0) >= 2 ? true : undefined;
        });
        await handle.executeUpdate(submitCodeUpdate, { args: [{ code: 'CODE2' }] });
        return handle.result();
      })
      .finally(() => nativeConnection.close());

    expect(result).toEqual({ state: 'verified' });
    expect(emails).toEqual([]);
    expect(
      sms.map(({ kind, generation, target, code }) => ({ kind, generation, target, code })),
    ).toEqual([
      { kind: 'phone-verification', generation: 1, target: '+41791234567', code: 'CODE1' },
      { kind: 'phone-verification', generation: 2, target: '+41791234567', code: 'CODE2' },
    ]);
  });
});
