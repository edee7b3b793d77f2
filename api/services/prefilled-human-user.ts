/**
 * The AddHumanUser request RetrieveIdentityProviderIntent offers for an identity not yet linked
 * (contract operation 3): profile, email and phone from the provider's standard claims
 * (OpenID Connect Core 1.0, 5.1), and the link itself.
 */
import type { IntentInformation } from '../../activities/idp-intents';
import { compact } from '../render';

function claim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function prefilledHumanUser(idpId: string, information: IntentInformation) {
  const raw = information.rawInformation;
  const claims = (raw.User && typeof raw.User === 'object' ? raw.User : raw) as Record<
    string,
    unknown
  >;
  const email = claim(claims, 'email');
  const phone = claim(claims, 'phone_number');
  const verified = (name: string) => claims[name] === true;

  return compact({
    username: claim(claims, 'preferred_username'),
    profile: compact({
      givenName: claim(claims, 'given_name'),
      familyName: claim(claims, 'family_name'),
      nickName: claim(claims, 'nickname'),
      displayName: claim(claims, 'name'),
      preferredLanguage: claim(claims, 'locale'),
    }),
    email: email
      ? verified('email_verified')
        ? { email, isVerified: true }
        : { email, sendCode: {} }
      : undefined,
    phone: phone
      ? verified('phone_number_verified')
        ? { phone, isVerified: true }
        : { phone, sendCode: {} }
      : undefined,
    idpLinks: [
      compact({
        idpId,
        userId: information.userId,
        userName: information.userName ?? information.userId,
      }),
    ],
    metadata: [],
  });
}
