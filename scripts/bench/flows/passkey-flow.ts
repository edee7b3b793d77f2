/**
 * The passkey flow: RegisterPasskey, the tests' software authenticator answering the creation
 * options as a browser would, then VerifyPasskeyRegistration.
 */
import { SoftAuthenticator } from '../../../test/support/soft-authenticator';
import { BENCH_WEBAUTHN } from '../bench-env';
import { createPlainUser, type FlowKind } from './flow-kind';

interface Started {
  passkeyId: string;
  publicKeyCredentialCreationOptions: { publicKey: { challenge: string } };
}

export const passkeyFlow: FlowKind = {
  name: 'passkey',
  calls: 'RegisterPasskey + VerifyPasskeyRegistration (software authenticator)',
  finalCall: 'verify',
  create: async ({ api, runTag }) => ({
    prepare: (key) => createPlainUser(api, `bench-${runTag}-${key}`),
    run: async (_key, userId, recorder) => {
      const started = await recorder.call('register', () =>
        api.post<Started>(`/v2/users/${userId}/passkeys`, {}),
      );
      if (!started) {
        return false;
      }

      const credential = new SoftAuthenticator().create({
        challenge: started.publicKeyCredentialCreationOptions.publicKey.challenge,
        origin: BENCH_WEBAUTHN.origin,
        rpId: BENCH_WEBAUTHN.rpId,
      });
      const verified = await recorder.call('verify', () =>
        api.post(`/v2/users/${userId}/passkeys/${started.passkeyId}`, {
          publicKeyCredential: credential,
          passkeyName: 'Bench key',
        }),
      );
      return verified !== undefined;
    },
  }),
};
