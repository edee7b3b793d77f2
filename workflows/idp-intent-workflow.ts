/**
 * One sign-in at an external identity provider: `beginIntent` prepares the authorization URL,
 * the callback Update hands in the provider's answer, activities redeem the code and fetch the
 * user's claims. A timer ends an intent that never gets its callback, and one that succeeded
 * when its lifetime is over.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { Errors } from '../common/errors';
import { FlowStateAttribute } from '../common/flows';
import {
  LOGIN_FAILED_ERROR,
  MAX_CALLBACK_QUERY_LENGTH,
  beginIntentUpdate,
  callbackUpdate,
  intentStateQuery,
  type CallbackResult,
  type IdpIntentInput,
  type IdpIntentState,
} from '../common/idp-intent-messages';
import {
  completeIdpIntent,
  finishIdpIntent,
  prepareIdpAuthorization,
} from './idp-intent-activities';
import { createSerialQueue } from './serial';

export async function idpIntentWorkflow(input: IdpIntentInput): Promise<{ state: IdpIntentState }> {
  // Held in an object: handlers change it between the awaits below.
  const intent: { state: IdpIntentState } = { state: 'started' };
  let authUrl: string | undefined;
  // A second callback waits for the first and is then refused: the code is redeemed once.
  const serialize = createSerialQueue();

  const transition = (next: IdpIntentState) => {
    intent.state = next;
    upsertSearchAttributes([{ key: FlowStateAttribute, value: next }]);
  };

  setHandler(
    beginIntentUpdate,
    () =>
      serialize(async () => {
        try {
          authUrl ??= await prepareIdpAuthorization(input);
        } catch (error) {
          // Nothing was handed out: the intent ends here, and the caller learns why.
          await finishIdpIntent({ intentId: input.intentId, state: 'failed' });
          transition('failed');
          throw beginFailure(error);
        }
        return { authUrl };
      }),
    { validator: () => assertStarted(intent.state) },
  );

  setHandler(
    callbackUpdate,
    (request) =>
      serialize(async (): Promise<CallbackResult> => {
        if (intent.state !== 'started') {
          return { outcome: 'refused' };
        }
        const result = await redeem(input, request.query);
        transition(result.outcome === 'succeeded' ? 'succeeded' : 'failed');
        return result;
      }),
    {
      // Rejects malformed input and late callbacks before they reach history.
      validator: (request) => {
        assertStarted(intent.state);
        const query = request?.query;
        if (typeof query !== 'string' || query.length > MAX_CALLBACK_QUERY_LENGTH) {
          throw new Error('malformed callback');
        }
      },
    },
  );

  setHandler(intentStateQuery, () => intent.state);

  if (!(await condition(() => intent.state !== 'started', input.ttlMs))) {
    // No callback in time: a callback under way finishes first.
    await serialize(async () => {
      if (intent.state === 'started') {
        await finishIdpIntent({ intentId: input.intentId, state: 'expired' });
        transition('expired');
      }
    });
  }

  if (intent.state === 'succeeded') {
    await sleep(input.ttlMs);
    await finishIdpIntent({ intentId: input.intentId, state: 'expired' });
    transition('expired');
  }

  await condition(allHandlersFinished);
  return { state: intent.state };
}

function assertStarted(state: IdpIntentState): void {
  if (state !== 'started') {
    throw ApplicationFailure.nonRetryable(
      'the intent is no longer waiting for a callback',
      Errors.intentNotStarted.id,
    );
  }
}

/** An unknown provider stays what it is; anything else means the provider was unreachable. */
function beginFailure(error: unknown): ApplicationFailure {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  if (cause instanceof ApplicationFailure && cause.type === Errors.idpNotExisting.id) {
    return cause;
  }
  return ApplicationFailure.nonRetryable(
    'the identity provider could not be reached',
    Errors.unavailable.id,
  );
}

/** The provider's answer: an error it reported, or a code the activity redeems. */
async function redeem(input: IdpIntentInput, query: string): Promise<CallbackResult> {
  const error = /(?:^|&)error=([^&]*)/.exec(query);
  if (error) {
    await finishIdpIntent({ intentId: input.intentId, state: 'failed' });
    const description = /(?:^|&)error_description=([^&]*)/.exec(query);
    return {
      outcome: 'failed',
      error: decodeQueryValue(error[1]),
      errorDescription: description ? decodeQueryValue(description[1]) : undefined,
    };
  }

  // Retries exhausted (database or provider down) end the login as failed, like a refusal.
  const result = await completeIdpIntent({ intentId: input.intentId, query }).catch(
    (error: unknown) => {
      if (error instanceof ActivityFailure) {
        return { ok: false as const };
      }
      throw error;
    },
  );
  if (!result.ok) {
    await finishIdpIntent({ intentId: input.intentId, state: 'failed' });
    return { outcome: 'failed', ...LOGIN_FAILED_ERROR };
  }
  return { outcome: 'succeeded', token: result.token, userId: result.userId };
}

function decodeQueryValue(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
