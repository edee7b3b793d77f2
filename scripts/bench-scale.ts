/**
 * `npm run bench:scale [-- --pending 20000 --ttl 10m]`: many email verifications pending at
 * once. Measures the worker's resident memory while they wait, whether new flows still start
 * and finish within their usual latency (a probe before, while pending, while expiring), and
 * how late each expiry is recorded in PostgreSQL once they all die within minutes of each
 * other (every code has the run's FLOWGATE_EMAIL_CODE_TTL).
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { parseDuration } from '../common/durations';
import { loadConfig } from '../config/config';
import { freePort } from '../infra/free-port';
import { createLogger } from '../infra/logger';
import { benchApi, type BenchApi } from './bench/bench-api';
import { benchEnv } from './bench/bench-env';
import { CallRecorder } from './bench/call-recorder';
import { Cleanup } from './bench/cleanup';
import { countByState, expiryFigures, waitForExpired } from './bench/expiry-lateness';
import { emailFlow } from './bench/flows/email-flow';
import type { BenchFlow } from './bench/flows/flow-kind';
import { measure, type BenchResult } from './bench/measure';
import { writeResult } from './bench/report';
import { startRssSampler } from './bench/rss-sampler';
import { runPool } from './bench/run-pool';
import { parseScaleArgs, type ScaleOptions } from './bench/scale-args';
import { startServices, type Env } from './bench/services';
import { startStack } from './bench/stack';
import { summarize } from './bench/stats';
import { writeWorkflowBundle } from '../worker/workflow-bundle-file';

// The one place this script reads the process, as in scripts/bench.ts.
const ARGS = process.argv.slice(2);
const ENV: Env = { ...process.env };
const PROBE_CONCURRENCY = 4;

const cleanup = new Cleanup();
const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

/** AddHumanUser with the email code returned and never used: one pending flow per user. */
async function createPending(api: BenchApi, prefix: string, options: ScaleOptions) {
  const recorder = new CallRecorder();
  const started = Date.now();
  let done = 0;
  const progress = setInterval(() => console.log(`  ${done} of ${options.pending}`), 30_000);
  await runPool(options.pending, options.lanes, async (index) => {
    const name = `${prefix}${index}`;
    await recorder.call('create', () =>
      api.post('/v2/users/human', {
        username: name,
        profile: { givenName: 'Scale', familyName: String(index) },
        email: { email: `${name}@example.com`, returnCode: {} },
      }),
    );
    done += 1;
  });
  clearInterval(progress);
  const wallMs = Date.now() - started;
  const made = recorder.latencies.get('create')?.length ?? 0;
  return {
    made,
    startedAt: started,
    wallMs,
    perSecond: made / (wallMs / 1000),
    create: summarize(recorder.latencies.get('create') ?? []),
    failures: Object.fromEntries(recorder.failures),
  };
}

function probeLine(label: string, probe: BenchResult): string {
  const call = (name: string): string => {
    const s = probe.calls[name];
    return s ? `${name} p50 ${s.p50.toFixed(1)} p99 ${s.p99.toFixed(1)} ms` : `${name} -`;
  };
  return (
    `  ${label.padEnd(16)} ${probe.flowsPerSecond.toFixed(1)} flows/s, ` +
    `${call('create')}, ${call('verify')}, ${probe.failedFlows} failed`
  );
}

