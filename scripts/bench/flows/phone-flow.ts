/** The phone flow: SetPhone asking for the code back, then VerifyPhone with it. */
import { newPhone } from '../../../test/support/phone-fixtures';
import { createPlainUser, type FlowKind } from './flow-kind';

export const phoneFlow: FlowKind = {
  name: 'phone',
  calls: 'SetPhone (returnCode) + VerifyPhone',
  finalCall: 'verify',
  create: async ({ api, runTag }) => ({
    prepare: (key) => createPlainUser(api, `bench-${runTag}-${key}`),
    run: async (_key, userId, recorder) => {
      const set = await recorder.call('set', () =>
        api.post<{ verificationCode?: string }>(`/v2/users/${userId}/phone`, {
          phone: newPhone().e164,
          returnCode: {},
        }),
      );
      if (!set) {
        return false;
      }

      const verified = await recorder.call('verify', async () => {
        if (!set.verificationCode) {
          throw new Error('SetPhone returned no verificationCode');
        }
        const path = `/v2/users/${userId}/phone/verify`;
        return api.post(path, { verificationCode: set.verificationCode });
      });
      return verified !== undefined;
    },
  }),
};
