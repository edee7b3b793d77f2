/**
 * The state machine of one user's pending WebAuthn registration: the live registration id,
 * its challenge and deadline, and every transition in this class. Each begin replaces the
 * registration; a verify uses its challenge once, whatever the outcome.
 * pending -> verified | expired | failed | cancelled. Deterministic: activities do the I/O.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  setCurrentDetails,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow';
import { Errors } from '../common/errors';
import { FlowStateAttribute } from '../common/flows';
import type {
  BeginRegistrationRequest,
  BeginRegistrationResult,
  RegistrationInput,
  RegistrationState,
  RegistrationStatus,
  VerifyRegistrationRequest,
  VerifyRegistrationResult,
} from '../common/webauthn-messages';
import { beginRegistration, verifyCredential } from './webauthn-activities';

/** The error id an activity rejected with, so the caller gets the same answer. */
function failureType(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  return (cause instanceof ApplicationFailure && cause.type) || Errors.unavailable.id;
}

export class RegistrationFlow {
  state: RegistrationState = 'pending';
  generation = 0;
  expiresAt = 0;
  registrationId?: string;
  private rpId = '';
  /** Cleared as soon as a verify takes it: a challenge answers once (WebAuthn L3 13.4.3). */
  private challenge?: string;

  constructor(
    private readonly input: RegistrationInput,
    private readonly workflowId: string,
    private readonly runId: string,
  ) {}

  transition(next: RegistrationState): void {
    this.state = next;
    upsertSearchAttributes([{ key: FlowStateAttribute, value: next }]);
    this.describe(next);
  }

  /** Starts a registration with a new challenge; a pending one is replaced. */
  async begin(request: BeginRegistrationRequest): Promise<BeginRegistrationResult> {
    if (this.state !== 'pending') {
      throw ApplicationFailure.nonRetryable('the flow is closing', Errors.flowBusy.id);
    }

    const { input } = this;
    const registrationId = uuid4();
    let began;
    try {
      began = await beginRegistration({
        registrationId,
        workflowId: this.workflowId,
        runId: this.runId,
        credential: input.credential,
        userId: input.userId,
        rpId: request.rpId,
        rpName: input.rpName,
        attachment: request.attachment,
        linkCode: request.linkCode,
        ttlMs: input.ttlMs,
      });
    } catch (error) {
      this.cancelIfNothingPending();
      throw ApplicationFailure.nonRetryable('the registration could not start', failureType(error));
    }
    if (!began.ok) {
      this.cancelIfNothingPending();
      throw ApplicationFailure.nonRetryable(`link code ${began.detail}`, Errors.codeInvalid.id);
    }

    this.generation += 1;
    this.registrationId = registrationId;
    this.rpId = request.rpId;
    this.challenge = began.options.challenge;
    this.expiresAt = Date.parse(began.expiresAt);
    this.describe(`pending, registration ${this.generation}`);
    return { registrationId, options: began.options, details: began.details };
  }

  /** Checks the browser's credential against the live registration's challenge. */
  async verify(request: VerifyRegistrationRequest): Promise<VerifyRegistrationResult> {
    const challenge = this.challenge;
    if (this.state !== 'pending' || request.registrationId !== this.registrationId || !challenge) {
      return { ok: false, reason: 'not-found' };
    }
    if (Date.now() >= this.expiresAt) {
      return { ok: false, reason: 'expired' };
    }

    this.challenge = undefined;
    const { input } = this;
    const result = await verifyCredential({
      registrationId: request.registrationId,
      credential: input.credential,
      userId: input.userId,
      rpId: this.rpId,
      origins: input.origins,
      challenge,
      response: request.credential,
      name: request.name,
    });
    if (!result.ok) {
      this.transition('failed');
      return { ok: false, reason: 'failed', message: result.message };
    }
    this.transition('verified');
    return { ok: true, details: result.details };
  }

  /** Ends the flow when `generation` is still the live registration. */
  expire(generation: number): void {
    if (this.state === 'pending' && this.generation === generation) {
      this.transition('expired');
    }
  }

  /** The client's view: never the challenge. */
  status(): RegistrationStatus {
    return {
      state: this.state,
      registrationId: this.registrationId,
      generation: this.generation,
      expiresAt: this.expiresAt ? new Date(this.expiresAt).toISOString() : undefined,
    };
  }

  /** A first start that failed leaves nothing to wait for: the flow ends. */
  private cancelIfNothingPending(): void {
    if (this.generation === 0) {
      this.transition('cancelled');
    }
  }

  private describe(what: string): void {
    setCurrentDetails(`${this.input.kind} of user ${this.input.userId}: ${what}`);
  }
}
