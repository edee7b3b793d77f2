import { userRow } from '../support/db-probes';
import { newHumanUser } from '../support/fixtures';
import { apiClient, type ApiClient } from '../support/http';
import { startStack, type TestStack } from '../support/stack';
import { queryOne } from '../../store/sql';

let stack: TestStack;
let api: ApiClient;

beforeAll(async () => {
  stack = await startStack({ withoutWorker: true, env: { FLOWGATE_FLOW_CALL_TIMEOUT: '2s' } });
  api = apiClient(stack.url, stack.config.adminToken);
});

afterAll(async () => {
  await stack.stop();
});

describe('a flow that cannot answer', () => {
  it('gives up after the call timeout with a 504 and undoes the new user', async () => {
    const body = newHumanUser({ returnCode: {} });

    const started = Date.now();
    const response = await api.post('/v2/users/human', body);

    expect(response.status).toBe(504);
    expect(response.body.code).toBe(4);
    expect(response.body.details[0].id).toBe('Errors.Flow.Timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
    const left = await queryOne<{ count: string }>(
      stack.db,
      'SELECT count(*) AS count FROM users WHERE username = $1',
      [body.username],
    );
    expect(left?.count).toBe('0');

    await stack.startWorker();
    const retried = await api.post('/v2/users/human', body);
    expect(retried.status).toBe(200);
    expect((await userRow(stack.db, retried.body.userId))?.email).toBe(body.email.email);
  });
});
