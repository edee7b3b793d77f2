/** AddHumanUser (contract operation 1): the user row, its first event and its email flow. */
import { Errors, FlowgateError } from '../../common/errors';
import type { CodeDelivery, Details } from '../../common/verification-messages';
import { newId } from '../../infra/ids';
import { assertPasswordPolicy } from '../../infra/password-policy';
import { hashPassword, isImportableHash } from '../../infra/passwords';
import { findOrg, type OrgRow } from '../../store/orgs-store';
import { appendUserEvent, deleteUser, insertUser, type NewUser } from '../../store/users-store';
import { hasPermission, type Caller } from '../access/caller';
import type { ApiDeps } from '../deps';
import type { AddHumanUserRequest } from '../schemas/add-human-user-schema';
import { toE164 } from '../phone-number';
import { assertEmailTemplate, issueEmailCode } from './email-service';
import { insertIdpLinks } from './idp-link-service';
import { issuePhoneCode } from './phone-service';
import { importTOTPSecret } from './totp-service';
import { cancelVerification } from './verification-client';

export interface AddHumanUserResult {
  userId: string;
  details: Details;
  emailCode?: string;
  phoneCode?: string;
}

/**
 * The organization of the new user: the one the request names, else the caller's (contract
 * 2.2). One the caller may not create users in answers as one that does not exist.
 */
async function resolveOrg(
  deps: ApiDeps,
  request: AddHumanUserRequest,
  caller?: Caller,
): Promise<OrgRow> {
  if (!request.organization?.orgId && !request.organization?.orgDomain) {
    return caller
      ? ((await findOrg(deps.db, { orgId: caller.orgId })) ?? deps.defaultOrg)
      : deps.defaultOrg;
  }
  const org = await findOrg(deps.db, request.organization);
  if (!org || (caller && !hasPermission(caller, 'user.write', org.id))) {
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

/** Like the email: `isVerified` (true or false) makes no code, else a code is sent or returned. */
function phoneDelivery(request: AddHumanUserRequest): CodeDelivery | undefined {
  const { phone } = request;
  if (!phone?.phone || phone.isVerified !== undefined) {
    return undefined;
  }
  return phone.returnCode ? { type: 'return' } : { type: 'send' };
}

export async function addHumanUser(
  deps: ApiDeps,
  request: AddHumanUserRequest,
  caller?: Caller,
): Promise<AddHumanUserResult> {
  assertEmailTemplate(request.email.sendCode?.urlTemplate);
  const phone = request.phone?.phone
    ? toE164(request.phone.phone, deps.config.phone.defaultRegion)
    : undefined;
  if (phoneDelivery(request)?.type === 'send' && deps.config.sms.provider === 'none') {
    // Refused before the user exists, so no email code goes out for a user undone at once.
    throw new FlowgateError(Errors.smsNotConfigured);
  }
  const org = await resolveOrg(deps, request, caller);
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
    phone,
    phoneVerified: phone !== undefined && request.phone?.isVerified === true,
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
        ...(phone && { phone, phoneVerified: user.phoneVerified }),
      },
      now,
      transaction,
    );
    const { totpSecret } = request;
    return totpSecret ? importTOTPSecret(deps, user.id, totpSecret, transaction) : added;
  });

  const codes = await issueFirstCodes(deps, user, request).catch(async (error) => {
    // Without its verification flows the new user would be stranded: undo and let the
    // caller retry the whole request.
    await cancelVerification(deps, 'email-verification', user.id).catch(() => undefined);
    await deleteUser(deps.db, user.id).catch(() => undefined);
    throw error;
  });
  return { userId: user.id, details: codes.details ?? created, ...codes.returned };
}

/** The email code, then the phone code, as each option asks; the last details win. */
async function issueFirstCodes(
  deps: ApiDeps,
  user: NewUser,
  request: AddHumanUserRequest,
): Promise<{ details?: Details; returned: { emailCode?: string; phoneCode?: string } }> {
  const returned: { emailCode?: string; phoneCode?: string } = {};
  let details: Details | undefined;

  const emailVia = emailDelivery(request);
  if (emailVia) {
    const issued = await issueEmailCode(deps, {
      userId: user.id,
      orgId: user.orgId,
      email: user.email,
      delivery: emailVia,
    });
    details = issued.details;
    returned.emailCode = issued.verificationCode;
  }

  const phoneVia = phoneDelivery(request);
  if (phoneVia && user.phone) {
    const issued = await issuePhoneCode(deps, {
      userId: user.id,
      orgId: user.orgId,
      phone: user.phone,
      delivery: phoneVia,
    });
    details = issued.details;
    returned.phoneCode = issued.verificationCode;
  }
  return { details, returned };
}
