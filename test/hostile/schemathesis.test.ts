/**
 * Hostile input from Schemathesis: every operation of GET /openapi.json, called with the
 * administrator token and generated valid and invalid data (fixed seed, bounded count). No
 * answer may be a 5xx or break the documented response schema (OWASP ASVS 5.0 V1, input
 * handling).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newHumanUser } from '../support/fixtures';
import { ensureSchemathesis, SCHEMATHESIS_INSTALL_TIMEOUT_MS } from '../support/schemathesis';
import { useStack } from '../support/stack';
import { testEnv } from '../support/test-env';

const SEED = '20261203';
const EXAMPLES_PER_OPERATION = '20';

const ctx = useStack();
let schemathesis: string;

beforeAll(() => {
  schemathesis = ensureSchemathesis();
}, SCHEMATHESIS_INSTALL_TIMEOUT_MS);

type Ids = Record<string, string>;

function runSchemathesis(
  args: string[],
  ids: Ids,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const config = path.join(__dirname, 'schemathesis.toml');
    // Its crash cache lands in the working folder: a temporary one, out of the repository.
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'flowgate-schemathesis-'));
    const child = spawn(schemathesis, ['--config-file', config, ...args], {
      cwd,
      env: { ...testEnv(), ...ids, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      fs.rmSync(cwd, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

describe('Schemathesis against the OpenAPI document', () => {
  it('finds no server error and no answer outside the documented schema', async () => {
    const user = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }));
    const account = await ctx.api.post('/admin/v1/service_accounts', {
      name: 'fuzz',
      roles: ['ORG_USER_MANAGER'],
    });
    expect([user.status, account.status]).toEqual([200, 200]);
    const ids = {
      FUZZ_USER_ID: user.body.userId,
      FUZZ_SERVICE_ACCOUNT_ID: account.body.serviceAccountId,
    };

    const { code, output } = await runSchemathesis(
      [
        'run',
        `${ctx.stack.url}/openapi.json`,
        '--header',
        `Authorization: Bearer ${ctx.stack.config.adminToken}`,
        '--checks',
        'not_a_server_error,response_schema_conformance',
        '--phases',
        'examples,coverage,fuzzing',
        '--max-examples',
        EXAMPLES_PER_OPERATION,
        '--seed',
        SEED,
        '--generation-deterministic',
        '--workers',
        '2',
        '--request-timeout',
        '40',
        '--no-color',
      ],
      ids,
    );

    if (process.env.SHOW_SCHEMATHESIS || code !== 0) {
      // The report names each failing operation with a curl command to reproduce it.
      console.error(output.split(ctx.stack.config.adminToken).join('<admin token>'));
    }
    expect(code).toBe(0);
    expect(output).toMatch(/\d+ passed/);
  }, 600_000);
});
