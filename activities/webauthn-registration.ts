/**
 * WebAuthn registration ceremonies (WebAuthn Level 3, 7.1) with SimpleWebAuthn: options with a
 * fresh challenge, the attestation check, and the credential record. The workflow holds the
 * challenge between the two calls; PostgreSQL keeps the outcome and the credential.
 */
import { ApplicationFailure } from '@temporalio/activity';
import {
  generateRegistrationOptions,
  type AuthenticatorSelectionCriteria,
} from '@simplewebauthn/server';
import { Errors } from '../common/errors';
import type { CredentialKind } from '../common/flows';
import type { Details } from '../common/verification-messages';
import type {
  AuthenticatorAttachment,
  CreationOptionsJSON,
  LinkCode,
} from '../common/webauthn-messages';
import { consumeLink } from '../store/passkey-links-store';
import { appendUserEvent } from '../store/users-store';
import {
  credentialDescriptors,
  findRegistrant,
  findRegistration,
  finishRegistration,
  insertCredential,
  recordedRegistrationDetails,
  startRegistration,
} from '../store/webauthn-store';
import type { ActivityDeps } from './deps';
import { checkLinkCode } from './passkey-links';
import { checkAttestation } from './webauthn-attestation';

export interface BeginRegistrationInput {
  registrationId: string;
  workflowId: string;
  runId: string;
  credential: CredentialKind;
  userId: string;
  rpId: string;
  rpName: string;
  attachment?: AuthenticatorAttachment;
  linkCode?: LinkCode;
  ttlMs: number;
}

export type BeganRegistration =
  | { ok: true; options: CreationOptionsJSON; details: Details; expiresAt: string }
  | { ok: false; reason: 'code-invalid'; detail: string };

export interface VerifyCredentialInput {
  registrationId: string;
  credential: CredentialKind;
  userId: string;
  rpId: string;
  origins: string[];
  challenge: string;
  response: Record<string, unknown>;
  name: string;
}

export type VerifiedCredential = { ok: true; details: Details } | { ok: false; message: string };

export interface FinishRegistrationInput {
  registrationId: string;
  state: 'expired' | 'failed';
}

const EVENTS: Record<CredentialKind, { added: string; verified: string }> = {
  passkey: {
    added: 'user.human.passwordless.token.added',
    verified: 'user.human.passwordless.token.verified',
  },
  u2f: { added: 'user.human.mfa.u2f.token.added', verified: 'user.human.mfa.u2f.token.verified' },
};

/**
 * A new object on every call: generateRegistrationOptions writes into the selection it gets,
 * and its default is a module-level object shared by every request.
 */
function authenticatorSelection(
  credential: CredentialKind,
  attachment?: AuthenticatorAttachment,
): AuthenticatorSelectionCriteria {
  if (credential === 'u2f') {
    // A security key as second factor: no resident key, and no PIN or biometric it may lack.
    return {
      residentKey: 'discouraged',
      requireResidentKey: false,
      userVerification: 'discouraged',
    };
  }
  // A passkey is a first factor: discoverable, and verifying the user (L3 5.4.4, 5.4.6).
  return {
    residentKey: 'required',
    requireResidentKey: true,
    userVerification: 'required',
    ...(attachment ? { authenticatorAttachment: attachment } : {}),
  };
}

