/**
 * Schemathesis (from PyPI) in a virtual environment of the project's cache folder. The test
 * setup creates it when it is missing, as CI does on a fresh machine; once present, this is a
 * file check. The version is pinned so a run means the same on every machine.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { testEnv } from './test-env';

export const SCHEMATHESIS_VERSION = '4.32.5';
const ROOT = path.resolve(__dirname, '../..');

/** How long creating the environment may take: a pip install of about forty packages. */
export const SCHEMATHESIS_INSTALL_TIMEOUT_MS = 10 * 60_000;

/** The `schemathesis` executable, installing it into `.cache/` first when it is missing. */
export function ensureSchemathesis(): string {
  const venv = path.join(ROOT, '.cache', `schemathesis-${SCHEMATHESIS_VERSION}`);
  const executable = path.join(venv, 'bin', 'schemathesis');
  // Written last, so an interrupted install is started again rather than used half-done.
  const complete = path.join(venv, '.complete');
  if (fs.existsSync(complete)) {
    return executable;
  }

  const run = (command: string, args: string[]) =>
    execFileSync(command, args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: testEnv(),
      timeout: SCHEMATHESIS_INSTALL_TIMEOUT_MS,
    });
  // A virtual environment cannot move (its scripts name their interpreter by path): it is
  // made where it stays.
  fs.rmSync(venv, { recursive: true, force: true });
  run('python3', ['-m', 'venv', venv]);
  run(path.join(venv, 'bin', 'pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    `schemathesis==${SCHEMATHESIS_VERSION}`,
  ]);
  fs.writeFileSync(complete, `${SCHEMATHESIS_VERSION}\n`);
  return executable;
}
