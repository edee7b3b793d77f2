/**
 * One passkey registration link: an activity makes the code and stores its hash, the
 * issueLink Update answers the caller (with the code for `return` delivery), and for `send`
 * the link is mailed with patient retries after the caller has its answer.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { Errors } from '../common/errors';
import { FlowStateAttribute } from '../common/flows';
import { issueLinkUpdate, type PasskeyLinkInput } from '../common/webauthn-messages';
import type { CreatedLink } from '../activities/passkey-links';
import { createPasskeyLink, sendPasskeyLinkEmail } from './webauthn-activities';

function failureType(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  return (cause instanceof ApplicationFailure && cause.type) || Errors.unavailable.id;
}

export async function passkeyLinkWorkflow(input: PasskeyLinkInput): Promise<void> {
  let created: CreatedLink | undefined;
  let failure: string | undefined;

  setHandler(issueLinkUpdate, async () => {
    await condition(() => created !== undefined || failure !== undefined);
    if (!created) {
      throw ApplicationFailure.nonRetryable('the link could not be created', failure);
    }
    const { details, code } = created;
    return input.delivery.type === 'return'
      ? { details, code: { id: input.codeId, code } }
      : { details };
  });

  try {
    created = await createPasskeyLink({
      codeId: input.codeId,
      userId: input.userId,
      ttlMs: input.ttlMs,
    });
  } catch (error) {
    failure = failureType(error);
  }
  // Operators see whether the code was made; its use is recorded in PostgreSQL.
  upsertSearchAttributes([{ key: FlowStateAttribute, value: created ? 'issued' : 'cancelled' }]);

  if (created && input.delivery.type === 'send') {
    try {
      await sendPasskeyLinkEmail({
        codeId: input.codeId,
        userId: input.userId,
        orgId: input.orgId,
        code: created.code,
        expiresAt: created.expiresAt,
        urlTemplate: input.delivery.urlTemplate,
      });
    } catch {
      // The caller may ask for a new link; operators see the warning.
      log.warn('passkey registration link could not be delivered');
    }
  }
  await condition(allHandlersFinished);
}
