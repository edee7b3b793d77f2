/**
 * The expiry loop every pending flow shares: wait for its first secret (a code, a TOTP seed,
 * a challenge), then until it closes; each replacement restarts the lifetime, and a timer that
 * runs out first expires the secret it was set for.
 */
import { condition } from '@temporalio/workflow';
import type { createSerialQueue } from './serial';

/** What the loop reads and calls on a flow's state machine. */
export interface ExpiringFlow {
  readonly state: string;
  /** Counts secrets issued; 0 until the first one. */
  readonly generation: number;
  /** Workflow time (ms) at which the current secret dies. */
  readonly expiresAt: number;
  /** Ends the flow as expired if `generation` is still the live secret. */
  expire(generation: number): void;
}

export async function waitUntilClosed(
  flow: ExpiringFlow,
  serialize: ReturnType<typeof createSerialQueue>,
): Promise<void> {
  await condition(() => flow.generation > 0 || flow.state !== 'pending');

  while (flow.state === 'pending') {
    const generation = flow.generation;
    const remaining = flow.expiresAt - Date.now();
    const woke =
      remaining > 0 &&
      (await condition(
        () => flow.state !== 'pending' || flow.generation !== generation,
        remaining,
      ));
    if (!woke) {
      // Let a check already under way finish before the secret dies.
      await serialize(async () => flow.expire(generation));
    }
  }
}
