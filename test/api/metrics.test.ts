/**
 * GET /metrics: HTTP durations by route and status, flows by kind and outcome, and the worker's
 * Temporal runtime exporter with the messages it sent, through the API.
 */
import { freePort } from '../../infra/free-port';
import { call } from '../support/http';
import { eventually, newHumanUser } from '../support/fixtures';
import { useStack } from '../support/stack';

let exporterPort: number;

beforeAll(async () => {
  exporterPort = await freePort();
});

const ctx = useStack(() => ({
  env: {
    FLOWGATE_EMAIL_CODE_TTL: '3s',
    FLOWGATE_WORKER_METRICS_ADDRESS: `127.0.0.1:${exporterPort}`,
    FLOWGATE_WORKER_METRICS_URL: `http://127.0.0.1:${exporterPort}/metrics`,
  },
}));

const KIND = 'kind="email-verification"';

async function scrape(): Promise<string> {
  const response = await call(ctx.stack.url, 'GET', '/metrics', undefined);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.body as unknown as string;
}

/** The value of the first sample whose name and labels contain every given fragment. */
function sample(text: string, name: string, ...fragments: string[]): number {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && fragments.every((f) => l.includes(f)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

const finished = (text: string, outcome: string): number =>
  sample(text, 'flowgate_flows_finished_total', KIND, `outcome="${outcome}"`);

async function userWithCode(email: Record<string, unknown> = { returnCode: {} }) {
  const created = await ctx.api.post('/v2/users/human', newHumanUser(email));
  expect(created.status).toBe(200);
  return { userId: created.body.userId as string, code: created.body.emailCode as string };
}

describe('GET /metrics', () => {
  it("counts a flow's outcomes: verified, locked, cancelled and expired", async () => {
    const before = await scrape();

    const verified = await userWithCode();
    await ctx.api.post(`/v2/users/${verified.userId}/email/verify`, {
      verificationCode: verified.code,
    });
    const locked = await userWithCode();
    for (let i = 0; i < ctx.stack.config.codes.maxAttempts; i += 1) {
      await ctx.api.post(`/v2/users/${locked.userId}/email/verify`, { verificationCode: 'WRONG1' });
    }
    const cancelled = await userWithCode();
    await ctx.api.post(`/v2/users/${cancelled.userId}/email`, {
      email: `other-${Date.now()}@example.com`,
      isVerified: true,
    });
    await userWithCode();

    const after = await eventually(async () => {
      const text = await scrape();
      return finished(text, 'expired') > finished(before, 'expired') &&
        finished(text, 'cancelled') > finished(before, 'cancelled')
        ? text
        : undefined;
    });
    for (const outcome of ['verified', 'locked', 'cancelled', 'expired']) {
      expect(finished(after, outcome)).toBeGreaterThanOrEqual(finished(before, outcome) + 1);
    }
    expect(sample(after, 'flowgate_flows_started_total', KIND)).toBeGreaterThanOrEqual(
      sample(before, 'flowgate_flows_started_total', KIND) + 4,
    );
  });

  it('times requests by route pattern and status, not by raw path', async () => {
    const { userId } = await userWithCode();
    await ctx.api.post(`/v2/users/${userId}/email/verify`, { verificationCode: 'NOPE00' });
    await ctx.api.post(`/v2/users/${userId}/email/verify`, { verificationCode: 'NOPE00' });

    const text = await scrape();
    const count = (route: string, status: number) =>
      sample(
        text,
        'flowgate_http_request_duration_seconds_count',
        `route="${route}"`,
        `status="${status}"`,
      );

    expect(count('/v2/users/:userId/email/verify', 400)).toBeGreaterThanOrEqual(2);
    expect(count('/v2/users/human', 200)).toBeGreaterThanOrEqual(5);
    expect(text).not.toContain(userId);
  });

  it("exposes the worker's Temporal runtime metrics and the messages it sent", async () => {
    await userWithCode({ sendCode: {} });

    const text = await eventually(async () => {
      const scraped = await scrape();
      // The runtime records an activity's latency after its completion, a moment after the
      // activity itself counted the message: wait for both.
      const sent = sample(
        scraped,
        'flowgate_messages_sent_total',
        'channel="email"',
        'result="sent"',
      );
      const timed = /^temporal_activity_execution_latency_bucket\{/m.test(scraped);
      return sent > 0 && timed ? scraped : undefined;
    });

    expect(text).toContain('flowgate_worker_metrics_up 1');
    expect(text).toMatch(/^temporal_request_total\{/m);
    expect(text).toMatch(/^temporal_activity_execution_latency_bucket\{/m);
  });
});
