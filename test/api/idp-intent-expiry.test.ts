import { randomBytes } from 'node:crypto';
import { freePort } from '../../infra/free-port';
import { eventually } from '../support/fixtures';
import { FAILURE_URL, addOidcIdp, signIn, startIntent } from '../support/idp-sign-in';
import { startTestProvider, type TestProvider } from '../support/oidc-test-provider';
import { useStack } from '../support/stack';

let apiOrigin: string;
let apiPort: number;
let provider: TestProvider;

beforeAll(async () => {
  apiPort = await freePort();
  apiOrigin = `http://127.0.0.1:${apiPort}`;
  provider = await startTestProvider(`${apiOrigin}/idps/callback`);
});
afterAll(async () => {
  await provider?.stop();
});

const TTL_MS = 4000;
const ctx = useStack(() => ({
  port: apiPort,
  env: { FLOWGATE_PUBLIC_URL: apiOrigin, FLOWGATE_IDP_INTENT_TTL: `${TTL_MS / 1000}s` },
}));

async function intentRow(id: string) {
  const [rows] = await ctx.stack.db.query('SELECT * FROM idp_intents WHERE id = $1', {
    bind: [id],
  });
  return rows[0] as { state: string; information_sealed: string | null } | undefined;
}

describe('identity-provider intent lifetime', () => {
  it('ends a succeeded intent as expired after FLOWGATE_IDP_INTENT_TTL', async () => {
    const idpId = await addOidcIdp(ctx.api, provider);
    const login = `grace-${randomBytes(4).toString('hex')}`;
    const { landedAt } = await signIn(ctx.api, apiOrigin, provider, idpId, login);
    const id = landedAt.searchParams.get('id')!;
    const token = landedAt.searchParams.get('token')!;

    const fresh = await ctx.api.post(`/v2/idp_intents/${id}`, { idpIntentToken: token });
    expect(fresh.status).toBe(200);

    // The workflow's timer ends it and drops the provider's answer.
    await eventually(async () => ((await intentRow(id))?.state === 'expired' ? true : undefined));
    expect((await intentRow(id))?.information_sealed).toBeNull();

    const late = await ctx.api.post(`/v2/idp_intents/${id}`, { idpIntentToken: token });
    expect(late.status).toBe(400);
    expect(late.body.details[0].id).toBe('Errors.Intent.Expired');
  });

  it('ends an intent that never gets its callback, and refuses a late one', async () => {
    const idpId = await addOidcIdp(ctx.api, provider);
    const intentId = new URL(await startIntent(ctx.api, idpId)).searchParams.get('state')!;

    await eventually(async () =>
      (await intentRow(intentId))?.state === 'expired' ? true : undefined,
    );
    const late = await fetch(`${apiOrigin}/idps/callback?state=${intentId}&code=late`, {
      redirect: 'manual',
    });
    expect(late.status).toBe(302);
    const target = new URL(late.headers.get('location')!);
    expect(target.origin + target.pathname).toBe(FAILURE_URL);
    expect(target.searchParams.get('error')).toBe('IDP-Sfrgs');
  });
});
