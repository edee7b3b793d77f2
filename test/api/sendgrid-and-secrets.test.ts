import { temporal } from '@temporalio/proto';
import { verificationWorkflowId } from '../../common/flows';
import { dumpAllTables } from '../support/db-probes';
import { eventually, newHumanUser } from '../support/fixtures';
import { startSendGridStandIn, type SendGridStandIn } from '../support/sendgrid-stand-in';
import { useStack } from '../support/stack';

let sendgrid: SendGridStandIn;

beforeAll(async () => {
  sendgrid = await startSendGridStandIn();
});

const ctx = useStack(() => ({
  env: {
    SENDGRID_API_KEY: 'SG.stand-in-key',
    SENDGRID_BASE_URL: sendgrid.url,
    FLOWGATE_DEV_OUTBOX: 'false',
  },
}));

afterAll(async () => {
  await sendgrid.close();
});

async function mailTo(email: string) {
  return eventually(async () =>
    sendgrid.received.find((m) => m.body.personalizations[0].to[0].email === email),
  );
}

describe('email through SendGrid', () => {
  it('sends the code with the real @sendgrid/mail client, and the code verifies', async () => {
    const body = newHumanUser({});
    const created = await ctx.api.post('/v2/users/human', body);
    expect(created.status).toBe(200);

    const mail = await mailTo(body.email.email);
    expect(mail.authorization).toBe('Bearer SG.stand-in-key');
    expect(mail.body.subject).toBe('Verify your email address');
    const code = /code is ([A-Z0-9]{6})/.exec(mail.body.content[0].value)?.[1];
    expect(code).toBeDefined();

    const verified = await ctx.api.post(`/v2/users/${created.body.userId}/email/verify`, {
      verificationCode: code,
    });
    expect(verified.status).toBe(200);
  });

  it('has no outbox route when the outbox is off', async () => {
    const outbox = await ctx.api.get('/dev/outbox');
    expect(outbox.status).toBe(404);
  });
});

describe('where the plain code may not appear', () => {
  it('is absent from the workflow history and from every database table', async () => {
    const body = newHumanUser({});
    const created = await ctx.api.post('/v2/users/human', body);
    const { userId } = created.body;
    const mail = await mailTo(body.email.email);
    const code = /code is ([A-Z0-9]{6})/.exec(mail.body.content[0].value)![1];

    const verified = await ctx.api.post(`/v2/users/${userId}/email/verify`, {
      verificationCode: code,
    });
    expect(verified.status).toBe(200);

    const handle = ctx.stack.temporal.workflow.getHandle(
      verificationWorkflowId('email-verification', userId),
    );
    await handle.result();
    const history = await handle.fetchHistory();
    const raw = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.includes(Buffer.from(code))).toBe(false);
    expect(raw.includes(Buffer.from(body.email.email))).toBe(false);
    expect(raw.includes(Buffer.from('binary/encrypted'))).toBe(true);

    const everything = await dumpAllTables(ctx.stack.db);
    expect(everything).toContain(userId);
    expect(everything).not.toContain(code);
  });
});

describe('a provider that keeps failing', () => {
  afterEach(() => {
    sendgrid.failWith = undefined;
  });

  it('does not hold up the flow: a dead code stops retrying its delivery', async () => {
    sendgrid.failWith = 500;
    const body = newHumanUser({});
    const created = await ctx.api.post('/v2/users/human', body);
    expect(created.status).toBe(200);
    await mailTo(body.email.email);

    const { userId } = created.body;
    const changed = await ctx.api.post(`/v2/users/${userId}/email`, {
      email: `second-${userId}@example.com`,
      returnCode: {},
    });
    const verified = await ctx.api.post(`/v2/users/${userId}/email/verify`, {
      verificationCode: changed.body.verificationCode,
    });
    expect(verified.status).toBe(200);

    // Without the cancellation the run would wait minutes for the retries of the first send.
    const handle = ctx.stack.temporal.workflow.getHandle(
      verificationWorkflowId('email-verification', userId),
    );
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      handle.result(),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve('still running'), 10_000);
      }),
    ]).finally(() => clearTimeout(timer));
    expect(outcome).toEqual({ state: 'verified' });
  });

  it('gives up at once when the provider refuses the message for good', async () => {
    sendgrid.failWith = 400;
    const created = await ctx.api.post('/v2/users/human', newHumanUser({}));
    expect(created.status).toBe(200);

    // A permanent refusal fails the activity on its first attempt; retries would take minutes.
    const handle = ctx.stack.temporal.workflow.getHandle(
      verificationWorkflowId('email-verification', created.body.userId),
    );
    const failed = await eventually(async () => {
      const history = await handle.fetchHistory();
      return history.events?.find((e) => e.activityTaskFailedEventAttributes);
    }, 10_000);
    const info = failed.activityTaskFailedEventAttributes?.failure?.applicationFailureInfo;
    expect(info).toMatchObject({ type: 'Errors.Notification.Rejected', nonRetryable: true });
    const started = (await handle.fetchHistory()).events?.find(
      (e) => e.activityTaskStartedEventAttributes,
    );
    expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(1);
  });
});
