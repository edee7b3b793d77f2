/** Records how a flow ended when no verification did: expired, locked or cancelled. */
import type { FlowState } from '../common/flows';
import { finishFlow } from '../store/flows-store';
import type { ActivityDeps } from './deps';

export interface FinishFlowInput {
  runId: string;
  state: Exclude<FlowState, 'pending' | 'verified'>;
}

export function verificationOutcomeActivities(deps: ActivityDeps) {
  const { db, clock } = deps;

  /** Ends the pending flow in PostgreSQL; its code hash is dropped. */
  async function finishVerification(input: FinishFlowInput): Promise<void> {
    await finishFlow(db, input.runId, input.state, clock.now());
  }

  return { finishVerification };
}
