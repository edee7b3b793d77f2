/**
 * RegisterPasskey, VerifyPasskeyRegistration, RegisterU2F and VerifyU2FRegistration
 * (contract operations 12, 14, 21 and 22).
 */
import type { Request } from 'express';
import { Errors, FlowgateError } from '../../common/errors';
import type { RegistrationKind } from '../../common/flows';
import type { Details } from '../../common/verification-messages';
import type {
  AuthenticatorAttachment,
  CreationOptionsJSON,
  LinkCode,
} from '../../common/webauthn-messages';
import { findUser } from '../../store/users-store';
import type { ApiDeps } from '../deps';
import { beginWebAuthnRegistration, verifyWebAuthnRegistration } from './webauthn-client';

export interface StartRegistration {
  userId: string;
  domain?: string;
  attachment?: AuthenticatorAttachment;
  code?: LinkCode;
}

export interface StartedRegistration {
  registrationId: string;
  details: Details;
  publicKeyCredentialCreationOptions: { publicKey: CreationOptionsJSON };
}

/**
 * The RP ID of a registration: the requested `domain`, else the host the call came in on,
 * else the first configured one. Only configured RP IDs are allowed (WebAuthn L3 5.1.4.1).
 */
export function resolveRpId(deps: ApiDeps, domain: string | undefined, req: Request): string {
  const { rpIds } = deps.config.webauthn;
  if (domain !== undefined) {
    const rpId = domain.toLowerCase();
    if (!rpIds.includes(rpId)) {
      throw new FlowgateError(Errors.webauthnDomainInvalid, domain);
    }
    return rpId;
  }
  return rpIds.includes(req.hostname) ? req.hostname : rpIds[0];
}

/** Starts (or restarts) the user's registration of `kind` and returns its creation options. */
export async function startRegistration(
  deps: ApiDeps,
  kind: RegistrationKind,
  request: StartRegistration,
  req: Request,
): Promise<StartedRegistration> {
  const rpId = resolveRpId(deps, request.domain, req);
  const user = await findUser(deps.db, request.userId);
  if (!user) {
    throw new FlowgateError(Errors.userNotFound);
  }

  const began = await beginWebAuthnRegistration(deps, kind, {
    userId: user.id,
    orgId: user.org_id,
    rpId,
    attachment: request.attachment,
    linkCode: request.code,
  });
  return {
    registrationId: began.registrationId,
    details: began.details,
    publicKeyCredentialCreationOptions: { publicKey: began.options },
  };
}

/** Finishes the registration `registrationId` of the user with the browser's credential. */
export async function completeRegistration(
  deps: ApiDeps,
  kind: RegistrationKind,
  request: {
    userId: string;
    registrationId: string;
    credential: Record<string, unknown>;
    name: string;
  },
): Promise<Details> {
  const user = await findUser(deps.db, request.userId);
  if (!user) {
    throw new FlowgateError(Errors.webauthnNotFound);
  }
  return verifyWebAuthnRegistration(deps, kind, request);
}
