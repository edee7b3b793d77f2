/**
 * StartIdentityProviderIntent, the provider's callback, and RetrieveIdentityProviderIntent
 * (contract operations 2 and 3, section 5). Each intent is a workflow, `idp-intent:<id>`.
 */
import {
  ApplicationFailure,
  WithStartWorkflowOperation,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { Errors, FlowgateError } from '../../common/errors';
import {
  FlowKindAttribute,
  FlowStateAttribute,
  IDP_INTENT_KIND,
  idpIntentWorkflowId,
} from '../../common/flows';
import {
  beginIntentUpdate,
  callbackUpdate,
  type CallbackResult,
} from '../../common/idp-intent-messages';
import type { Details } from '../../common/verification-messages';
import type { IntentInformation } from '../../activities/idp-intents';
import { codeMatches } from '../../infra/codes';
import { newId } from '../../infra/ids';
import { findIdpConfig } from '../../store/idp-configs-store';
import {
  findIdpIntent,
  intentSecretContext,
  intentTokenScope,
  type IdpIntentRow,
} from '../../store/idp-intents-store';
import { linkedUserId } from '../../store/idp-links-store';
import type { idpIntentWorkflow } from '../../workflows/idp-intent-workflow';
import type { ApiDeps } from '../deps';
import { compact } from '../render';
import { isClosedOrMissing, withinCallTimeout } from './verification-client';
import { prefilledHumanUser } from './prefilled-human-user';

export interface StartIntentRequest {
  idpId: string;
  urls: { successUrl: string; failureUrl: string };
}

function instanceDetails(deps: ApiDeps, at: Date): Details {
  return { sequence: '1', changeDate: at.toISOString(), resourceOwner: deps.defaultOrg.id };
}

/** Starts the intent's workflow and returns the provider's authorization URL. */
export async function startIntent(deps: ApiDeps, request: StartIntentRequest) {
  if (!(await findIdpConfig(deps.db, request.idpId))) {
    throw new FlowgateError(Errors.idpNotExisting);
  }

  const intentId = newId();
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof idpIntentWorkflow>(
    'idpIntentWorkflow',
    {
      workflowId: idpIntentWorkflowId(intentId),
      taskQueue: deps.config.temporal.taskQueue,
      workflowIdConflictPolicy: 'FAIL',
      args: [
        {
          intentId,
          idpId: request.idpId,
          successUrl: request.urls.successUrl,
          failureUrl: request.urls.failureUrl,
          ttlMs: deps.config.idp.intentTtlMs,
        },
      ],
      typedSearchAttributes: [
        { key: FlowKindAttribute, value: IDP_INTENT_KIND },
        { key: FlowStateAttribute, value: 'started' },
      ],
      staticSummary: `Sign-in at identity provider ${request.idpId}`,
    },
  );

  const { authUrl } = await withinCallTimeout(deps, () =>
    deps.temporal.workflow.executeUpdateWithStart(beginIntentUpdate, { startWorkflowOperation }),
  );
  return { details: instanceDetails(deps, deps.clock.now()), authUrl };
}

const NOT_STARTED = { error: 'IDP-Sfrgs', errorDescription: 'Errors.Intent.NotStarted' };

function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) {
    if (value) {
      url.searchParams.set(key, value);
    }
  }
  return url.href;
}

/** Where the browser goes after the callback (contract section 5). */
function redirectFor(intent: IdpIntentRow, result: CallbackResult): string {
  switch (result.outcome) {
    case 'succeeded':
      return withParams(intent.success_url, {
        id: intent.id,
        token: result.token,
        user: result.userId,
      });
    case 'failed':
      return withParams(intent.failure_url, {
        id: intent.id,
        error: result.error,
        error_description: result.errorDescription,
      });
    default:
      return withParams(intent.failure_url, {
        id: intent.id,
        error: NOT_STARTED.error,
        error_description: NOT_STARTED.errorDescription,
      });
  }
}

/**
 * Hands the provider's answer to the intent's workflow and returns the redirect; undefined
 * when `state` names no intent (the route answers 400).
 */
export async function handleCallback(
  deps: ApiDeps,
  state: string,
  query: string,
): Promise<string | undefined> {
  const intent = await findIdpIntent(deps.db, state);
  if (!intent) {
    return undefined;
  }

  const handle = deps.temporal.workflow.getHandle(idpIntentWorkflowId(intent.id));
  let result: CallbackResult;
  try {
    result = await withinCallTimeout(deps, () =>
      handle.executeUpdate(callbackUpdate, { args: [{ query }] }),
    );
  } catch (error) {
    // A closed workflow, or its validator refusing a late callback: the intent is done.
    if (!isClosedOrMissing(error) && !isRefused(error)) {
      throw error;
    }
    result = { outcome: 'refused' };
  }
  return redirectFor(intent, result);
}

/** The workflow's validator turning away a callback: the intent is no longer started. */
function isRefused(error: unknown): boolean {
  return (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === Errors.intentNotStarted.id
  );
}

/** The checks of RetrieveIdentityProviderIntent, in the contract's order. */
function assertRetrievable(deps: ApiDeps, intent: IdpIntentRow | undefined, token: string) {
  if (!intent) {
    throw new FlowgateError(Errors.intentInvalidToken);
  }
  if (!intent.token_hash) {
    // Never succeeded, so no token was ever handed out.
    throw new FlowgateError(Errors.intentNotSucceeded);
  }
  if (
    !codeMatches(deps.config.codeHmacKey, intentTokenScope(intent.id), token, intent.token_hash)
  ) {
    throw new FlowgateError(Errors.intentInvalidToken);
  }
  const expired = intent.expires_at !== null && new Date(intent.expires_at) <= deps.clock.now();
  if (intent.state === 'expired' || expired) {
    throw new FlowgateError(Errors.intentExpired);
  }
  if (intent.state !== 'succeeded' || !intent.information_sealed) {
    throw new FlowgateError(Errors.intentNotSucceeded);
  }
}

/** What the provider said about the user, with the linked user or a prefilled AddHumanUser. */
export async function retrieveIntent(deps: ApiDeps, intentId: string, token: string) {
  const intent = await findIdpIntent(deps.db, intentId);
  assertRetrievable(deps, intent, token);
  const { id, idp_id: idpId, information_sealed: sealed, succeeded_at: at } = intent!;

  const information = JSON.parse(
    deps.secretBox.open(sealed!, intentSecretContext(id, 'information')),
  ) as IntentInformation;
  const userId = await linkedUserId(deps.db, idpId, information.userId);

  return compact({
    details: instanceDetails(deps, new Date(at!)),
    idpInformation: compact({
      oauth: compact({ accessToken: information.accessToken, idToken: information.idToken }),
      idpId,
      userId: information.userId,
      userName: information.userName,
      rawInformation: information.rawInformation,
    }),
    userId,
    addHumanUser: userId ? undefined : prefilledHumanUser(idpId, information),
  });
}
