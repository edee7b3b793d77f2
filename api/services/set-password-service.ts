/**
 * SetPassword (contract operation 15): with the current password, with a code from a pending
 * reset, or, for an administrator, with neither. The policy is checked first, so a rejected
 * password never consumes a code.
 */
import { Errors, FlowgateError } from '../../common/errors';
import type { Details } from '../../common/verification-messages';
import { assertPasswordPolicy } from '../../infra/password-policy';
import { hashPassword, verifyPassword } from '../../infra/passwords';
import {
  PASSWORD_EVENTS,
  storePasswordHash,
  upgradePasswordHash,
} from '../../store/passwords-store';
import { appendUserEvent, findUser, type UserRow } from '../../store/users-store';
import type { ApiDeps } from '../deps';
import type { SetPasswordRequest } from '../schemas/password-schemas';
import { RESET_KIND } from './password-reset-service';
import { cancelVerification, submitVerificationCode } from './verification-client';

export interface SetPasswordCaller {
  /** May set a password of a user of `orgId` without proof (api/access/password-administrator). */
  isAdministratorOf(orgId: string): boolean;
}

export async function setPassword(
  deps: ApiDeps,
  request: SetPasswordRequest,
  caller: SetPasswordCaller,
): Promise<Details> {
  const user = await findUser(deps.db, request.userId);
  if (!user) {
    throw new FlowgateError(Errors.passwordUserNotFound);
  }
  assertPasswordPolicy(request.newPassword.password, deps.config.passwords.policy);

  if (request.verificationCode !== undefined) {
    return resetWithCode(deps, user, request, request.verificationCode);
  }
  if (request.currentPassword !== undefined) {
    return changeWithCurrent(deps, user, request, request.currentPassword);
  }
  if (!caller.isAdministratorOf(user.org_id)) {
    throw new FlowgateError(Errors.permissionDenied);
  }
  return setByAdministrator(deps, user, request);
}

/**
 * The code is checked, and the password set, by the pending reset flow in one transaction.
 * The new password is hashed here: only its hash enters the flow's history.
 */
async function resetWithCode(
  deps: ApiDeps,
  user: UserRow,
  request: SetPasswordRequest,
  code: string,
): Promise<Details> {
  const { password, changeRequired } = request.newPassword;
  const params = deps.config.argon2;
  // Checked whether or not the user has a password (dummy hash), and told only for a right code.
  const unchanged = (await verifyPassword(user.password_hash, password, params)).ok;
  const hash = await hashPassword(password, params);
  const newPassword = { hash, changeRequired: changeRequired ?? false, unchanged };
  return submitVerificationCode(deps, RESET_KIND, user.id, code, newPassword);
}

async function changeWithCurrent(
  deps: ApiDeps,
  user: UserRow,
  request: SetPasswordRequest,
  current: string,
): Promise<Details> {
  const params = deps.config.argon2;
  // No password stored: the dummy check costs the same, so the answer's timing tells nothing.
  const check = await verifyPassword(user.password_hash, current, params);
  if (!check.ok) {
    throw new FlowgateError(Errors.passwordInvalid);
  }

  if (request.newPassword.password === current) {
    if (check.needsRehash) {
      await upgradeHash(deps, user, current);
    }
    throw new FlowgateError(Errors.passwordNotChanged);
  }
  return storeNewPassword(deps, user, request, user.password_hash);
}

async function setByAdministrator(
  deps: ApiDeps,
  user: UserRow,
  request: SetPasswordRequest,
): Promise<Details> {
  const check = await verifyPassword(
    user.password_hash,
    request.newPassword.password,
    deps.config.argon2,
  );
  if (check.ok) {
    throw new FlowgateError(Errors.passwordNotChanged);
  }
  return storeNewPassword(deps, user, request);
}

/**
 * Writes the new argon2id hash. `expected`: the hash the current password was checked
 * against; if another change landed meanwhile, the check no longer holds.
 */
async function storeNewPassword(
  deps: ApiDeps,
  user: UserRow,
  request: SetPasswordRequest,
  expected?: string | null,
): Promise<Details> {
  const hash = await hashPassword(request.newPassword.password, deps.config.argon2);
  const changeRequired = request.newPassword.changeRequired ?? false;
  const now = deps.clock.now();
  const { db } = deps;

  const details = await db.transaction(async (transaction) => {
    const change = { userId: user.id, hash, changeRequired, expected };
    if (!(await storePasswordHash(db, change, transaction))) {
      throw new FlowgateError(Errors.passwordInvalid);
    }
    const payload = { changeRequired };
    return appendUserEvent(db, user.id, PASSWORD_EVENTS.changed, payload, now, transaction);
  });

  // A pending reset's code must not set another password after this one (single use).
  await cancelVerification(deps, RESET_KIND, user.id);
  return details;
}

/** An imported or weaker hash becomes argon2id at the configured parameters. */
async function upgradeHash(deps: ApiDeps, user: UserRow, password: string): Promise<void> {
  const upgraded = await hashPassword(password, deps.config.argon2);
  const { db } = deps;
  const now = deps.clock.now();
  await db.transaction(async (transaction) => {
    if (await upgradePasswordHash(db, user.id, user.password_hash!, upgraded, transaction)) {
      await appendUserEvent(db, user.id, PASSWORD_EVENTS.hashUpgraded, {}, now, transaction);
    }
  });
}
