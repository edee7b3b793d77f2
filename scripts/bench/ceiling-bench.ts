/**
 * The ceiling flow: the bare workflow started, sent one Update and awaited to completion, on
 * the same Temporal server, worker and codec as Flowgate's flows but with no activities.
 */
import type { Client } from '@temporalio/client';
import { bareUpdate, type bareWorkflow } from '../../workflows/bare-workflow';
import type { BenchFlow } from './flows/flow-kind';

export function bareFlow(client: Client, taskQueue: string, runTag: string): BenchFlow {
  return {
    run: async (key, _prepared, recorder) => {
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
    },
  };
}
