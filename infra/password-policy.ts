/**
 * The password policy, after NIST SP 800-63B 5.1.1.2: a length range, a check against a list
 * of common passwords, and composition rules only when configured. The first rule a password
 * breaks is returned, by its id in the contract's error catalogue.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Errors, FlowgateError, type ErrorSpec } from '../common/errors';
import type { PasswordPolicy } from '../config/config';

const COMMON_PASSWORDS_FILE = path.join(__dirname, '..', 'data', 'common-passwords.txt');

let commonPasswords: Set<string> | undefined;

/** The shipped list of common passwords (see README, Passwords), lower case, read once. */
export function loadCommonPasswords(): Set<string> {
  if (!commonPasswords) {
    const lines = fs.readFileSync(COMMON_PASSWORDS_FILE, 'utf8').split('\n');
    commonPasswords = new Set(lines.filter((line) => line !== '').map((l) => l.toLowerCase()));
  }
  return commonPasswords;
}

const RULES: { enabled: (p: PasswordPolicy) => boolean; pattern: RegExp; error: ErrorSpec }[] = [
  { enabled: (p) => p.requireLower, pattern: /\p{Ll}/u, error: Errors.passwordHasLower },
  { enabled: (p) => p.requireUpper, pattern: /\p{Lu}/u, error: Errors.passwordHasUpper },
  { enabled: (p) => p.requireNumber, pattern: /\p{Nd}/u, error: Errors.passwordHasNumber },
  { enabled: (p) => p.requireSymbol, pattern: /[^\p{L}\p{N}\s]/u, error: Errors.passwordHasSymbol },
];

/** The rule `password` breaks, or undefined when the policy accepts it. */
export function passwordPolicyViolation(
  password: string,
  policy: PasswordPolicy,
): ErrorSpec | undefined {
  // Length in code points, as the contract counts runes.
  const length = [...password].length;
  if (length < policy.minLength) {
    return Errors.passwordTooShort;
  }
  if (length > policy.maxLength) {
    return Errors.passwordTooLong;
  }

  const rule = RULES.find((r) => r.enabled(policy) && !r.pattern.test(password));
  if (rule) {
    return rule.error;
  }

  // Case-insensitive: "Password1" is as guessable as "password1".
  if (loadCommonPasswords().has(password.toLowerCase())) {
    return Errors.passwordCommon;
  }
  return undefined;
}

/** Throws the broken rule's error, as the contract names it. */
export function assertPasswordPolicy(password: string, policy: PasswordPolicy): void {
  const violation = passwordPolicyViolation(password, policy);
  if (violation) {
    throw new FlowgateError(violation);
  }
}
