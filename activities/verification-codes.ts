/**
 * Issuing and checking verification codes. The plain code leaves `issueCode` once, to the
 * workflow (whose history the payload codec encrypts); PostgreSQL keeps only its keyed hash.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { Errors } from '../common/errors';
import type { VerificationChannel, VerificationKind } from '../common/flows';
import type { Details } from '../common/verification-messages';
import { codeMatches, generateCode, hashCode } from '../infra/codes';
import { countFailedAttempt, findFlow, storeFlowCode } from '../store/flows-store';
import { appendUserEvent, findUser, updateEmail } from '../store/users-store';
import type { ActivityDeps } from './deps';

export interface IssueCodeInput {
  workflowId: string;
  runId: string;
  generation: number;
  kind: VerificationKind;
  channel: VerificationChannel;
  userId: string;
  target: string;
  ttlMs: number;
}

export interface IssuedCode {
  code: string;
  details: Details;
  expiresAt: string;
}

export interface CheckCodeInput {
  runId: string;
  generation: number;
  code: string;
}

export type CheckCodeResult = { ok: true } | { ok: false; attempts: number; stale: boolean };

/** The hash scope binds a code to one flow run and generation: it is worthless elsewhere. */
export const codeScope = (runId: string, generation: number): string => `${runId}:${generation}`;

export function verificationCodeActivities(deps: ActivityDeps) {
  const { db, clock } = deps;

  /** Makes a new code for the flow, stores its hash and records the change on the user. */
  async function issueCode(input: IssueCodeInput): Promise<IssuedCode> {
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + input.ttlMs);
    const code = generateCode(deps.codeLength);

    const details = await db.transaction(async (transaction) => {
      const user = await findUser(db, input.userId, transaction);
      if (!user) {
        throw ApplicationFailure.nonRetryable('the user no longer exists', Errors.userNotFound.id);
      }

      if (user.email !== input.target) {
        await updateEmail(db, input.userId, input.target, false, transaction);
        await appendUserEvent(
          db,
          input.userId,
          'user.human.email.changed',
          {
            email: input.target,
          },
          now,
          transaction,
        );
      }

      await storeFlowCode(
        db,
        {
          runId: input.runId,
          workflowId: input.workflowId,
          kind: input.kind,
          userId: input.userId,
          target: input.target,
          generation: input.generation,
          codeHash: hashCode(deps.codeHmacKey, codeScope(input.runId, input.generation), code),
          expiresAt,
        },
        now,
        transaction,
      );

      return appendUserEvent(
        db,
        input.userId,
        'user.human.email.code.added',
        {
          flow: input.workflowId,
          generation: input.generation,
        },
        now,
        transaction,
      );
    });

    return { code, details, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Compares a submitted code with the stored hash in constant time; a wrong one is counted
   * in the same statement that reads the new count, so concurrent guesses cannot slip past
   * the limit.
   */
  async function checkCode(input: CheckCodeInput): Promise<CheckCodeResult> {
    const flow = await findFlow(db, input.runId);
    if (
      !flow ||
      flow.state !== 'pending' ||
      flow.generation !== input.generation ||
      !flow.code_hash
    ) {
      return { ok: false, attempts: flow?.attempts ?? 0, stale: true };
    }

    const scope = codeScope(input.runId, input.generation);
    if (codeMatches(deps.codeHmacKey, scope, input.code, flow.code_hash)) {
      return { ok: true };
    }

    const attempts = await countFailedAttempt(db, input.runId, input.generation, clock.now());
    return { ok: false, attempts: attempts ?? flow.attempts, stale: attempts === undefined };
  }

  return { issueCode, checkCode };
}
