/** What the API writes to its log: requests by method, path and status; never a secret. */
import { newHumanUser } from '../support/fixtures';
import { useStack } from '../support/stack';

const lines: string[] = [];

const ctx = useStack({
  env: { LOG_LEVEL: 'info' },
  logDestination: { write: (line: string) => lines.push(line) },
});

describe('the API log', () => {
  it('records each request without bodies, codes, passwords, addresses or tokens', async () => {
    const password = 'a very private passphrase';
    const body = newHumanUser({ returnCode: {} }, { password: { password } });
    const created = await ctx.api.post('/v2/users/human', body);
    const code = created.body.emailCode as string;
    await ctx.api.post(`/v2/users/${created.body.userId}/email/verify`, { verificationCode: code });
    await ctx.api.post('/v2/users/human', '{not json', { rawBody: '{not json' });

    const log = lines.join('');
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request completed');
    expect(requests.map((r) => [r.req.method, r.req.path, r.res.statusCode])).toEqual([
      ['POST', '/v2/users/human', 200],
      ['POST', `/v2/users/${created.body.userId}/email/verify`, 200],
      ['POST', '/v2/users/human', 400],
    ]);
    for (const secret of [password, body.email.email, ctx.stack.config.adminToken]) {
      expect(log).not.toContain(secret);
    }
    // An all-digit code could occur inside a timestamp by chance; as a value it never may.
    expect(log).not.toContain(`"${code}"`);
    if (/[A-Z]/.test(code)) {
      expect(log).not.toContain(code);
    }
  });
});
