/**
 * The TOTP flow: RegisterTOTP, then VerifyTOTPRegistration with the current code, computed by
 * the tests' own RFC 6238 reference rather than the library the API uses.
 */
import { codeNear } from '../../../test/support/rfc6238';
import { createPlainUser, type FlowKind } from './flow-kind';

export const totpFlow: FlowKind = {
  name: 'totp',
  calls: 'RegisterTOTP + VerifyTOTPRegistration',
  finalCall: 'verify',
  create: async ({ api, runTag }) => ({
    prepare: (key) => createPlainUser(api, `bench-${runTag}-${key}`),
    run: async (_key, userId, recorder) => {
      const registered = await recorder.call('register', () =>
        api.post<{ secret: string }>(`/v2/users/${userId}/totp`, {}),
      );
      if (!registered) {
        return false;
      }

      const verified = await recorder.call('verify', () =>
        api.post(`/v2/users/${userId}/totp/verify`, { code: codeNear(registered.secret) }),
      );
      return verified !== undefined;
    },
  }),
};
