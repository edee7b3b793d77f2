/** Requests of identity providers, intents and links (contract 3.4, operations 2 to 5). */
import { z } from 'zod';
import { isAllowedProviderUrl } from '../../infra/openid';
import { idString, runes } from '../validation';

const providerUrl = runes(1, 2048).refine(
  isAllowedProviderUrl,
  'value must be an https URL (http only on loopback)',
);

const scopes = z.array(runes(1, 200)).max(50);

export const addGenericOidcRequest = z.object({
  name: runes(1, 200),
  issuer: providerUrl,
  clientId: runes(1, 200),
  clientSecret: runes(1, 2000),
  scopes: scopes.optional(),
  isIdTokenMapping: z.boolean().optional(),
});

export const addOAuthRequest = z.object({
  name: runes(1, 200),
  clientId: runes(1, 200),
  clientSecret: runes(1, 2000),
  authorizationEndpoint: providerUrl,
  tokenEndpoint: providerUrl,
  userEndpoint: providerUrl,
  scopes: scopes.optional(),
  idAttribute: runes(1, 200),
});

const redirectUrl = runes(1, 2048).refine((s) => URL.canParse(s), 'value must be a valid URI');

export const startIntentRequest = z.object({
  idpId: idString,
  urls: z.object({ successUrl: redirectUrl, failureUrl: redirectUrl }),
});

export const retrieveIntentRequest = z.object({
  idpIntentId: idString,
  idpIntentToken: runes(1, 200),
});

export const idpLink = z.object({
  idpId: idString,
  userId: runes(1, 200),
  userName: runes(1, 200),
});

export const addIdpLinkRequest = z.object({ userId: idString, idpLink });

export type AddGenericOidcRequest = z.infer<typeof addGenericOidcRequest>;
export type AddOAuthRequest = z.infer<typeof addOAuthRequest>;
