/**
 * The state machine of one TOTP registration: a state, the secret's generation, its deadline
 * and the wrong codes counted. pending -> verified | expired | locked | cancelled.
 * Deterministic: the activities make, seal and check the secret.
 */
import {
  ApplicationFailure,
  setCurrentDetails,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { Errors } from '../common/errors';
import { FlowStateAttribute, type FlowState } from '../common/flows';
import type {
  StartTOTPResult,
  TOTPRegistrationInput,
  TOTPRegistrationStatus,
  VerifyTOTPRequest,
  VerifyTOTPResult,
} from '../common/totp-messages';
import { createTOTPSecret, verifyTOTPCode } from './totp-registration-activities';
import { failureType } from './verification-flow';

export class TOTPRegistrationFlow {
  state: FlowState = 'pending';
  generation = 0;
  expiresAt = 0;
  private attempts = 0;

  constructor(
    private readonly input: TOTPRegistrationInput,
    private readonly workflowId: string,
    private readonly runId: string,
  ) {}

  transition(next: FlowState): void {
    this.state = next;
    upsertSearchAttributes([{ key: FlowStateAttribute, value: next }]);
    this.describe(next);
  }

  /** Makes a new secret; the previous one dies and the lifetime starts again. */
  async start(): Promise<StartTOTPResult> {
    if (this.state !== 'pending') {
      throw ApplicationFailure.nonRetryable('the registration is closing', Errors.flowBusy.id);
    }

    const next = this.generation + 1;
    let created: StartTOTPResult;
    try {
      created = await createTOTPSecret({
        workflowId: this.workflowId,
        runId: this.runId,
        generation: next,
        userId: this.input.userId,
        ttlMs: this.input.ttlMs,
      });
    } catch (error) {
      if (this.generation === 0) {
        // Nothing was ever pending: the run ends instead of waiting for a secret it lacks.
        this.transition('cancelled');
      }
      throw ApplicationFailure.nonRetryable('no secret could be made', failureType(error));
    }

    this.generation = next;
    this.attempts = 0;
    this.expiresAt = Date.parse(created.expiresAt);
    this.describe(`pending, secret ${next}`);
    return created;
  }

  /** Checks one code; the fifth wrong one (by default) locks the registration. */
  async verify(request: VerifyTOTPRequest): Promise<VerifyTOTPResult> {
    if (this.state === 'expired' || this.state === 'locked') {
      return { ok: false, reason: this.state };
    }
    if (this.state !== 'pending' || this.generation === 0) {
      return { ok: false, reason: 'closed' };
    }
    if (Date.now() >= this.expiresAt) {
      return { ok: false, reason: 'expired' };
    }

    const { runId, generation, input } = this;
    let result;
    try {
      result = await verifyTOTPCode({
        runId,
        generation,
        userId: input.userId,
        orgId: input.orgId,
        code: request.code,
      });
    } catch (error) {
      throw ApplicationFailure.nonRetryable('the code could not be checked', failureType(error));
    }

    switch (result.outcome) {
      case 'verified':
        this.transition('verified');
        return { ok: true, details: result.details };
      case 'stale':
        return { ok: false, reason: 'closed' };
      case 'wrong':
        this.attempts = Math.max(this.attempts + 1, result.attempts);
        if (this.attempts >= input.maxAttempts) {
          this.transition('locked');
          return { ok: false, reason: 'locked' };
        }
        return { ok: false, reason: 'invalid' };
    }
  }

  /** Ends the registration when `generation` is still the live secret and nothing else did. */
  expire(generation: number): void {
    if (this.state === 'pending' && this.generation === generation) {
      this.transition('expired');
    }
  }

  /** The client's view: never the secret, sealed or not. */
  status(): TOTPRegistrationStatus {
    return {
      state: this.state,
      generation: this.generation,
      attempts: this.attempts,
      expiresAt: this.expiresAt ? new Date(this.expiresAt).toISOString() : undefined,
    };
  }

  private describe(what: string): void {
    setCurrentDetails(`TOTP registration of user ${this.input.userId}: ${what}`);
  }
}
