/**
 * The Temporal CLI dev server as a plain child process, for tests that stop it and start it
 * again on the same port and SQLite file. Readiness is polled for as long as a loaded machine
 * needs, instead of the SDK's fixed connect deadline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { FLOW_SEARCH_ATTRIBUTES } from '../../common/flows';
import { temporalIsReachable } from '../../infra/temporal-client';

const READY_TIMEOUT_MS = 120_000;

export interface DevServerProcess {
  address: string;
  stop(): Promise<void>;
}

export async function startDevServerProcess(
  cliPath: string,
  port: number,
  dbFilename: string,
): Promise<DevServerProcess> {
  const attributes = FLOW_SEARCH_ATTRIBUTES.flatMap(({ name, type }) => [
    '--search-attribute',
    `${name}=${TypedSearchAttributes.toMetadataType(type)}`,
  ]);
  const child = spawn(
    cliPath,
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--headless',
      '--db-filename',
      dbFilename,
      '--log-level',
      'error',
      ...attributes,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const address = `127.0.0.1:${port}`;
  await untilReady(address, child);
  return { address, stop: () => stopped(child) };
}

async function untilReady(address: string, child: ChildProcess): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: READY_TIMEOUT_MS });
  try {
    const client = new Client({ connection });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await temporalIsReachable(client))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`the Temporal dev server on ${address} did not become ready`);
      }
      await sleep(200);
    }
  } finally {
    await connection.close();
  }
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
