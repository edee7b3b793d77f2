/** Every rule of the password policy through HTTP, with the composition rules switched on. */
import { newHumanUser } from '../support/fixtures';
import { createUser, errorId } from '../support/passwords';
import { useStack } from '../support/stack';

const ctx = useStack({
  env: {
    FLOWGATE_PASSWORD_MIN_LENGTH: '10',
    FLOWGATE_PASSWORD_REQUIRE_LOWER: 'true',
    FLOWGATE_PASSWORD_REQUIRE_UPPER: 'true',
    FLOWGATE_PASSWORD_REQUIRE_NUMBER: 'true',
    FLOWGATE_PASSWORD_REQUIRE_SYMBOL: 'true',
  },
});

const RULES: [string, string, number][] = [
  ['Ab1!xyz', 'MinLength', 3],
  ['ZEBRA LAMP 7!', 'HasLower', 3],
  ['zebra lamp 7!', 'HasUpper', 3],
  ['Zebra lamp !!', 'HasNumber', 3],
  ['Zebra lamp 77', 'HasSymbol', 3],
  ['P030710p$e4o', 'Common', 3],
];

describe('the password policy with every rule on', () => {
  it.each(RULES)('SetPassword rejects %s with %s', async (password, rule, code) => {
    const { userId } = await createUser(ctx.api);
    const response = await ctx.api.post(`/v2/users/${userId}/password`, {
      newPassword: { password },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
    expect(errorId(response.body)).toBe(`Errors.User.PasswordComplexityPolicy.${rule}`);
  });

  it.each(RULES)('AddHumanUser rejects %s with %s', async (password, rule) => {
    const body = newHumanUser({ isVerified: true }, { password: { password } });
    const response = await ctx.api.post('/v2/users/human', body);
    expect(response.status).toBe(400);
    expect(errorId(response.body)).toBe(`Errors.User.PasswordComplexityPolicy.${rule}`);
  });

  it('accepts a password that keeps every rule', async () => {
    const { userId } = await createUser(ctx.api);
    const response = await ctx.api.post(`/v2/users/${userId}/password`, {
      newPassword: { password: 'Zebra lamp 7!' },
    });
    expect(response.status).toBe(200);
  });

  it('rejects a password over 200 characters before any rule', async () => {
    const { userId } = await createUser(ctx.api);
    const response = await ctx.api.post(`/v2/users/${userId}/password`, {
      newPassword: { password: `Aa1!${'x'.repeat(197)}` },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      'invalid SetPasswordRequest.NewPassword.Password: ' +
        'value length must be between 1 and 200 runes, inclusive',
    );
  });
});