async function main(): Promise<void> {
  const options = parseScaleArgs(ARGS);
  const ttlMs = parseDuration(options.ttl)!;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const logger = createLogger('warn', 'flowgate-bench-scale');

  console.log('starting Temporal and PostgreSQL, bundling the workflows');
  const services = await startServices(ENV, logger, cleanup);
  const env = {
    ...benchEnv(ENV, services, await freePort()),
    FLOWGATE_EMAIL_CODE_TTL: options.ttl,
  };
  const config = loadConfig(env);
  const bundle = await writeWorkflowBundle();
  cleanup.add('the workflow bundle', bundle.remove);
  const stack = await startStack(env, config, bundle.path, logger, cleanup);
  const api = benchApi(stack.apiUrl, config.adminToken, true);
  cleanup.add('the HTTP agent', async () => api.close());
  const runTag = randomBytes(4).toString('hex');
  const prefix = `scale-${runTag}-`;
  const rss = startRssSampler(stack.workerPid, 1_000);
  cleanup.add('the memory sampler', async () => rss.stop());

  const email: BenchFlow = await emailFlow.create({ api, runTag, cleanup });
  const probe = (name: string) =>
    measure(name, { concurrency: PROBE_CONCURRENCY, count: options.probe, warmup: 5 }, email);

  console.log(`probe before: ${options.probe} email flows at c=${PROBE_CONCURRENCY}`);
  const before = await probe('probe-before');
  const rssBefore = rss.sample();

  console.log(`making ${options.pending} pending email verifications (ttl ${options.ttl})`);
  const created = await createPending(api, prefix, options);
  // Fewer than --pending when the first deadlines passed before the last flow was made.
  const pendingAtOnce = (await countByState(stack.db, prefix)).pending ?? 0;
  const rssPending = rss.sample();
  console.log(`${pendingAtOnce} pending; probe while pending`);
  const whilePending = await probe('probe-pending');

  const firstDeadline = created.startedAt + ttlMs;
  const lastDeadline = firstDeadline + created.wallMs;
  await sleep(Math.max(0, firstDeadline + 15_000 - Date.now()));
  console.log('probe while expiring');
  const whileExpiring = await probe('probe-expiring');

  console.log('waiting for every pending flow to expire');
  // Every flow made must expire, also those that did before the last one was made.
  await waitForExpired(stack.db, prefix, created.made, lastDeadline + 120_000 - Date.now());
  const expiry = await expiryFigures(stack.db, prefix);
  const rssEnd = rss.sample();

  const report = {
    finishedAt: new Date().toISOString(),
    options,
    created,
    pendingAtOnce,
    workerRss: { before: rssBefore, pending: rssPending, peak: rss.peakBytes(), end: rssEnd },
    rssSamples: rss.samples,
    probes: { before, whilePending, whileExpiring },
    expiry,
  };
  const late = expiry.lateness;
  console.log(
    [
      '',
      `Flowgate scale run: ${options.pending} email verifications, ttl ${options.ttl}`,
      `  made in ${(created.wallMs / 1000).toFixed(0)} s (${created.perSecond.toFixed(1)}/s, ` +
        `create p50 ${created.create.p50.toFixed(0)} p99 ${created.create.p99.toFixed(0)} ms, ` +
        `${Object.values(created.failures).reduce((a, b) => a + b, 0)} failed)`,
      `  pending when the last was made: ${pendingAtOnce}`,
      `  worker RSS: before ${mib(rssBefore)}, all pending ${mib(rssPending)}, ` +
        `peak ${mib(rss.peakBytes())}, end ${mib(rssEnd)}`,
      'latency probes (email flow, AddHumanUser + VerifyEmail):',
      probeLine('before', before),
      probeLine('while pending', whilePending),
      probeLine('while expiring', whileExpiring),
      `  peak pending (from created_at / finished_at): ${expiry.peakPending}`,
      `expiry: ${JSON.stringify(expiry.states)}, busiest minute ${expiry.busiestMinute} deadlines`,
      `  lateness (finished_at - expires_at): p50 ${late.p50.toFixed(0)} ms, ` +
        `p99 ${late.p99.toFixed(0)} ms, max ${late.max.toFixed(0)} ms`,
      '',
    ].join('\n'),
  );
  const json = JSON.stringify(report, null, 2);
  console.log(`results written to ${writeResult('scale', report.finishedAt, 'json', json)}`);
}

async function stopOnSignal(signal: NodeJS.Signals): Promise<void> {
  console.error(`flowgate bench:scale: ${signal}, stopping the services`);
  await cleanup.run();
  process.exit(130);
}

process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);

main()
  .catch((error: Error) => {
    console.error(`flowgate bench:scale: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => cleanup.run());
