/**
 * The benchmark's worker as it is deployed: `worker/main.ts` in a process of its own, so the
 * API and the worker do not share one event loop on a two-core machine.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Cleanup } from './cleanup';
import type { Env } from './services';

const ROOT = path.resolve(__dirname, '../..');

/** Starts the worker; returns its process id. */
export function startWorkerProcess(env: Env, bundlePath: string, cleanup: Cleanup): number {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT,
    env: { ...env, FLOWGATE_WORKFLOW_BUNDLE: bundlePath } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  cleanup.add('the worker process', async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
    }
    await exited;
  });
  if (child.pid === undefined) {
    throw new Error('the worker process did not start');
  }
  return child.pid;
}
