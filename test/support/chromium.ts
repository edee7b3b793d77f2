/**
 * Debian's chromium for the browser tests. The test setup installs it when it is missing, as
 * CI does on a fresh machine of this kind (root, Debian's package archive reachable); once
 * present, this is a file check.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { testEnv } from './test-env';

// The real binary first: /usr/bin/chromium is a shell wrapper around it.
const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

/** How long an install may take: apt-get update plus the package and its libraries. */
export const CHROMIUM_INSTALL_TIMEOUT_MS = 15 * 60_000;

function found(): string | undefined {
  return CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

function aptGet(args: string[]): void {
  execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...testEnv(), DEBIAN_FRONTEND: 'noninteractive' },
    timeout: CHROMIUM_INSTALL_TIMEOUT_MS,
  });
}

/** The path of the chromium binary, installing Debian's package first when it is missing. */
export function ensureChromium(): string {
  const present = found();
  if (present) {
    return present;
  }
  if (process.getuid?.() !== 0) {
    throw new Error('chromium is missing and only root can install it: apt-get install chromium');
  }

  aptGet(['update']);
  aptGet(['install', '-y', '--no-install-recommends', 'chromium']);
  const installed = found();
  if (!installed) {
    throw new Error('apt-get installed chromium, but its binary is not where Debian puts it');
  }
  return installed;
}
