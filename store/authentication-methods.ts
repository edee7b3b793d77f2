/**
 * The ready authentication methods of a user (ListAuthenticationMethodTypes): one entry per
 * method type, each an SQL EXISTS probe, all answered by one query. A flow that adds a method
 * adds its entry here, in the contract's order (factors, then password, then IdP).
 *
 * A probe is a SELECT that may use the columns of `q`: `q.user_id`, `q.domain` (the
 * `domainQuery.domain`, or NULL) and `q.include_without_domain` (boolean). Probes of methods
 * bound to a relying party (passkey, U2F) apply the domain filter; the others ignore it.
 */
import type { Database } from '../infra/database';
import { queryOne } from './sql';

export type AuthenticationMethodType =
  | 'AUTHENTICATION_METHOD_TYPE_PASSWORD'
  | 'AUTHENTICATION_METHOD_TYPE_PASSKEY'
  | 'AUTHENTICATION_METHOD_TYPE_IDP'
  | 'AUTHENTICATION_METHOD_TYPE_TOTP'
  | 'AUTHENTICATION_METHOD_TYPE_U2F'
  | 'AUTHENTICATION_METHOD_TYPE_OTP_SMS'
  | 'AUTHENTICATION_METHOD_TYPE_OTP_EMAIL';

export interface AuthenticationMethodProbe {
  type: AuthenticationMethodType;
  exists: string;
}

export const AUTHENTICATION_METHODS: AuthenticationMethodProbe[] = [
  {
    type: 'AUTHENTICATION_METHOD_TYPE_PASSKEY',
    exists: `SELECT 1 FROM webauthn_credentials c WHERE c.user_id = q.user_id
      AND c.kind = 'passkey' AND (q.domain IS NULL OR c.rp_id = q.domain)`,
  },
  {
    type: 'AUTHENTICATION_METHOD_TYPE_U2F',
    exists: `SELECT 1 FROM webauthn_credentials c WHERE c.user_id = q.user_id
      AND c.kind = 'u2f' AND (q.domain IS NULL OR c.rp_id = q.domain)`,
  },
  {
    type: 'AUTHENTICATION_METHOD_TYPE_TOTP',
    exists: 'SELECT 1 FROM totp_credentials t WHERE t.user_id = q.user_id',
  },
  {
    type: 'AUTHENTICATION_METHOD_TYPE_OTP_SMS',
    exists: `SELECT 1 FROM user_otp_factors f JOIN users u ON u.id = f.user_id
      WHERE f.user_id = q.user_id AND f.type = 'otp_sms' AND u.phone_verified`,
  },
  {
    type: 'AUTHENTICATION_METHOD_TYPE_OTP_EMAIL',
    exists: `SELECT 1 FROM user_otp_factors f JOIN users u ON u.id = f.user_id
      WHERE f.user_id = q.user_id AND f.type = 'otp_email' AND u.email_verified`,
  },
  {
    type: 'AUTHENTICATION_METHOD_TYPE_PASSWORD',
    exists: 'SELECT 1 FROM users u WHERE u.id = q.user_id AND u.password_hash IS NOT NULL',
  },
  {
    type: 'AUTHENTICATION_METHOD_TYPE_IDP',
    exists: 'SELECT 1 FROM idp_links l WHERE l.user_id = q.user_id',
  },
];

export interface DomainQuery {
  domain?: string;
  includeWithoutDomain?: boolean;
}

/** The method types the user has ready, in registry order; none for an unknown user. */
export async function readyAuthenticationMethods(
  db: Database,
  userId: string,
  domainQuery: DomainQuery,
  methods: AuthenticationMethodProbe[] = AUTHENTICATION_METHODS,
): Promise<AuthenticationMethodType[]> {
  // The typed parameters live in `q`, so probes that ignore the domain leave no parameter
  // without a type.
  const columns = methods.map((m, i) => `EXISTS (${m.exists}) AS m${i}`).join(',\n  ');
  const row = await queryOne<Record<string, boolean>>(
    db,
    `WITH q AS (SELECT $1::text AS user_id, $2::text AS domain,
       $3::boolean AS include_without_domain)
     SELECT ${columns} FROM q`,
    [userId, domainQuery.domain ?? null, domainQuery.includeWithoutDomain ?? false],
  );
  return methods.filter((_, i) => row?.[`m${i}`] === true).map((m) => m.type);
}
