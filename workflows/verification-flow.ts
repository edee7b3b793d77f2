/**
 * The state machine of one verification, after Ory Kratos' flows: a state, the code's
 * generation, issue time and deadline, the attempts, and every transition in this class.
 * pending -> verified | expired | locked | cancelled. Deterministic: activities do the I/O.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  log,
  setCurrentDetails,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { Errors } from '../common/errors';
import { FlowStateAttribute, type FlowState, type VerificationChannel } from '../common/flows';
import type { SendCodeInput } from '../activities/code-delivery';
import type {
  IssueCodeRequest,
  IssueCodeResult,
  SubmitCodeRequest,
  SubmitCodeResult,
  VerificationInput,
  VerificationStatus,
} from '../common/verification-messages';
import {
  issueCode,
  sendCodeBySms,
  sendVerificationEmail,
  verifyCode,
} from './verification-activities';

/** The activity that delivers a code on each channel. */
const DELIVERY: Record<VerificationChannel, (input: SendCodeInput) => Promise<void>> = {
  email: (input) => sendVerificationEmail(input),
  phone: ({ kind, runId, generation, target, code }) =>
    sendCodeBySms({
      kind: kind === 'password-reset' ? kind : 'phone-verification',
      runId,
      generation,
      target,
      code,
    }),
};

/**
 * The error id an activity rejected with, so the caller gets the same answer. A regular
 * activity's failure arrives wrapped in an ActivityFailure, a local activity's as it was thrown.
 */
export function failureType(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return (cause instanceof ApplicationFailure && cause.type) || Errors.unavailable.id;
}

export class VerificationFlow {
  state: FlowState = 'pending';
  generation = 0;
  expiresAt = 0;
  private attempts = 0;
  /** Deliveries under way; the workflow waits for them before it completes. */
  private readonly sends: Promise<void>[] = [];
  /** The live code's deliveries: a dead code's retries are pointless, so they are cancelled. */
  private deliveries = new CancellationScope();

  constructor(
    private readonly input: VerificationInput,
    private readonly workflowId: string,
    private readonly runId: string,
  ) {}

  transition(next: FlowState): void {
    this.state = next;
    upsertSearchAttributes([{ key: FlowStateAttribute, value: next }]);
    this.describe(next);
  }

  /** Makes a new code; the previous one dies and the lifetime starts again. */
  async issue(request: IssueCodeRequest): Promise<IssueCodeResult> {
    if (this.state !== 'pending') {
      // Locked or verified while this request waited: the caller starts a fresh flow.
      throw ApplicationFailure.nonRetryable('the flow is closing', Errors.flowBusy.id);
    }

    const { input, runId } = this;
    const next = this.generation + 1;
    const channel = request.channel ?? input.channel;
    let issued;
    try {
      issued = await issueCode({
        workflowId: this.workflowId,
        runId,
        generation: next,
        kind: input.kind,
        channel,
        userId: input.userId,
        target: request.target,
        ttlMs: input.ttlMs,
      });
    } catch (error) {
      if (this.generation === 0) {
        // Nothing was ever pending: the flow ends instead of waiting for a code it lacks.
        this.transition('cancelled');
      }
      throw ApplicationFailure.nonRetryable('the code could not be issued', failureType(error));
    }

    this.generation = next;
    this.attempts = 0;
    this.expiresAt = Date.parse(issued.expiresAt);
    this.describe(`pending, code ${next}`);
    this.deliveries.cancel();
    this.deliveries = new CancellationScope();

    if (request.delivery.type === 'return') {
      return { verificationCode: issued.code, details: issued.details };
    }
    const { urlTemplate } = request.delivery;
    const send = DELIVERY[channel];
    const delivery = this.deliveries.run(() =>
      send({
        runId,
        generation: next,
        userId: input.userId,
        orgId: input.orgId,
        kind: input.kind,
        target: request.target,
        code: issued.code,
        expiresAt: issued.expiresAt,
        urlTemplate,
      }),
    );
    // The code stays valid: the caller may ask for a new one. Operators see the warning.
    this.sends.push(
      delivery.catch((error) => {
        if (!isCancellation(error)) {
          log.warn('verification code could not be delivered', { generation: next });
        }
      }),
    );
    return { details: issued.details };
  }

  /** Checks one submitted code; the fifth wrong one (by default) locks the flow. */
  async submit(request: SubmitCodeRequest): Promise<SubmitCodeResult> {
    if (this.state === 'expired' || this.state === 'locked') {
      return { ok: false, reason: this.state };
    }
    if (this.state !== 'pending') {
      return { ok: false, reason: 'closed' };
    }
    if (Date.now() >= this.expiresAt) {
      return { ok: false, reason: 'expired' };
    }

    const { runId, generation, input } = this;
    const result = await verifyCode({
      runId,
      generation,
      channel: input.channel,
      userId: input.userId,
      orgId: input.orgId,
      code: request.code,
      ...(request.password ? { password: request.password } : {}),
    });
    switch (result.outcome) {
      case 'verified':
        this.transition('verified');
        return { ok: true, details: result.details };
      case 'superseded':
        this.transition('cancelled');
        return { ok: false, reason: 'stale' };
      case 'stale':
        return { ok: false, reason: 'stale' };
      case 'unchanged':
        return { ok: false, reason: 'unchanged' };
      case 'wrong':
        this.attempts = Math.max(this.attempts + 1, result.attempts);
        if (this.attempts >= input.maxAttempts) {
          this.transition('locked');
          return { ok: false, reason: 'locked' };
        }
        return { ok: false, reason: 'invalid' };
    }
  }

  /** Ends the flow when `generation` is still the live code and nothing else ended it. */
  expire(generation: number): void {
    if (this.state === 'pending' && this.generation === generation) {
      this.transition('expired');
    }
  }

  cancel(): void {
    if (this.state === 'pending') {
      this.transition('cancelled');
    }
  }

  /** Stops the retries of deliveries still under way and waits until they have settled. */
  async settleDeliveries(): Promise<void> {
    this.deliveries.cancel();
    await Promise.allSettled(this.sends);
  }

  /** The client's view: never the code or its hash. */
  status(): VerificationStatus {
    return {
      state: this.state,
      generation: this.generation,
      attempts: this.attempts,
      expiresAt: this.expiresAt ? new Date(this.expiresAt).toISOString() : undefined,
    };
  }

  private describe(what: string): void {
    setCurrentDetails(`${this.input.kind} of user ${this.input.userId}: ${what}`);
  }
}
