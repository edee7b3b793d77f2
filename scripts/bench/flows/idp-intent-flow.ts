/**
 * The identity-provider flow against a real OpenID provider on loopback (the tests'
 * oidc-provider): StartIdentityProviderIntent, the browser round trip through the provider's
 * login and consent to Flowgate's callback, then RetrieveIdentityProviderIntent.
 */
import { TestBrowser } from '../../../test/support/browser';
import { startTestProvider } from '../../../test/support/oidc-test-provider';
import type { FlowKind } from './flow-kind';

const SUCCESS_URL = 'https://app.example.com/idp/ok';
const FAILURE_URL = 'https://app.example.com/idp/fail';

export const idpIntentFlow: FlowKind = {
  name: 'idp',
  calls: 'StartIdentityProviderIntent + provider login + callback + RetrieveIdentityProviderIntent',
  finalCall: 'retrieve',
  create: async ({ api, runTag, cleanup }) => {
    // The provider's client sends the browser back to the bench API's FLOWGATE_PUBLIC_URL.
    const provider = await startTestProvider(`${api.url}/idps/callback`);
    cleanup.add('the OpenID provider', provider.stop);
    const { id: idpId } = await api.post<{ id: string }>('/admin/v1/idps/generic_oidc', {
      name: `Bench OIDC ${runTag}`,
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      scopes: ['openid', 'email', 'profile'],
    });

    return {
      run: async (key, _prepared, recorder) => {
        const started = await recorder.call('start', () =>
          api.post<{ authUrl: string }>('/v2/idp_intents', {
            idpId,
            urls: { successUrl: SUCCESS_URL, failureUrl: FAILURE_URL },
          }),
        );
        if (!started) {
          return false;
        }

        const login = `bench-${runTag}-${key}`;
        const landed = await recorder.call('sign-in', async () => {
          const browser = new TestBrowser([provider.issuer, api.url]);
          const { landedAt } = await browser.visit(started.authUrl, (_action, fields) =>
            fields.prompt === 'login' ? { ...fields, login, password: 'any' } : fields,
          );
          const id = landedAt.searchParams.get('id');
          const token = landedAt.searchParams.get('token');
          if (!id || !token || !landedAt.href.startsWith(SUCCESS_URL)) {
            throw new Error(`the sign-in landed at ${landedAt.origin}${landedAt.pathname}`);
          }
          return { id, token };
        });
        if (!landed) {
          return false;
        }

        const retrieved = await recorder.call('retrieve', () =>
          api.post(`/v2/idp_intents/${landed.id}`, { idpIntentToken: landed.token }),
        );
        return retrieved !== undefined;
      },
    };
  },
};
