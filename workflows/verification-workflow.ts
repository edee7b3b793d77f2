/**
 * One verification (a code proving an address) per user and purpose. A state machine:
 * pending -> verified | expired | locked | cancelled. Each issueCode update replaces the code
 * and restarts the lifetime; each submitCode update checks one code. Pure: all I/O is in
 * activities (STYLE.md 2).
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { Errors } from '../common/errors';
import { FlowStateAttribute, type FlowState } from '../common/flows';
import {
  MAX_SUBMITTED_CODE_LENGTH,
  cancelSignal,
  issueCodeUpdate,
  statusQuery,
  submitCodeUpdate,
  type IssueCodeRequest,
  type IssueCodeResult,
  type SubmitCodeRequest,
  type SubmitCodeResult,
  type VerificationInput,
} from '../common/verification-messages';
import { createSerialQueue } from './serial';

// Short PostgreSQL transactions run as local activities: no task-queue round trip each, and
// each one is idempotent, so the re-execution a worker crash can cause is harmless.
const { issueCode, markVerified, finishVerification, checkCode } = proxyLocalActivities<Activities>(
  {
    startToCloseTimeout: '15s',
    retry: { initialInterval: '500ms', maximumInterval: '10s', maximumAttempts: 8 },
  },
);

const { sendVerificationEmail } = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '2s', maximumInterval: '1m', maximumAttempts: 10 },
});

/** The error id an activity rejected with, so the caller gets the same answer. */
function failureType(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  return (cause instanceof ApplicationFailure && cause.type) || Errors.unavailable.id;
}

export interface VerificationOutcome {
  state: FlowState;
}

export async function verificationWorkflow(input: VerificationInput): Promise<VerificationOutcome> {
  const { workflowId, runId } = workflowInfo();
  const serialize = createSerialQueue();
  const sends: Promise<void>[] = [];
  let state: FlowState = 'pending';
  let generation = 0;
  let expiresAt = 0;
  let attempts = 0;
  let target = '';
  let firstIssueFailed = false;

  function transition(next: FlowState): void {
    state = next;
    upsertSearchAttributes([{ key: FlowStateAttribute, value: next }]);
    setCurrentDetails(`${input.kind} of user ${input.userId}: ${next}`);
  }

  async function issue(request: IssueCodeRequest): Promise<IssueCodeResult> {
    if (state !== 'pending') {
      // Locked or verified while this request waited: the caller starts a fresh flow.
      throw ApplicationFailure.nonRetryable('the flow is closing', Errors.flowBusy.id);
    }
    const next = generation + 1;
    let issued;
    try {
      issued = await issueCode({
        workflowId,
        runId,
        generation: next,
        kind: input.kind,
        channel: input.channel,
        userId: input.userId,
        target: request.target,
        ttlMs: input.ttlMs,
      });
    } catch (error) {
      if (generation === 0) {
        // Nothing was ever pending: the flow ends instead of waiting for a code it lacks.
        firstIssueFailed = true;
        transition('cancelled');
      }
      throw ApplicationFailure.nonRetryable('the code could not be issued', failureType(error));
    }

    generation = next;
    target = request.target;
    attempts = 0;
    expiresAt = Date.parse(issued.expiresAt);
    setCurrentDetails(`${input.kind} of user ${input.userId}: pending, code ${next}`);

    if (request.delivery.type === 'send') {
      const delivery = sendVerificationEmail({
        runId,
        generation: next,
        userId: input.userId,
        orgId: input.orgId,
        target: request.target,
        code: issued.code,
        expiresAt: issued.expiresAt,
        urlTemplate: request.delivery.urlTemplate,
      });
      // The code stays valid: the caller may ask for a new one. Operators see the warning.
      sends.push(
        delivery.catch(() =>
          log.warn('verification code could not be delivered', { generation: next }),
        ),
      );
      return { details: issued.details };
    }
    return { verificationCode: issued.code, details: issued.details };
  }

  async function submit(request: SubmitCodeRequest): Promise<SubmitCodeResult> {
    if (state === 'expired' || state === 'locked') {
      return { ok: false, reason: state };
    }
    if (state !== 'pending') {
      return { ok: false, reason: 'closed' };
    }
    if (Date.now() >= expiresAt) {
      return { ok: false, reason: 'expired' };
    }

    const checked = await checkCode({ runId, generation, code: request.code });
    if (!checked.ok) {
      attempts = Math.max(attempts + 1, checked.attempts);
      if (attempts >= input.maxAttempts) {
        transition('locked');
        return { ok: false, reason: 'locked' };
      }
      return { ok: false, reason: checked.stale ? 'stale' : 'invalid' };
    }

    const marked = await markVerified({
      runId,
      userId: input.userId,
      orgId: input.orgId,
      target,
    });
    if (!marked.applied) {
      transition('cancelled');
      return { ok: false, reason: 'stale' };
    }
    transition('verified');
    return { ok: true, details: marked.details };
  }

  setHandler(issueCodeUpdate, (request) => serialize(() => issue(request)), {
    validator: (request) => {
      if (state !== 'pending' || firstIssueFailed) {
        throw new Error('the flow is closing');
      }
      if (!request || typeof request.target !== 'string' || !request.delivery) {
        throw new Error('malformed issueCode request');
      }
    },
  });

  setHandler(submitCodeUpdate, (request) => serialize(() => submit(request)), {
    // Rejects malformed input before it reaches history.
    validator: (request) => {
      const code = request?.code;
      if (typeof code !== 'string' || code.length < 1 || code.length > MAX_SUBMITTED_CODE_LENGTH) {
        throw new Error('verification code must be 1 to 20 characters');
      }
    },
  });

  setHandler(cancelSignal, () => {
    if (state === 'pending') {
      transition('cancelled');
    }
  });

  setHandler(statusQuery, () => ({
    state,
    generation,
    attempts,
    expiresAt: expiresAt ? new Date(expiresAt).toISOString() : undefined,
  }));

  await condition(() => generation > 0 || firstIssueFailed);

  while (state === 'pending' && !firstIssueFailed) {
    const issuedGeneration = generation;
    const remaining = expiresAt - Date.now();
    const woke =
      remaining > 0 &&
      (await condition(() => state !== 'pending' || generation !== issuedGeneration, remaining));
    if (!woke) {
      // Let a check already under way finish before the code dies.
      await serialize(async () => {
        if (state === 'pending' && generation === issuedGeneration) {
          transition('expired');
        }
      });
    }
  }

  // Handlers change `state` behind the compiler's back; read it afresh.
  const outcome = state as FlowState;
  if (outcome === 'expired' || outcome === 'locked' || outcome === 'cancelled') {
    await finishVerification({ runId, state: outcome });
  }

  await Promise.allSettled(sends);
  await condition(allHandlersFinished);
  return { state: outcome };
}
