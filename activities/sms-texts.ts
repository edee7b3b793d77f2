/**
 * The text of each kind of code sent by SMS. A new kind adds its line here and reuses the
 * delivery activity as it is. Short enough for one GSM-7 segment; phone codes carry no link.
 */
export type SmsCodeKind = 'phone-verification' | 'password-reset';

const PURPOSES: Record<SmsCodeKind, string> = {
  'phone-verification': 'verification code',
  'password-reset': 'password reset code',
};

/**
 * The last line binds the code to the site (WICG origin-bound one-time codes), so a phone that
 * understands it offers the code only on that site.
 */
export function smsText(kind: SmsCodeKind, code: string, host: string): string {
  return `Your ${PURPOSES[kind]} is ${code}. Do not share it.\n\n@${host} #${code}`;
}
