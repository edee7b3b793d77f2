/** Security headers, CORS allowlist, JSON only, body limit and rate limits, through HTTP. */
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../config/config';
import { generateAccessToken, hashAccessToken } from '../../infra/access-tokens';
import { insertAccessToken, insertServiceAccount } from '../../store/service-accounts-store';
import { call } from '../support/http';
import { useStack, type StackContext } from '../support/stack';
import { stackEnv } from '../support/test-env';

const APP_ORIGIN = 'https://app.example.com';

const limitedPerToken = useStack({
  env: {
    FLOWGATE_CORS_ORIGINS: `${APP_ORIGIN},http://localhost:3000`,
    FLOWGATE_RATE_LIMIT_PER_TOKEN: '3',
    FLOWGATE_RATE_LIMIT_PER_ADDRESS: '0',
  },
});

const limitedPerAddress = useStack({
  env: { FLOWGATE_RATE_LIMIT_PER_TOKEN: '0', FLOWGATE_RATE_LIMIT_PER_ADDRESS: '4' },
});

/** A service account token written straight to the database, so no admin call is spent. */
async function directToken(ctx: StackContext): Promise<string> {
  const { db, config } = ctx.stack;
  const id = `sa-${randomBytes(6).toString('hex')}`;
  const org = await db.query('SELECT id FROM organizations WHERE is_default', { plain: true });
  await insertServiceAccount(
    db,
    { id, orgId: (org as { id: string }).id, name: 'x', roles: ['IAM_OWNER'] },
    new Date(),
  );
  const token = generateAccessToken();
  await insertAccessToken(
    db,
    {
      id: `${id}-t`,
      serviceAccountId: id,
      tokenHash: hashAccessToken(config.codeHmacKey, token),
      expiresAt: new Date(Date.now() + 3_600_000),
    },
    new Date(),
  );
  return token;
}

describe('security headers', () => {
  it("sends helmet's headers and a request id, and no X-Powered-By", async () => {
    const response = await call(limitedPerToken.stack.url, 'GET', '/healthz', undefined);

    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${limitedPerToken.stack.url}/v2/users/human`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('answers a preflight from a listed origin with that origin, never *', async () => {
    const response = await preflight(APP_ORIGIN);

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('gives an origin that is not listed no CORS headers', async () => {
    const response = await preflight('https://evil.example.com');

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses * and malformed origins in the configuration', () => {
    for (const origins of ['*', 'app.example.com', 'https://a.example.com/path']) {
      expect(() => loadConfig(stackEnv({ FLOWGATE_CORS_ORIGINS: origins }))).toThrow(ConfigError);
    }
  });
});

describe('JSON only', () => {
  it('answers a body of another media type with 415 in the contract shape', async () => {
    const token = await directToken(limitedPerToken);
    const response = await limitedPerToken.api.post('/v2/users/human', undefined, {
      token,
      rawBody: 'username=ada',
      contentType: 'application/x-www-form-urlencoded',
    });

    expect(response.status).toBe(415);
    expect(response.body).toEqual({ code: 3, message: 'request body must be application/json' });
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After to a token over its limit; other tokens pass', async () => {
    const ctx = limitedPerToken;
    const other = await directToken(ctx);

    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push(await ctx.api.get('/dev/outbox?limit=1'));
    }
    const otherToken = await ctx.api.get('/dev/outbox?limit=1', { token: other });

    expect(statuses.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(statuses[3].status).toBe(429);
    expect(Number(statuses[3].headers.get('retry-after'))).toBeGreaterThan(0);
    expect(statuses[3].body.code).toBe(8);
    expect(statuses[3].body.details[0].id).toBe('Errors.RateLimit.Exceeded');
    expect(otherToken.status).toBe(200);
  });

  it('counts one request once, whichever User Service route serves it', async () => {
    const ctx = limitedPerToken;
    const token = await directToken(ctx);
    const path = '/v2/users/no-such-user/authentication_methods';

    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await ctx.api.get(path, { token })).status);
    }

    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('limits a client address before its token is even checked', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i += 1) {
      last = await limitedPerAddress.api.get('/dev/outbox', { token: 'guessing' });
      statuses.push(last.status);
    }

    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
