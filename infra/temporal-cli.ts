/**
 * Finds the Temporal CLI to run `temporal server start-dev` with, in the order the README
 * gives: TEMPORAL_CLI_PATH, `temporal` on PATH, the project's cached build, a fresh build from
 * the Go module proxy. Undefined means "let @temporalio/testing download it".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger';

/** The newest CLI release that `go install` accepts (later ones carry a replace directive). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const CLI_MODULE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

export interface ResolveCliOptions {
  cliPath?: string;
  cacheDir: string;
  logger?: Logger;
  env?: Record<string, string | undefined>;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string, envPath: string | undefined): string | undefined {
  for (const dir of (envPath ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/** Where the project keeps the CLI it built: `<cacheDir>/temporal-cli/<version>/temporal`. */
export function cachedCliPath(cacheDir: string): string {
  return path.join(cacheDir, 'temporal-cli', TEMPORAL_CLI_VERSION, 'temporal');
}

// Where Go's own installers put it, for shells (CI's among them) whose PATH lacks it.
const GO_LOCATIONS = ['/usr/local/go/bin/go', '/usr/lib/go/bin/go', '/usr/bin/go'];

function findGo(env: Record<string, string | undefined>): string | undefined {
  const fromRoot = env.GOROOT ? [path.join(env.GOROOT, 'bin', 'go')] : [];
  return onPath('go', env.PATH) ?? [...fromRoot, ...GO_LOCATIONS].find(isExecutable);
}

function buildWithGo(cacheDir: string, env: Record<string, string | undefined>, logger?: Logger) {
  const go = findGo(env);
  if (!go) {
    return undefined;
  }

  const target = cachedCliPath(cacheDir);
  const binDir = path.dirname(target);
  fs.mkdirSync(binDir, { recursive: true });
  logger?.info(
    { module: CLI_MODULE },
    'building the Temporal CLI from the Go module proxy (minutes the first time, cached after)',
  );
  const result = spawnSync(go, ['install', CLI_MODULE], {
    env: {
      ...env,
      GOBIN: binDir,
      CGO_ENABLED: '0',
      // Without a HOME, Go has nowhere for its module and build caches: keep them beside ours.
      ...(env.HOME
        ? {}
        : { GOPATH: path.join(cacheDir, 'go'), GOCACHE: path.join(cacheDir, 'go-build') }),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0 || !isExecutable(target)) {
    logger?.warn({ status: result.status }, 'the Go build of the Temporal CLI failed');
    return undefined;
  }
  return target;
}

export function resolveTemporalCli(options: ResolveCliOptions): string | undefined {
  const env = options.env ?? process.env;
  if (options.cliPath) {
    if (!isExecutable(options.cliPath)) {
      throw new Error(`TEMPORAL_CLI_PATH is not an executable file: ${options.cliPath}`);
    }
    return options.cliPath;
  }

  const cached = cachedCliPath(options.cacheDir);
  return (
    onPath('temporal', env.PATH) ??
    (isExecutable(cached) ? cached : undefined) ??
    buildWithGo(options.cacheDir, env, options.logger)
  );
}
