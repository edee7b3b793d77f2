/**
 * A flow's outcome in PostgreSQL. `markVerified` is idempotent: a retry after a worker crash
 * finds the flow already verified and returns the recorded details, so the email is marked
 * verified exactly once.
 */
import type { FlowState } from '../common/flows';
import type { Details } from '../common/verification-messages';
import { findFlow, finishFlow, recordedDetails } from '../store/flows-store';
import { appendUserEvent, markEmailVerified } from '../store/users-store';
import type { ActivityDeps } from './deps';

export interface MarkVerifiedInput {
  runId: string;
  userId: string;
  orgId: string;
  target: string;
}

export type MarkVerifiedResult = { applied: true; details: Details } | { applied: false };

export interface FinishFlowInput {
  runId: string;
  state: Exclude<FlowState, 'pending' | 'verified'>;
}

export function verificationOutcomeActivities(deps: ActivityDeps) {
  const { db, clock } = deps;

  async function markVerified(input: MarkVerifiedInput): Promise<MarkVerifiedResult> {
    const now = clock.now();
    return db.transaction(async (transaction): Promise<MarkVerifiedResult> => {
      const flow = await findFlow(db, input.runId, transaction);
      const recorded = flow && flow.state === 'verified' && recordedDetails(flow, input.orgId);
      if (recorded) {
        return { applied: true, details: recorded };
      }
      if (!flow || flow.state !== 'pending') {
        return { applied: false };
      }

      // The address may have changed since the code was sent; then the code proves nothing.
      const current = await markEmailVerified(db, input.userId, input.target, transaction);
      if (!current) {
        await finishFlow(db, input.runId, 'cancelled', now, undefined, transaction);
        return { applied: false };
      }

      const details = await appendUserEvent(
        db,
        input.userId,
        'user.human.email.verified',
        {
          email: input.target,
        },
        now,
        transaction,
      );
      await finishFlow(db, input.runId, 'verified', now, details, transaction);
      return { applied: true, details };
    });
  }

  /** Records an expired, locked or cancelled flow; its code hash is dropped. */
  async function finishVerification(input: FinishFlowInput): Promise<void> {
    await finishFlow(db, input.runId, input.state, clock.now());
  }

  return { markVerified, finishVerification };
}
