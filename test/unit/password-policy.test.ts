import type { PasswordPolicy } from '../../config/config';
import { loadCommonPasswords, passwordPolicyViolation } from '../../infra/password-policy';

const NIST: PasswordPolicy = {
  minLength: 8,
  maxLength: 200,
  requireLower: false,
  requireUpper: false,
  requireNumber: false,
  requireSymbol: false,
};

const ALL_RULES: PasswordPolicy = {
  ...NIST,
  requireLower: true,
  requireUpper: true,
  requireNumber: true,
  requireSymbol: true,
};

const violation = (password: string, policy = NIST) =>
  passwordPolicyViolation(password, policy)?.id;

describe('the default password policy (NIST SP 800-63B)', () => {
  it('ships at least 10,000 common passwords', () => {
    expect(loadCommonPasswords().size).toBeGreaterThanOrEqual(10_000);
  });

  it('accepts 8 to 200 characters with no composition rules', () => {
    expect(violation('zebra lamp')).toBeUndefined();
    expect(violation('tqzvkwmx')).toBeUndefined();
    expect(violation('ü'.repeat(200))).toBeUndefined();
  });

  it('names the length rule a password breaks, counting code points', () => {
    expect(violation('abc12')).toBe('Errors.User.PasswordComplexityPolicy.MinLength');
    expect(violation('😀'.repeat(7))).toBe('Errors.User.PasswordComplexityPolicy.MinLength');
    expect(violation('x'.repeat(201))).toBe('Errors.User.PasswordComplexityPolicy.MaxLength');
  });

  it('rejects common passwords whatever their case', () => {
    for (const common of ['password', '12345678', 'iloveyou', 'PassWord1', 'QWERTYUIOP']) {
      expect(violation(common)).toBe('Errors.User.PasswordComplexityPolicy.Common');
    }
  });

  it('honours a longer configured minimum', () => {
    const policy = { ...NIST, minLength: 12 };
    expect(violation('zebra lamp', policy)).toBe('Errors.User.PasswordComplexityPolicy.MinLength');
    expect(violation('zebra lamp post', policy)).toBeUndefined();
  });
});

describe('composition rules switched on', () => {
  it.each([
    ['ZEBRA LAMP 7!', 'HasLower'],
    ['zebra lamp 7!', 'HasUpper'],
    ['Zebra lamp !', 'HasNumber'],
    ['Zebra lamp 7', 'HasSymbol'],
  ])('rejects %s with %s', (password, rule) => {
    expect(violation(password, ALL_RULES)).toBe(`Errors.User.PasswordComplexityPolicy.${rule}`);
  });

  it('accepts a password with every kind of character', () => {
    expect(violation('Zebra lamp 7!', ALL_RULES)).toBeUndefined();
  });

  it('checks each rule only when it is on', () => {
    expect(violation('zebra lamp', { ...NIST, requireUpper: true })).toBe(
      'Errors.User.PasswordComplexityPolicy.HasUpper',
    );
    expect(violation('zebra lamp', { ...NIST, requireLower: true })).toBeUndefined();
  });
});
