/**
 * Input parsing over generated bodies (fast-check): any JSON either parses or is refused with
 * a ValidationError naming a field; nothing else escapes, so the API answers 400, never 500.
 */
import fc from 'fast-check';
import { ValidationError } from '../../common/errors';
import { addHumanUserRequest } from '../../api/schemas/add-human-user-schema';
import { setEmailRequest, verifyEmailRequest } from '../../api/schemas/email-schemas';
import { startIntentRequest } from '../../api/schemas/idp-schemas';
import { verifyTOTPRegistrationRequest } from '../../api/schemas/totp-schemas';
import { camelizeKeys, parseRequest } from '../../api/validation';

const SCHEMAS = {
  AddHumanUserRequest: addHumanUserRequest,
  SetEmailRequest: setEmailRequest,
  VerifyEmailRequest: verifyEmailRequest,
  StartIdentityProviderIntentRequest: startIntentRequest,
  VerifyTOTPRegistrationRequest: verifyTOTPRegistrationRequest,
};

/** Bodies shaped like requests: known keys (camel or snake case) with arbitrary JSON values. */
const KEYS = [
  'username',
  'profile',
  'given_name',
  'givenName',
  'email',
  'isVerified',
  'is_verified',
  'sendCode',
  'returnCode',
  'urlTemplate',
  'phone',
  'password',
  'hashedPassword',
  'metadata',
  'idpLinks',
  'totpSecret',
  'organization',
  'userId',
  'verificationCode',
  'idpId',
  'urls',
  'successUrl',
  'code',
  '__proto__',
  'constructor',
];
const body = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 8 }),
  ),
})).node;

function outcome(name: keyof typeof SCHEMAS, input: unknown): 'parsed' | 'refused' {
  try {
    parseRequest(name, SCHEMAS[name], input);
    return 'parsed';
  } catch (error) {
    if (error instanceof ValidationError && error.message.length > 0) {
      return 'refused';
    }
    throw error;
  }
}

describe('parseRequest', () => {
  it.each(Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[])(
    '%s: any body parses or is refused with a ValidationError',
    (name) => {
      fc.assert(
        fc.property(body, (input) => ['parsed', 'refused'].includes(outcome(name, input))),
        {
          numRuns: 500,
        },
      );
    },
  );
});

/** Every object key at any depth of `value`. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(keysOf);
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  }
  return [];
}

describe('camelizeKeys', () => {
  it('leaves no snake_case key at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) =>
        keysOf(camelizeKeys(value)).every((key) => !/_[a-z0-9]/.test(key)),
      ),
    );
  });

  it('keeps a "__proto__" key as data, never as the prototype', () => {
    const parsed = camelizeKeys(JSON.parse('{"__proto__": {"is_admin": true}}'));

    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect((parsed as { isAdmin?: boolean }).isAdmin).toBeUndefined();
  });
});
