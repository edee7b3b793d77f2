/** The shapes of the API's answers, documented in GET /openapi.json and checked by the tests. */
import { z } from 'zod';

export const detailsResponse = z.object({
  sequence: z.string().optional(),
  changeDate: z.string().datetime({ offset: true }),
  resourceOwner: z.string(),
});

/** The contract's error body (section 2.4); the gateway's own rejections carry no details. */
export const errorResponse = z.object({
  code: z.number().int(),
  message: z.string(),
  details: z
    .array(z.object({ '@type': z.string(), id: z.string(), message: z.string() }))
    .optional(),
});

export const addHumanUserResponse = z.object({
  userId: z.string(),
  details: detailsResponse,
  emailCode: z.string().optional(),
  phoneCode: z.string().optional(),
});

export const setEmailResponse = z.object({
  details: detailsResponse,
  verificationCode: z.string().optional(),
});

export const detailsOnlyResponse = z.object({ details: detailsResponse });

export const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  temporal: z.enum(['up', 'down']),
});

export const outboxResponse = z.object({
  messages: z.array(
    z.object({
      id: z.string(),
      channel: z.string(),
      recipient: z.string(),
      subject: z.string().optional(),
      text: z.string(),
      createdAt: z.string(),
    }),
  ),
});

export const addOrgResponse = z.object({
  organizationId: z.string(),
  primaryDomain: z.string(),
  details: detailsResponse,
});

export const addServiceAccountResponse = z.object({
  serviceAccountId: z.string(),
  details: detailsResponse,
});

export const addAccessTokenResponse = z.object({
  tokenId: z.string(),
  token: z.string(),
  expirationDate: z.string().datetime({ offset: true }),
  details: detailsResponse,
});

export const listAccessTokensResponse = z.object({
  result: z.array(
    z.object({
      tokenId: z.string(),
      state: z.enum(['active', 'expired', 'revoked']),
      creationDate: z.string().datetime({ offset: true }),
      expirationDate: z.string().datetime({ offset: true }),
    }),
  ),
});

export const codecResponse = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string()), data: z.string() })),
});
