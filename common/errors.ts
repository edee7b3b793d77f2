/**
 * The one error vocabulary of Flowgate: stable error ids (ZITADEL's i18n keys where the contract
 * names one) with their gRPC code. The API maps these to HTTP in exactly one place
 * (api/error-handler.ts); activities raise them as non-retryable ApplicationFailures whose
 * `type` is the id. Pure definitions, safe to import from workflows.
 */
export const GrpcCode = {
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

export type GrpcCodeValue = (typeof GrpcCode)[keyof typeof GrpcCode];

export interface ErrorSpec {
  readonly id: string;
  readonly code: GrpcCodeValue;
  readonly message: string;
}

function spec(id: string, code: GrpcCodeValue, message: string): ErrorSpec {
  return { id, code, message };
}

const C = GrpcCode;

export const Errors = {
  userNotFound: spec('Errors.User.NotFound', C.NOT_FOUND, 'User could not be found'),
  userAlreadyExists: spec('Errors.User.AlreadyExists', C.ALREADY_EXISTS, 'User already exists'),
  userIdTaken: spec('Errors.User.AlreadyExisting', C.FAILED_PRECONDITION, 'User already exists'),
  emailNotFound: spec('Errors.User.Email.NotFound', C.NOT_FOUND, 'Email not found'),
  emailNotChanged: spec('Errors.User.Email.NotChanged', C.FAILED_PRECONDITION, 'Email not changed'),
  emailInvalid: spec('Errors.User.Email.Invalid', C.INVALID_ARGUMENT, 'Email is invalid'),
  codeInvalid: spec('Errors.User.Code.Invalid', C.INVALID_ARGUMENT, 'Code is invalid'),
  codeExpired: spec('Errors.User.Code.Expired', C.FAILED_PRECONDITION, 'Code is expired'),
  verificationNotFound: spec(
    'Errors.User.Verification.NotFound',
    C.NOT_FOUND,
    'No verification is pending',
  ),
  invalidUrlTemplate: spec(
    'Errors.User.InvalidURLTemplate',
    C.INVALID_ARGUMENT,
    'URL Template is invalid',
  ),
  passwordNotSupported: spec(
    'Errors.User.Password.NotSupported',
    C.INVALID_ARGUMENT,
    'Password hash format is not supported',
  ),
  passwordTooShort: spec(
    'Errors.User.PasswordComplexityPolicy.MinLength',
    C.INVALID_ARGUMENT,
    'Password is too short',
  ),
  idpNotExisting: spec(
    'Errors.IDPConfig.NotExisting',
    C.FAILED_PRECONDITION,
    "Identity Provider Configuration doesn't exist",
  ),
  notImplemented: spec('Errors.NotImplemented', C.UNIMPLEMENTED, 'Not implemented yet'),
  orgNotFound: spec('Errors.Org.NotFound', C.FAILED_PRECONDITION, 'Organisation not found'),
  authMissing: spec('Errors.Token.Missing', C.UNAUTHENTICATED, 'auth header missing'),
  tokenInvalid: spec('Errors.Token.Invalid', C.UNAUTHENTICATED, 'Token is invalid'),
  routeNotFound: spec('Errors.Route.NotFound', C.NOT_FOUND, 'Not Found'),
  methodNotAllowed: spec('Errors.Route.MethodNotAllowed', C.UNIMPLEMENTED, 'Method Not Allowed'),
  deliveryRejected: spec(
    'Errors.Notification.Rejected',
    C.FAILED_PRECONDITION,
    'The message could not be delivered',
  ),
  flowTimeout: spec(
    'Errors.Flow.Timeout',
    C.DEADLINE_EXCEEDED,
    'The flow did not answer in time, try again',
  ),
  flowBusy: spec('Errors.Flow.Busy', C.UNAVAILABLE, 'The flow is busy, try again'),
  unavailable: spec('Errors.Unavailable', C.UNAVAILABLE, 'Service is unavailable'),
  internal: spec('Errors.Internal', C.INTERNAL, 'Internal error'),
  // The contract keeps ZITADEL's "Users" typo in this one id.
  totpVerifiedAlready: spec(
    'Errors.Users.MFA.OTP.AlreadyReady',
    C.FAILED_PRECONDITION,
    'Multifactor OTP is already set up',
  ),
  totpInvalidCode: spec('Errors.User.MFA.OTP.InvalidCode', C.INVALID_ARGUMENT, 'Invalid code'),
  // Identity providers, intents and links (issue 7).
  idpNotFound: spec('Errors.IDPConfig.NotFound', C.NOT_FOUND, 'Identity Provider not found'),
  externalIdpTaken: spec(
    'Errors.User.ExternalIDP.AlreadyExists',
    C.ALREADY_EXISTS,
    'External IDP already taken',
  ),
  externalIdpLoginFailed: spec(
    'Errors.User.ExternalIDP.LoginFailed',
    C.INVALID_ARGUMENT,
    'Login at External IDP failed',
  ),
  intentNotSucceeded: spec(
    'Errors.Intent.NotSucceeded',
    C.FAILED_PRECONDITION,
    'Intent has not succeeded',
  ),
  intentExpired: spec('Errors.Intent.Expired', C.FAILED_PRECONDITION, 'Intent has expired'),
  intentInvalidToken: spec(
    'Errors.Intent.InvalidToken',
    C.PERMISSION_DENIED,
    'Intent Token is invalid',
  ),
  intentNotStarted: spec('Errors.Intent.NotStarted', C.FAILED_PRECONDITION, 'Intent not started'),
  webauthnNotFound: spec(
    'Errors.User.WebAuthN.NotFound',
    C.NOT_FOUND,
    'WebAuthN Token could not be found',
  ),
  webauthnCreateFailed: spec(
    'Errors.User.WebAuthN.CreateCredentialFailed',
    C.INVALID_ARGUMENT,
    'Error on create credentials',
  ),
  webauthnDomainInvalid: spec(
    'Errors.User.WebAuthN.DomainNotAllowed',
    C.INVALID_ARGUMENT,
    'The domain is not a configured relying party ID',
  ),
  phoneNotFound: spec('Errors.User.Phone.NotFound', C.NOT_FOUND, 'Phone not found'),
  phoneNotChanged: spec('Errors.User.Phone.NotChanged', C.FAILED_PRECONDITION, 'Phone not changed'),
  phoneInvalid: spec('Errors.User.Phone.Invalid', C.INVALID_ARGUMENT, 'Phone is invalid'),
  otpAlreadyReady: spec(
    'Errors.User.MFA.OTP.AlreadyReady',
    C.ALREADY_EXISTS,
    'Multifactor OTP (OneTimePassword) is already set up',
  ),
  otpNotExisting: spec(
    'Errors.User.MFA.OTP.NotExisting',
    C.NOT_FOUND,
    "Multifactor OTP (OneTimePassword) doesn't exist",
  ),
  otpNotReady: spec(
    'Errors.User.MFA.OTP.NotReady',
    C.FAILED_PRECONDITION,
    "Multifactor OTP (OneTimePassword) isn't ready",
  ),
  sendBudgetExhausted: spec(
    'Errors.Notification.BudgetExhausted',
    C.RESOURCE_EXHAUSTED,
    'Too many codes were sent, try again later',
  ),
  smsNotConfigured: spec(
    'Errors.Notification.SMSNotConfigured',
    C.FAILED_PRECONDITION,
    'No SMS provider is configured',
  ),
  // Access model and abuse resistance (issue 8).
  permissionDenied: spec('AUTH-AWfge', C.PERMISSION_DENIED, 'No matching permissions found'),
  orgAlreadyExists: spec(
    'Errors.Org.AlreadyExists',
    C.ALREADY_EXISTS,
    'Organisation already exists',
  ),
  serviceAccountNotFound: spec(
    'Errors.ServiceAccount.NotFound',
    C.NOT_FOUND,
    'Service account could not be found',
  ),
  tokenNotFound: spec('Errors.Token.NotFound', C.NOT_FOUND, 'Token could not be found'),
  tokenExpiryInPast: spec(
    'Errors.Token.ExpirationDateInPast',
    C.INVALID_ARGUMENT,
    'Expiration date must be in the future',
  ),
  rateLimited: spec('Errors.RateLimit.Exceeded', C.RESOURCE_EXHAUSTED, 'Too many requests'),
  // Passwords: SetPassword, PasswordReset and the password policy (issue 4).
  passwordInvalid: spec('Errors.User.Password.Invalid', C.INVALID_ARGUMENT, 'Password is invalid'),
  passwordNotChanged: spec(
    'Errors.User.Password.NotChanged',
    C.FAILED_PRECONDITION,
    'New password cannot be the same as your current password',
  ),
  passwordUserNotFound: spec(
    'Errors.User.Password.NotFound',
    C.FAILED_PRECONDITION,
    'User could not be found',
  ),
  codeNotFound: spec('Errors.User.Code.NotFound', C.FAILED_PRECONDITION, 'Code not found'),
  passwordTooLong: spec(
    'Errors.User.PasswordComplexityPolicy.MaxLength',
    C.INVALID_ARGUMENT,
    'Password is too long',
  ),
  passwordHasLower: spec(
    'Errors.User.PasswordComplexityPolicy.HasLower',
    C.INVALID_ARGUMENT,
    'Password must contain lower case',
  ),
  passwordHasUpper: spec(
    'Errors.User.PasswordComplexityPolicy.HasUpper',
    C.INVALID_ARGUMENT,
    'Password must contain upper case',
  ),
  passwordHasNumber: spec(
    'Errors.User.PasswordComplexityPolicy.HasNumber',
    C.INVALID_ARGUMENT,
    'Password must contain number',
  ),
  passwordHasSymbol: spec(
    'Errors.User.PasswordComplexityPolicy.HasSymbol',
    C.INVALID_ARGUMENT,
    'Password must contain symbol',
  ),
  passwordCommon: spec(
    'Errors.User.PasswordComplexityPolicy.Common',
    C.INVALID_ARGUMENT,
    'Password is too common',
  ),
} as const satisfies Record<string, ErrorSpec>;

const byId = new Map<string, ErrorSpec>(Object.values(Errors).map((e) => [e.id, e]));

/** Looks up a spec by its stable id, e.g. the `type` of an ApplicationFailure. */
export function errorSpecById(id: string | undefined | null): ErrorSpec | undefined {
  return id ? byId.get(id) : undefined;
}

/** A business rejection that the API renders as the contract's `{code, message, details}`. */
export class FlowgateError extends Error {
  constructor(
    readonly spec: ErrorSpec,
    readonly detail?: string,
  ) {
    super(detail ? `${spec.message}: ${detail}` : spec.message);
    this.name = 'FlowgateError';
  }
}

/**
 * A request that fails validation: code 3 with a protoc-gen-validate style message and no
 * details array, as the contract describes.
 */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** The send budget is spent: 429, with the seconds until a send frees up (`Retry-After`). */
export class BudgetExhaustedError extends FlowgateError {
  constructor(readonly retryAfterSeconds: number) {
    super(Errors.sendBudgetExhausted);
    this.name = 'BudgetExhaustedError';
  }
}
