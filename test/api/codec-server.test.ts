/**
 * The codec server for the Temporal Web UI, and an operator's cancel from the UI: what an
 * operator can read and do on purpose, and what everyone else cannot.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { verificationWorkflowId } from '../../common/flows';
import { createAccount } from '../support/access';
import { latestFlowState } from '../support/db-probes';
import { eventually, newHumanUser } from '../support/fixtures';
import { call } from '../support/http';
import { useStack } from '../support/stack';

const UI_ORIGIN = 'http://localhost:8233';

const ctx = useStack();
const devMode = useStack({ env: { FLOWGATE_MODE: 'dev' }, withoutWorker: true });

const b64 = (bytes: Uint8Array | null | undefined): string =>
  Buffer.from(bytes ?? []).toString('base64');

async function startedFlow() {
  const created = await ctx.api.post('/v2/users/human', newHumanUser({ returnCode: {} }));
  expect(created.status).toBe(200);
  return {
    userId: created.body.userId as string,
    code: created.body.emailCode as string,
    workflowId: verificationWorkflowId('email-verification', created.body.userId),
  };
}

/** The encrypted input of a flow as Temporal stores it, in the codec protocol's JSON. */
async function storedInput(workflowId: string) {
  const history = await ctx.stack.temporal.workflowService.getWorkflowExecutionHistory({
    namespace: ctx.stack.config.temporal.namespace,
    execution: { workflowId },
  });
  const started = history.history!.events![0].workflowExecutionStartedEventAttributes!;
  return started.input!.payloads!.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
    data: b64(p.data),
  }));
}

const text = (value: string): string => Buffer.from(value, 'base64').toString('utf8');

describe('the codec server', () => {
  it("decodes a flow's encrypted history payloads for an iam.admin token", async () => {
    const { userId, workflowId } = await startedFlow();
    const payloads = await storedInput(workflowId);
    expect(text(payloads[0].data)).not.toContain(userId);

    const decoded = await ctx.api.post('/codec/decode', { payloads });

    expect(decoded.status).toBe(200);
    expect(text(decoded.body.payloads[0].metadata.encoding)).toBe('json/plain');
    expect(JSON.parse(text(decoded.body.payloads[0].data))).toMatchObject({ userId });
  });

  it('round-trips a payload through encode and decode', async () => {
    const plain = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from('{"hello":"operator"}').toString('base64'),
    };

    const encoded = await ctx.api.post('/codec/encode', { payloads: [plain] });
    const decoded = await ctx.api.post('/codec/decode', encoded.body);

    expect(text(encoded.body.payloads[0].metadata.encoding)).toBe('binary/encrypted');
    expect(text(encoded.body.payloads[0].data)).not.toContain('operator');
    expect(decoded.body.payloads).toEqual([plain]);
  });

  it('refuses callers without a token (401) and without iam.admin (403)', async () => {
    const { workflowId } = await startedFlow();
    const payloads = await storedInput(workflowId);
    const owner = await createAccount(ctx.api, ctx.stack.url, undefined, ['ORG_OWNER']);

    const anonymous = await ctx.api.post('/codec/decode', { payloads }, { token: null });
    const orgOwner = await owner.client.post('/codec/decode', { payloads });

    expect(anonymous.status).toBe(401);
    expect(orgOwner.status).toBe(403);
    expect(orgOwner.body.code).toBe(7);
  });

  it('answers a payload sealed with another key with 400, not 500', async () => {
    const { workflowId } = await startedFlow();
    const [payload] = await storedInput(workflowId);
    const tampered = { ...payload, data: Buffer.alloc(40, 1).toString('base64') };

    const response = await ctx.api.post('/codec/decode', { payloads: [tampered] });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe(3);
  });

  it("lets browsers call it from the Web UI's origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${ctx.stack.url}/codec/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, x-namespace',
        },
      });

    const ui = await preflight(UI_ORIGIN);
    const other = await preflight('http://localhost:9999');

    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(ui.headers.get('access-control-allow-headers')).toContain('x-namespace');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('does not let the UI origin in without a token outside dev mode', async () => {
    const response = await call(
      ctx.stack.url,
      'POST',
      '/codec/decode',
      { payloads: [] },
      { token: null },
    );
    const fromUi = await fetch(`${ctx.stack.url}/codec/decode`, {
      method: 'POST',
      headers: { origin: UI_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ payloads: [] }),
    });

    expect(response.status).toBe(401);
    expect(fromUi.status).toBe(401);
  });
});

describe('the codec server in dev mode', () => {
  it('lets the local Web UI in by its origin, since it cannot send a token', async () => {
    const fromUi = (origin: string) =>
      fetch(`${devMode.stack.url}/codec/encode`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ payloads: [{ data: 'e30=' }] }),
      });

    expect((await fromUi(UI_ORIGIN)).status).toBe(200);
    expect((await fromUi('http://localhost:9999')).status).toBe(401);
  });
});

describe("an operator's cancel from the Web UI", () => {
  it('records the flow as cancelled in PostgreSQL and kills its code', async () => {
    const { userId, code, workflowId } = await startedFlow();
    const handle = ctx.stack.temporal.workflow.getHandle(workflowId);

    await handle.cancel();

    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect((await handle.describe()).status.name).toBe('CANCELLED');
    await eventually(async () =>
      (await latestFlowState(ctx.stack.db, userId)) === 'cancelled' ? true : undefined,
    );
    const verify = await ctx.api.post(`/v2/users/${userId}/email/verify`, {
      verificationCode: code,
    });
    expect(verify.status).toBe(404);
    expect(verify.body.details[0].id).toBe('Errors.User.Verification.NotFound');
  });
});
