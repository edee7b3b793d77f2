/**
 * The answers of the identity-provider operations (contract operations 2 to 5) and of the
 * provider configuration, documented in GET /openapi.json and checked by the tests.
 */
import { z } from 'zod';
import { detailsResponse } from './response-schemas';

export const AUTHENTICATION_METHOD_TYPES = [
  'AUTHENTICATION_METHOD_TYPE_PASSWORD',
  'AUTHENTICATION_METHOD_TYPE_PASSKEY',
  'AUTHENTICATION_METHOD_TYPE_IDP',
  'AUTHENTICATION_METHOD_TYPE_TOTP',
  'AUTHENTICATION_METHOD_TYPE_U2F',
  'AUTHENTICATION_METHOD_TYPE_OTP_SMS',
  'AUTHENTICATION_METHOD_TYPE_OTP_EMAIL',
] as const;

/** ListDetails: `totalResult` is a uint64, so a JSON string. */
export const listAuthenticationMethodTypesResponse = z.object({
  details: z.object({
    totalResult: z.string().regex(/^\d+$/),
    timestamp: z.string().datetime({ offset: true }),
  }),
  authMethodTypes: z.array(z.enum(AUTHENTICATION_METHOD_TYPES)).optional(),
});

export const startIntentResponse = z.object({
  details: detailsResponse,
  authUrl: z.string().url(),
});

const verifiedOrSend = <T extends z.ZodRawShape>(shape: T) =>
  z.union([
    z.object({ ...shape, isVerified: z.literal(true) }),
    z.object({ ...shape, sendCode: z.object({}) }),
  ]);

/** The AddHumanUser request offered for an identity not yet linked (contract operation 3). */
const prefilledHumanUser = z.object({
  username: z.string().optional(),
  profile: z.object({
    givenName: z.string().optional(),
    familyName: z.string().optional(),
    nickName: z.string().optional(),
    displayName: z.string().optional(),
    preferredLanguage: z.string().optional(),
  }),
  email: verifiedOrSend({ email: z.string() }).optional(),
  phone: verifiedOrSend({ phone: z.string() }).optional(),
  idpLinks: z.array(z.object({ idpId: z.string(), userId: z.string(), userName: z.string() })),
  metadata: z.array(z.object({ key: z.string(), value: z.string() })),
});

export const retrieveIntentResponse = z.object({
  details: detailsResponse,
  idpInformation: z.object({
    oauth: z.object({ accessToken: z.string().optional(), idToken: z.string().optional() }),
    idpId: z.string(),
    userId: z.string(),
    userName: z.string().optional(),
    rawInformation: z.record(z.unknown()).optional(),
  }),
  userId: z.string().optional(),
  addHumanUser: prefilledHumanUser.optional(),
});

export const addIdpResponse = z.object({ id: z.string(), details: detailsResponse });

const scopes = z.array(z.string()).optional();

export const getIdpResponse = z.object({
  idp: z.object({
    id: z.string(),
    details: detailsResponse,
    state: z.literal('IDP_STATE_ACTIVE'),
    name: z.string(),
    type: z.enum(['IDP_TYPE_OIDC', 'IDP_TYPE_OAUTH']),
    config: z.union([
      z.object({
        oidc: z.object({
          issuer: z.string(),
          clientId: z.string(),
          scopes,
          isIdTokenMapping: z.boolean().optional(),
        }),
      }),
      z.object({
        oauth: z.object({
          clientId: z.string(),
          authorizationEndpoint: z.string(),
          tokenEndpoint: z.string(),
          userEndpoint: z.string(),
          scopes,
          idAttribute: z.string(),
        }),
      }),
    ]),
  }),
});
