import { userRow } from '../support/db-probes';
import { newHumanUser } from '../support/fixtures';
import { useStack } from '../support/stack';
import { queryOne } from '../../store/sql';

const ctx = useStack({ withoutWorker: true, env: { FLOWGATE_FLOW_CALL_TIMEOUT: '2s' } });

describe('a flow that cannot answer', () => {
  it('gives up after the call timeout with a 504 and undoes the new user', async () => {
    const body = newHumanUser({ returnCode: {} });

    const started = Date.now();
    const response = await ctx.api.post('/v2/users/human', body);

    expect(response.status).toBe(504);
    expect(response.body.code).toBe(4);
    expect(response.body.details[0].id).toBe('Errors.Flow.Timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
    const left = await queryOne<{ count: string }>(
      ctx.stack.db,
      'SELECT count(*) AS count FROM users WHERE username = $1',
      [body.username],
    );
    expect(left?.count).toBe('0');

    await ctx.stack.startWorker();
    const retried = await ctx.api.post('/v2/users/human', body);
    expect(retried.status).toBe(200);
    expect((await userRow(ctx.stack.db, retried.body.userId))?.email).toBe(body.email.email);
  });
});
