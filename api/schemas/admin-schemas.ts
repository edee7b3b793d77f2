/** Requests of the admin API: organizations, service accounts and their tokens. */
import { z } from 'zod';
import { ROLE_NAMES } from '../../common/permissions';
import { idString, runes } from '../validation';

const domainName = runes(1, 200).refine(
  (s) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(s),
  'value must be a domain name',
);

export const addOrgRequest = z.object({
  name: runes(1, 200),
  primaryDomain: domainName.optional(),
});

export const addServiceAccountRequest = z.object({
  name: runes(1, 200),
  organizationId: idString.optional(),
  roles: z.array(z.enum(ROLE_NAMES)).min(1).max(ROLE_NAMES.length),
});

export const addAccessTokenRequest = z.object({
  serviceAccountId: idString,
  expirationDate: z.string().datetime({ offset: true }).optional(),
});

export const tokenPathRequest = z.object({ serviceAccountId: idString, tokenId: idString });

export const serviceAccountPathRequest = z.object({ serviceAccountId: idString });

export type AddOrgRequest = z.infer<typeof addOrgRequest>;
export type AddServiceAccountRequest = z.infer<typeof addServiceAccountRequest>;
