/**
 * The email flow: AddHumanUser asking for the email code back (update-with-start of the
 * verification workflow), then VerifyEmail with that code.
 */
import type { FlowKind } from './flow-kind';

interface CreatedUser {
  userId: string;
  emailCode?: string;
}

export const emailFlow: FlowKind = {
  name: 'email',
  calls: 'AddHumanUser (returnCode) + VerifyEmail',
  finalCall: 'verify',
  create: async ({ api, runTag }) => ({
    run: async (key, _prepared, recorder) => {
      const name = `bench-${runTag}-${key}`;
      const created = await recorder.call('create', () =>
        api.post<CreatedUser>('/v2/users/human', {
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
        return api.post(path, { verificationCode: created.emailCode });
      });
      return verified !== undefined;
    },
  }),
};
