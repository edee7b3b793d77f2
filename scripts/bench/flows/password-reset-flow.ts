/**
 * The password-reset flow: PasswordReset asking for the code back, then SetPassword with that
 * code and a new password (hashed with argon2id in the API).
 */
import { createPlainUser, type FlowKind } from './flow-kind';

export const passwordResetFlow: FlowKind = {
  name: 'password',
  calls: 'PasswordReset (returnCode) + SetPassword (verificationCode)',
  finalCall: 'set',
  create: async ({ api, runTag }) => ({
    prepare: (key) => createPlainUser(api, `bench-${runTag}-${key}`),
    run: async (key, userId, recorder) => {
      const reset = await recorder.call('reset', () =>
        api.post<{ verificationCode?: string }>(`/v2/users/${userId}/password_reset`, {
          returnCode: {},
        }),
      );
      if (!reset) {
        return false;
      }

      const set = await recorder.call('set', async () => {
        if (!reset.verificationCode) {
          throw new Error('PasswordReset returned no verificationCode');
        }
        return api.post(`/v2/users/${userId}/password`, {
          newPassword: { password: `Bench password ${runTag} ${key}!` },
          verificationCode: reset.verificationCode,
        });
      });
      return set !== undefined;
    },
  }),
};
