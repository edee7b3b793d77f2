/**
 * What each flow kind of the benchmark provides: an optional untimed set-up per flow (the user
 * it acts on), and the flow's calls, each timed by name.
 */
import type { BenchApi } from '../bench-api';
import type { CallRecorder } from '../call-recorder';
import type { Cleanup } from '../cleanup';

export interface BenchFlow<T = unknown> {
  /** Untimed set-up of one flow, done for every flow before the measured run starts. */
  prepare?(key: string): Promise<T>;
  /** The flow's calls under a key unique to the run; resolves to whether every call succeeded. */
  run(key: string, prepared: T, recorder: CallRecorder): Promise<boolean>;
}

export interface FlowContext {
  api: BenchApi;
  /** Tells this run's users and accounts apart from an earlier run's on the same database. */
  runTag: string;
  cleanup: Cleanup;
}

export interface FlowKind {
  name: string;
  /** The calls of one flow, for the report. */
  calls: string;
  /** The call that finishes the flow; its p99 is held against the ceiling's Update p99. */
  finalCall: string;
  /** Builds the flow against the running stack; anything it starts is stopped by `cleanup`. */
  create(ctx: FlowContext): Promise<BenchFlow>;
}

/** A user with a verified email and no flow of its own: what the later flows act on. */
export async function createPlainUser(api: BenchApi, name: string): Promise<string> {
  const created = await api.post<{ userId: string }>('/v2/users/human', {
    username: name,
    profile: { givenName: 'Bench', familyName: 'User' },
    email: { email: `${name}@example.com`, isVerified: true },
  });
  return created.userId;
}
