/**
 * The ceiling flow: the bare workflow started, sent one Update and awaited to completion, on
 * the same Temporal server, worker and codec as Flowgate's flows but with no activities.
 */
import type { Client } from '@temporalio/client';
import { bareUpdate, type bareWorkflow } from '../../workflows/bare-workflow';
import type { CallRecorder } from './call-recorder';
import type { BenchFlow } from './measure';

export function bareFlow(client: Client, taskQueue: string, runTag: string): BenchFlow {
  return async (key: string, recorder: CallRecorder): Promise<boolean> => {
    const handle = await recorder.call('start', () =>
      client.workflow.start<typeof bareWorkflow>('bareWorkflow', {
        taskQueue,
        workflowId: `bench-bare-${runTag}-${key}`,
      }),
    );
    if (!handle) {
      return false;
    }

    const updated = await recorder.call('update', () =>
      handle.executeUpdate(bareUpdate, { args: ['x'] }),
    );
    if (updated === undefined) {
      return false;
    }

    const completed = await recorder.call('result', async () => {
      await handle.result();
      return true;
    });
    return completed === true;
  };
}
