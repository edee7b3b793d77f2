/**
 * The I/O of identity-provider intents: preparing the authorization URL, redeeming the code at
 * the provider, and recording how the intent ended. Secrets (PKCE verifier, nonce, the
 * provider's tokens) live sealed in PostgreSQL, never in workflow history.
 */
import { randomBytes } from 'node:crypto';
import { ApplicationFailure, log } from '@temporalio/activity';
import { Errors } from '../common/errors';
import type { IdpIntentInput } from '../common/idp-intent-messages';
import { hashCode } from '../infra/codes';
import {
  authorizationUrl,
  newIntentChecks,
  redeemCallback,
  type IntentChecks,
  type ProviderAccess,
} from '../infra/openid';
import type { SecretBox } from '../infra/secret-box';
import { clientSecretContext, findIdpConfig, type IdpConfigRow } from '../store/idp-configs-store';
import {
  findIdpIntent,
  finishIntent,
  insertIdpIntent,
  intentSecretContext,
  intentTokenScope,
  markIntentSucceeded,
} from '../store/idp-intents-store';
import { linkedUserId } from '../store/idp-links-store';
import type { ActivityDeps } from './deps';

// OWASP ASVS 5.0 V7: session-like tokens carry at least 128 bits from a CSPRNG; this has 256.
const TOKEN_BYTES = 32;

/** The provider's answer as RetrieveIdentityProviderIntent renders it (contract 3.4). */
export interface IntentInformation {
  accessToken: string;
  idToken?: string;
  userId: string;
  userName?: string;
  rawInformation: Record<string, unknown>;
}

export type CompleteIntentResult = { ok: true; token: string; userId?: string } | { ok: false };

/** A provider's access description with its client secret opened. */
export function providerAccess(row: IdpConfigRow, secretBox: SecretBox): ProviderAccess {
  return {
    idpId: row.id,
    kind: row.kind,
    clientId: row.client_id,
    clientSecret: secretBox.open(row.client_secret_sealed, clientSecretContext(row.id)),
    scopes: row.scopes,
    issuer: row.issuer ?? undefined,
    isIdTokenMapping: row.is_id_token_mapping,
    authorizationEndpoint: row.authorization_endpoint ?? undefined,
    tokenEndpoint: row.token_endpoint ?? undefined,
    userEndpoint: row.user_endpoint ?? undefined,
    idAttribute: row.id_attribute ?? undefined,
  };
}

export function idpIntentActivities(deps: ActivityDeps) {
  const { db, clock, secretBox } = deps;
  const redirectUri = `${deps.publicUrl}/idps/callback`;

  async function configOf(idpId: string): Promise<IdpConfigRow> {
    const row = await findIdpConfig(db, idpId);
    if (!row) {
      throw ApplicationFailure.nonRetryable('unknown identity provider', Errors.idpNotExisting.id);
    }
    return row;
  }

  /**
   * Records the intent with fresh PKCE and nonce values and returns the provider's
   * authorization URL. A retry reuses the values recorded first, so the URL stays valid.
   */
  async function prepareIdpAuthorization(input: IdpIntentInput): Promise<string> {
    const row = await configOf(input.idpId);
    const context = intentSecretContext(input.intentId, 'pkce');
    const fresh = await newIntentChecks(row.kind);
    await insertIdpIntent(
      db,
      {
        id: input.intentId,
        idpId: input.idpId,
        successUrl: input.successUrl,
        failureUrl: input.failureUrl,
        secretsSealed: secretBox.seal(JSON.stringify(fresh), context),
      },
      clock.now(),
    );

    const intent = await findIdpIntent(db, input.intentId);
    const checks = JSON.parse(secretBox.open(intent!.secrets_sealed!, context)) as IntentChecks;
    return authorizationUrl(providerAccess(row, secretBox), redirectUri, input.intentId, checks);
  }

  /**
   * Redeems the code of the callback and keeps the answer sealed. A provider that refuses the
   * code, or answers nonsense, is a failed login, not a retry.
   */
  async function completeIdpIntent(input: {
    intentId: string;
    query: string;
  }): Promise<CompleteIntentResult> {
    const intent = await findIdpIntent(db, input.intentId);
    if (!intent || intent.state !== 'started' || !intent.secrets_sealed) {
      return { ok: false };
    }
    const row = await configOf(intent.idp_id);
    const checks = JSON.parse(
      secretBox.open(intent.secrets_sealed, intentSecretContext(intent.id, 'pkce')),
    ) as IntentChecks;

    let identity;
    try {
      const callbackUrl = new URL(`${redirectUri}?${input.query}`);
      identity = await redeemCallback(
        providerAccess(row, secretBox),
        callbackUrl,
        intent.id,
        checks,
      );
    } catch (error) {
      // The reason names the check that failed; it never carries a code or token.
      log.warn('identity provider login failed', {
        intentId: intent.id,
        reason: (error as { code?: string })?.code ?? (error as Error)?.name,
      });
      return { ok: false };
    }

    const information: IntentInformation = {
      accessToken: identity.accessToken,
      idToken: identity.idToken,
      userId: identity.userId,
      userName: identity.userName,
      rawInformation: row.kind === 'generic_oidc' ? { User: identity.claims } : identity.claims,
    };
    const userId = await linkedUserId(db, row.id, identity.userId);
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const now = clock.now();
    const recorded = await markIntentSucceeded(
      db,
      intent.id,
      {
        tokenHash: hashCode(deps.codeHmacKey, intentTokenScope(intent.id), token),
        informationSealed: secretBox.seal(
          JSON.stringify(information),
          intentSecretContext(intent.id, 'information'),
        ),
        userId,
        expiresAt: new Date(now.getTime() + deps.idpIntentTtlMs),
      },
      now,
    );
    return recorded ? { ok: true, token, userId } : { ok: false };
  }

  /** Ends the intent as failed or expired and drops what it held. */
  async function finishIdpIntent(input: {
    intentId: string;
    state: 'failed' | 'expired';
  }): Promise<void> {
    await finishIntent(db, input.intentId, input.state, clock.now());
  }

  return { prepareIdpAuthorization, completeIdpIntent, finishIdpIntent };
}
