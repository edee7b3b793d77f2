/**
 * An embedded PostgreSQL in a child process, for tests that stop and restart the database.
 * (The package is an ES module that jest's CommonJS runtime cannot load in a test file.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface PostgresProcess {
  url: string;
  /** Stops the server cleanly (fast shutdown) and waits for the process to end. */
  stop(): Promise<void>;
}

/** Starts (or restarts) a persistent cluster in `dataDir` listening on `port`. */
export function startPostgresProcess(dataDir: string, port: number): Promise<PostgresProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/postgres-child.ts', dataDir, String(port)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );

  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /^ready (\S+)$/m.exec(output);
      if (ready) {
        resolve({ url: ready[1], stop: () => stopped(child) });
      }
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL process exited (${code})`)));
  });
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
