/** AddHumanUser (contract operation 1): the user row, its first event and its email flow. */
import { Errors, FlowgateError } from '../../common/errors';
import type { CodeDelivery, Details } from '../../common/verification-messages';
import { newId } from '../../infra/ids';
import { assertPasswordPolicy } from '../../infra/password-policy';
import { hashPassword, isImportableHash } from '../../infra/passwords';
import { findOrg, type OrgRow } from '../../store/orgs-store';
import { appendUserEvent, deleteUser, insertUser, type NewUser } from '../../store/users-store';
import type { ApiDeps } from '../deps';
import type { AddHumanUserRequest } from '../schemas/add-human-user-schema';
import { assertEmailTemplate, issueEmailCode } from './email-service';
import { insertIdpLinks } from './idp-link-service';
import { importTOTPSecret } from './totp-service';

export interface AddHumanUserResult {
  userId: string;
  details: Details;
  emailCode?: string;
}

async function resolveOrg(deps: ApiDeps, request: AddHumanUserRequest): Promise<OrgRow> {
  if (!request.organization?.orgId && !request.organization?.orgDomain) {
    return deps.defaultOrg;
  }
  const org = await findOrg(deps.db, request.organization);
  if (!org) {
    throw new FlowgateError(Errors.orgNotFound);
  }
  return org;
}

async function passwordHashOf(
  deps: ApiDeps,
  request: AddHumanUserRequest,
): Promise<string | undefined> {
  if (request.hashedPassword) {
    if (!isImportableHash(request.hashedPassword.hash)) {
      throw new FlowgateError(Errors.passwordNotSupported);
    }
    return request.hashedPassword.hash;
  }
  if (request.password) {
    assertPasswordPolicy(request.password.password, deps.config.passwords.policy);
    return hashPassword(request.password.password, deps.config.argon2);
  }
  return undefined;
}

function emailDelivery(request: AddHumanUserRequest): CodeDelivery | undefined {
  const { email } = request;
  if (email.isVerified !== undefined) {
    // isVerified:false means "do not send a code" (contract, headline fact 9).
    return undefined;
  }
  return email.returnCode
    ? { type: 'return' }
    : { type: 'send', urlTemplate: email.sendCode?.urlTemplate };
}

function rejectUnsupported(request: AddHumanUserRequest): void {
  const phone = request.phone;
  if (phone?.phone && (phone.sendCode || phone.returnCode)) {
    throw new FlowgateError(Errors.notImplemented, 'phone verification codes');
  }
}

export async function addHumanUser(
  deps: ApiDeps,
  request: AddHumanUserRequest,
): Promise<AddHumanUserResult> {
  rejectUnsupported(request);
  assertEmailTemplate(request.email.sendCode?.urlTemplate);
  const org = await resolveOrg(deps, request);
  const passwordHash = await passwordHashOf(deps, request);
  const { profile } = request;

  const user: NewUser = {
    id: request.userId ?? newId(),
    orgId: org.id,
    username: request.username ?? request.email.email,
    givenName: profile.givenName,
    familyName: profile.familyName,
    nickName: profile.nickName || undefined,
    displayName: profile.displayName || `${profile.givenName} ${profile.familyName}`,
    preferredLanguage: profile.preferredLanguage || undefined,
    gender: profile.gender,
    email: request.email.email,
    emailVerified: request.email.isVerified === true,
    phone: request.phone?.phone || undefined,
    phoneVerified: Boolean(request.phone?.phone) && request.phone?.isVerified === true,
    passwordHash,
    passwordChangeRequired: Boolean(
      request.password?.changeRequired ?? request.hashedPassword?.changeRequired,
    ),
    metadata: request.metadata ?? [],
  };

  const now = deps.clock.now();
  const created = await deps.db.transaction(async (transaction) => {
    await insertUser(deps.db, user, now, transaction);
    // A taken external identity or an unknown provider rolls the whole user back.
    await insertIdpLinks(deps, user.id, request.idpLinks ?? [], now, transaction);
    const added = await appendUserEvent(
      deps.db,
      user.id,
      'user.human.added',
      {
        username: user.username,
        email: user.email,
        emailVerified: user.emailVerified,
      },
      now,
      transaction,
    );
    const { totpSecret } = request;
    return totpSecret ? importTOTPSecret(deps, user.id, totpSecret, transaction) : added;
  });

  const delivery = emailDelivery(request);
  if (!delivery) {
    return { userId: user.id, details: created };
  }

  try {
    const issued = await issueEmailCode(deps, {
      userId: user.id,
      orgId: org.id,
      email: user.email,
      delivery,
    });
    return { userId: user.id, details: issued.details, emailCode: issued.verificationCode };
  } catch (error) {
    // Without its verification flow the new user would be stranded: undo and let the
    // caller retry the whole request.
    await deleteUser(deps.db, user.id).catch(() => undefined);
    throw error;
  }
}
