/**
 * How the API drives verification flows, whatever the channel: update-with-start on the
 * business-key workflow id, so the first request starts the flow and a later one replaces its
 * code atomically.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApplicationFailure,
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { Errors, FlowgateError, type ErrorSpec } from '../../common/errors';
import {
  FlowKindAttribute,
  FlowStateAttribute,
  UserIdAttribute,
  VERIFICATIONS,
  verificationWorkflowId,
  type VerificationChannel,
  type VerificationKind,
} from '../../common/flows';
import {
  cancelSignal,
  issueCodeUpdate,
  submitCodeUpdate,
  type CodeDelivery,
  type Details,
  type IssueCodeResult,
  type NewPasswordHash,
  type SubmitCodeResult,
} from '../../common/verification-messages';
import { latestFlow } from '../../store/flows-store';
import type { verificationWorkflow } from '../../workflows/verification-workflow';
import type { ApiDeps } from '../deps';
import { spendSendBudget } from './send-budget';

export const BUSY_RETRIES = 5;

export interface IssueCode {
  userId: string;
  orgId: string;
  /** The address the code proves. */
  target: string;
  delivery: CodeDelivery;
  /** The code's lifetime; each kind has its own setting. */
  ttlMs: number;
  /** Where this code goes when not the kind's own channel (a password reset by SMS). */
  channel?: VerificationChannel;
}

/**
 * A request waits for its flow at most the configured time: with no worker running, or the
 * database down, the caller gets a 504 instead of a request that never ends.
 */
export function withinCallTimeout<T>(deps: ApiDeps, call: () => Promise<T>): Promise<T> {
  return deps.temporal.withDeadline(Date.now() + deps.config.temporal.callTimeoutMs, call);
}

export function isFlowBusy(error: unknown): boolean {
  return (
    error instanceof WorkflowUpdateFailedError &&
    (error.cause as { type?: string } | undefined)?.type === Errors.flowBusy.id
  );
}

/**
 * Runs a call again while the pending flow is closing (just verified or locked) or did not
 * process it: the next try meets a new run or the run's next state. An update-with-start
 * `call` builds a fresh start operation each time.
 */
export async function retryWhileFlowBusy<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      // Neither a busy flow nor an unprocessed update applied anything: sending again is safe.
      const unapplied = isFlowBusy(error) || isUnprocessed(error);
      if (unapplied && attempt < BUSY_RETRIES) {
        await sleep(50 * 2 ** attempt);
        continue;
      }
      throw unapplied ? new FlowgateError(Errors.flowBusy) : error;
    }
  }
}

/** Starts the user's verification of `kind` or replaces the code of the pending one. */
export async function issueVerificationCode(
  deps: ApiDeps,
  kind: VerificationKind,
  request: IssueCode,
): Promise<IssueCodeResult> {
  const { config, temporal } = deps;
  const { channel, label } = VERIFICATIONS[kind];
  const workflowId = verificationWorkflowId(kind, request.userId);
  const codeChannel = request.channel ?? channel;
  // Before any code is made: over the budget, nothing is issued and nothing is sent.
  await spendSendBudget(deps, {
    userId: request.userId,
    medium: codeChannel === 'phone' ? 'sms' : 'email',
    recipient: request.target,
    delivered: request.delivery.type === 'send',
  });

  return retryWhileFlowBusy(() => {
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof verificationWorkflow>(
      'verificationWorkflow',
      {
        workflowId,
        taskQueue: config.temporal.taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [
          {
            kind,
            channel,
            userId: request.userId,
            orgId: request.orgId,
            ttlMs: request.ttlMs,
            maxAttempts: config.codes.maxAttempts,
          },
        ],
        typedSearchAttributes: [
          { key: UserIdAttribute, value: request.userId },
          { key: FlowKindAttribute, value: kind },
          { key: FlowStateAttribute, value: 'pending' },
        ],
        staticSummary: `${label} of user ${request.userId}`,
      },
    );

    return withinCallTimeout(deps, () =>
      temporal.workflow.executeUpdateWithStart(issueCodeUpdate, {
        args: [
          {
            target: request.target,
            delivery: request.delivery,
            ...(request.channel && { channel: request.channel }),
          },
        ],
        startWorkflowOperation,
      }),
    );
  });
}

/** Ends the pending verification, if any; used when the address is set as verified directly. */
export async function cancelVerification(
  deps: ApiDeps,
  kind: VerificationKind,
  userId: string,
): Promise<void> {
  const handle = deps.temporal.workflow.getHandle(verificationWorkflowId(kind, userId));
  try {
    await handle.signal(cancelSignal);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) {
      throw error;
    }
  }
}

/**
 * The server's answer to an update that reached a run in a workflow task that did not process
 * it (the run was closing, or the task was retried): nothing was applied, so it may be sent
 * again, and then meets the run's next state.
 */
export function isUnprocessed(error: unknown): boolean {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type === 'UnprocessedUpdate';
}

/** True for a call to a flow that has ended or never existed. */
export function isClosedOrMissing(error: unknown): boolean {
  if (error instanceof WorkflowNotFoundError) {
    return true;
  }
  // The server's answer to an update sent to a run that has just closed.
  const message = (error as { message?: string })?.message ?? '';
  return /workflow execution already completed/i.test(message);
}

const REJECTIONS = {
  closed: Errors.verificationNotFound,
  invalid: Errors.codeInvalid,
  stale: Errors.codeInvalid,
  locked: Errors.codeInvalid,
  expired: Errors.codeExpired,
  unchanged: Errors.passwordNotChanged,
} as const;

/** What a code gets when nothing is pending: a reset's code is Code.NotFound (contract 15). */
function nothingPending(kind: VerificationKind): ErrorSpec {
  return VERIFICATIONS[kind].resetsPassword ? Errors.codeNotFound : Errors.verificationNotFound;
}

/** Submits a code to the pending verification; tells an expired code from a missing flow. */
export async function submitVerificationCode(
  deps: ApiDeps,
  kind: VerificationKind,
  userId: string,
  code: string,
  password?: NewPasswordHash,
): Promise<Details> {
  const handle = deps.temporal.workflow.getHandle(verificationWorkflowId(kind, userId));

  let result: SubmitCodeResult;
  try {
    result = await retryWhileFlowBusy(() =>
      withinCallTimeout(deps, () =>
        handle.executeUpdate(submitCodeUpdate, { args: [{ code, ...(password && { password }) }] }),
      ),
    );
  } catch (error) {
    if (!isClosedOrMissing(error)) {
      throw error;
    }
    throw await closedFlowError(deps, kind, userId);
  }

  if (!result.ok) {
    const reason = result.reason;
    throw new FlowgateError(reason === 'closed' ? nothingPending(kind) : REJECTIONS[reason]);
  }
  return result.details;
}

/** What a code sent to a flow that is no longer running gets, from PostgreSQL's record. */
async function closedFlowError(
  deps: ApiDeps,
  kind: VerificationKind,
  userId: string,
): Promise<FlowgateError> {
  const flow = await latestFlow(deps.db, userId, kind);
  switch (flow?.state) {
    case 'expired':
      return new FlowgateError(Errors.codeExpired);
    case 'locked':
      return new FlowgateError(Errors.codeInvalid, 'too many wrong codes');
    default:
      return new FlowgateError(nothingPending(kind));
  }
}
