/**
 * Whether argon2 hashing stalls other requests: the email flow measured again while lanes of
 * AddHumanUser with a password (argon2id in the API) run beside it the whole time.
 */
import type { BenchApi } from './bench-api';
import { CallRecorder } from './call-recorder';
import type { BenchFlow } from './flows/flow-kind';
import { measure, type BenchResult, type RunShape } from './measure';
import { summarize, type LatencySummary } from './stats';

export interface Argon2Stall {
  lanes: number;
  /** The email flow with the password lanes beside it. */
  beside: BenchResult;
  /** AddHumanUser with a password, as the lanes saw it. */
  passwordCreate: LatencySummary;
  passwordCreateFailures: number;
}

async function passwordLane(
  api: BenchApi,
  prefix: string,
  recorder: CallRecorder,
  running: () => boolean,
): Promise<void> {
  for (let index = 0; running(); index += 1) {
    const name = `${prefix}-${index}`;
    await recorder.call('password-create', () =>
      api.post('/v2/users/human', {
        username: name,
        profile: { givenName: 'Bench', familyName: 'Password' },
        email: { email: `${name}@example.com`, isVerified: true },
        password: { password: `correct horse ${name}` },
      }),
    );
  }
}

export async function measureBesideArgon2(
  name: string,
  shape: RunShape,
  flow: BenchFlow,
  api: BenchApi,
  lanes: number,
): Promise<Argon2Stall> {
  const recorder = new CallRecorder();
  let running = true;
  const background = Array.from({ length: lanes }, (_, lane) =>
    passwordLane(api, `${name}-pw${lane}`, recorder, () => running),
  );

  try {
    const beside = await measure(name, shape, flow);
    return {
      lanes,
      beside,
      passwordCreate: summarize(recorder.latencies.get('password-create') ?? []),
      passwordCreateFailures: [...recorder.failures.values()].reduce((a, b) => a + b, 0),
    };
  } finally {
    running = false;
    await Promise.all(background);
  }
}
