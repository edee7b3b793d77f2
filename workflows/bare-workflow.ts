/**
 * The benchmark's ceiling: start, one Update, complete, no activities. It measures what the
 * Temporal server and worker cost on their own.
 */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const bareUpdate = defineUpdate<string, [string]>('bare');

export async function bareWorkflow(): Promise<void> {
  let done = false;
  setHandler(bareUpdate, (value) => {
    done = true;
    return value;
  });
  await condition(() => done);
}