export function webauthnRegistrationActivities(deps: ActivityDeps) {
  const { db, clock } = deps;

  /**
   * Starts a registration: checks and consumes a link code, ends the previous pending one,
   * records this one and makes its creation options, all in one transaction.
   */
  async function beginRegistration(input: BeginRegistrationInput): Promise<BeganRegistration> {
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + input.ttlMs);

    const result = await db.transaction(async (transaction): Promise<BeganRegistration> => {
      const user = await findRegistrant(db, input.userId, transaction);
      if (!user) {
        throw ApplicationFailure.nonRetryable('the user no longer exists', Errors.userNotFound.id);
      }

      if (input.linkCode) {
        const link = { ...input.linkCode, userId: user.id, registrationId: input.registrationId };
        const check = await checkLinkCode(deps, link, transaction);
        if (check !== 'ok') {
          // Committed: the wrong try stays counted.
          return { ok: false, reason: 'code-invalid', detail: check };
        }
        await consumeLink(db, link.id, input.registrationId, now, transaction);
      }

      const existing = await credentialDescriptors(db, user.id, input.credential, transaction);
      const options = await generateRegistrationOptions({
        rpName: input.rpName,
        rpID: input.rpId,
        userID: new TextEncoder().encode(user.id),
        userName: user.username,
        userDisplayName: user.display_name,
        timeout: input.ttlMs,
        attestationType: 'none',
        excludeCredentials: existing.map((c) => ({
          id: c.credential_id,
          transports: c.transports,
        })),
        authenticatorSelection: authenticatorSelection(input.credential, input.attachment),
      });

      const registration = {
        id: input.registrationId,
        workflowId: input.workflowId,
        runId: input.runId,
        kind: input.credential,
        userId: user.id,
        rpId: input.rpId,
        linkCodeId: input.linkCode?.id,
        expiresAt,
      };
      await startRegistration(db, registration, now, transaction);
      const added = { id: input.registrationId, rpId: input.rpId };
      const event = EVENTS[input.credential].added;
      const details = await appendUserEvent(db, user.id, event, added, now, transaction);
      const json = options as unknown as CreationOptionsJSON;
      return { ok: true, options: json, details, expiresAt: expiresAt.toISOString() };
    });
    return result;
  }

  /**
   * Verifies the browser's attestation against the pending challenge, RP ID and origins
   * (WebAuthn L3 7.1 steps 7-26) and stores the credential (step 27). A retry after the
   * commit finds the recorded outcome.
   */
  async function verifyCredential(input: VerifyCredentialInput): Promise<VerifiedCredential> {
    const pending = await findRegistration(db, input.registrationId);
    const recorded = pending && recordedRegistrationDetails(pending, await orgOf(input.userId));
    if (recorded) {
      return { ok: true, details: recorded };
    }

    const checked = await checkAttestation({
      response: input.response,
      challenge: input.challenge,
      origins: input.origins,
      rpId: input.rpId,
      credential: input.credential,
    });
    if (!checked.ok) {
      return checked;
    }

    const { info } = checked;
    const now = clock.now();
    return db.transaction(async (transaction): Promise<VerifiedCredential> => {
      const stored = await insertCredential(
        db,
        {
          id: input.registrationId,
          userId: input.userId,
          kind: input.credential,
          credentialId: info.credential.id,
          publicKey: Buffer.from(info.credential.publicKey),
          signCount: info.credential.counter,
          transports: info.credential.transports ?? [],
          name: input.name,
          rpId: input.rpId,
          aaguid: info.aaguid,
          deviceType: info.credentialDeviceType,
          backedUp: info.credentialBackedUp,
          userVerified: info.userVerified,
        },
        now,
        transaction,
      );
      if (!stored) {
        return { ok: false, message: 'the credential is registered already' };
      }

      const verified = { id: input.registrationId, name: input.name, rpId: input.rpId };
      const event = EVENTS[input.credential].verified;
      const details = await appendUserEvent(db, input.userId, event, verified, now, transaction);
      await finishRegistration(db, input.registrationId, 'verified', now, details, transaction);
      return { ok: true, details };
    });
  }

  async function orgOf(userId: string): Promise<string> {
    return (await findRegistrant(db, userId))?.org_id ?? '';
  }

  /** Records how a registration ended when no credential was stored. */
  async function endRegistration(input: FinishRegistrationInput): Promise<void> {
    await finishRegistration(db, input.registrationId, input.state, clock.now());
  }

  return { beginRegistration, verifyCredential, endRegistration };
}
