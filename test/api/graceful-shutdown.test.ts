/**
 * SIGTERM to the API process (`api/main.ts`) while a request is under way: the API stops
 * accepting, the request finishes with its answer, nothing half-done is left, the process
 * exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../infra/free-port';
import { userRow } from '../support/db-probes';
import { eventually, newHumanUser } from '../support/fixtures';
import { call } from '../support/http';
import { useStack } from '../support/stack';

const ROOT = path.resolve(__dirname, '../..');

const ctx = useStack({ withoutWorker: true });
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
  }
});

function exited(process: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => process.once('exit', (code) => resolve(code)));
}

describe('graceful shutdown', () => {
  it('finishes a request in flight on SIGTERM, refuses new ones, and exits 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
      cwd: ROOT,
      env: { ...ctx.stack.env, PORT: String(port) } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exit = exited(child);
    await eventually(async () => {
      const health = await fetch(`${url}/healthz`).catch(() => undefined);
      return health?.status === 200 ? true : undefined;
    }, 60_000);

    // No worker runs yet, so AddHumanUser waits inside the API for its email flow.
    const token = ctx.stack.config.adminToken;
    const request = newHumanUser({ returnCode: {} });
    const inFlight = call(url, 'POST', '/v2/users/human', request, { token });
    await eventually(async () => {
      const row = await ctx.stack.db.query('SELECT id FROM users WHERE username = $1', {
        bind: [request.username],
        plain: true,
      });
      return row ? true : undefined;
    });

    child.kill('SIGTERM');
    await eventually(async () => {
      const refused = await fetch(`${url}/healthz`).then(
        () => undefined,
        () => true,
      );
      return refused;
    });
    await ctx.stack.startWorker();

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body.emailCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(await userRow(ctx.stack.db, answer.body.userId)).toBeDefined();
    expect(await exit).toBe(0);
  });
});
