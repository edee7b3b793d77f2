/**
 * One Flowgate flow over HTTP: AddHumanUser asking for the email code back, then VerifyEmail
 * with that code. Both calls must answer 200.
 */
import type { CallRecorder } from './call-recorder';
import type { BenchFlow } from './measure';
import { postJson } from './post-json';

interface CreatedUser {
  userId: string;
  emailCode?: string;
}

export function httpFlow(apiUrl: string, token: string, runTag: string): BenchFlow {
  return async (key: string, recorder: CallRecorder): Promise<boolean> => {
    const name = `bench-${runTag}-${key}`;
    const created = await recorder.call('create', () =>
      postJson<CreatedUser>(apiUrl, token, '/v2/users/human', {
        username: name,
        profile: { givenName: 'Bench', familyName: key },
        email: { email: `${name}@example.com`, returnCode: {} },
      }),
    );
    if (!created) {
      return false;
    }

    const verified = await recorder.call('verify', async () => {
      if (!created.emailCode) {
        throw new Error('AddHumanUser returned no emailCode');
      }
      const path = `/v2/users/${created.userId}/email/verify`;
      return postJson(apiUrl, token, path, { verificationCode: created.emailCode });
    });
    return verified !== undefined;
  };
}
